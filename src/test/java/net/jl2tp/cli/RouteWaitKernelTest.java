package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --wait-online} and the route toward a tunnel's remote: the kernel refuses a tunnel with no
 * route to its peer (ENETUNREACH, or the errno of a reject route), so at boot a tunnel waits for that
 * route as for its local address, and one that never gets it is held while the rest is applied.
 * One fresh namespace with a dummy underlay and {@code src/test/resources/wait-online/routes.yaml}:
 * 'near' reaches a connected peer, 'far' (IPv4, UDP) and 'far6' (IPv6, IP encapsulation) have peers
 * nothing routes to until the test adds a route.
 * {@code ip l2tp show tunnel} is the witness.
 */
@KernelTest
class RouteWaitKernelTest {
    private static final Path CONFIG = Path.of("src/test/resources/wait-online/routes.yaml");
    private static final String FAR_WAITS = "waiting: tunnel 'far' (3002) waits for a route to 203.0.113.9 from 192.0.2.1 "
            + "(no route: ENETUNREACH)";
    private static final String FAR6_WAITS = "waiting: tunnel 'far6' (3003) waits for a route to 2001:db8:9::9 from "
            + "2001:db8:1::1 (no route: ENETUNREACH)";

    @TempDir
    Path tmp;

    private Netns host() {
        Netns ns = Netns.create("route");
        ns.ipBatch("link add d0 type dummy", "link set d0 up", "addr add 192.0.2.1/24 dev d0",
                "addr add 2001:db8:1::1/64 dev d0 nodad");
        return ns;
    }

    private CliInNetns.Result jl2tp(Netns ns, String... args) {
        return new CliInNetns(tmp.resolve("state")).run(ns, args);
    }

    @Test
    void routesThatComeWhileTheApplyWaitsBringTheirTunnelsUpWithoutAnotherRun() throws Exception {
        try (Netns ns = host()) {
            Path config = CONFIG;
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            long start = System.nanoTime();
            CompletableFuture<Integer> boot = CompletableFuture.supplyAsync(() -> new CliInNetns(tmp.resolve("state"))
                    .run(ns, out, err, "--wait-online", "120", "-c", config.toString()));

            // Both are waiting (said so), nothing is made yet; the routes come 2 s later.
            long said = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(out.toString().contains(FAR_WAITS) && out.toString().contains(FAR6_WAITS)) && !boot.isDone()
                    && System.nanoTime() < said) {
                Thread.sleep(100);
            }
            assertThat(out.toString()).as(out + "" + err).contains(FAR_WAITS, FAR6_WAITS);
            Thread.sleep(2000);
            assertThat(boot).as("still waiting for the routes: " + out + err).isNotDone();
            assertThat(ns.ip("l2tp show tunnel")).as("nothing made while waiting").isEmpty();
            ns.ipBatch("route add 203.0.113.0/24 dev d0", "route add 2001:db8:9::/64 dev d0");

            int exit = boot.get(120, TimeUnit.SECONDS);

            assertThat(exit).as(out + "" + err).isZero();
            assertThat(System.nanoTime() - start).as("waited for the routes").isGreaterThan(TimeUnit.SECONDS.toNanos(2));
            assertThat(out.toString()).contains("+ create tunnel 3001", "+ create tunnel 3002", "+ create tunnel 3003",
                    "the kernel matches the config");
            assertThat(out.toString().lines().filter(l -> l.startsWith("waiting:")))
                    .as("one line per waiting tunnel").containsExactly(FAR_WAITS, FAR6_WAITS);
            assertThat(ns.ip("l2tp show tunnel")).contains("Tunnel 3001", "Tunnel 3002", "From 192.0.2.1 to 203.0.113.9",
                    "Tunnel 3003, encap IP", "From 2001:db8:1::1 to 2001:db8:9::9");
            // mtu auto is read again after the wait: the route to 'far' is there, no "no route" warning.
            assertThat(out.toString()).doesNotContain("mtu auto: no route");
        }
    }

    @Test
    void aPeerThatNeverGetsARouteIsHeldAndNamedWhileTheRoutableTunnelIsMade() throws Exception {
        try (Netns ns = host()) {
            Path config = CONFIG;
            ns.ip("route add prohibit 2001:db8:9::/64"); // a reject route is no route either: it is named

            CliInNetns.Result boot = jl2tp(ns, "--wait-online", "2", "-c", config.toString());

            assertThat(boot.exit()).as(boot.all()).isEqualTo(ExitCode.FAILED);
            assertThat(boot.out()).contains(FAR_WAITS, "waiting: tunnel 'far6' (3003) waits for a route to 2001:db8:9::9 "
                    + "from 2001:db8:1::1 (a prohibit route: EACCES)", "+ create tunnel 3001")
                    .doesNotContain("create tunnel 3002", "create tunnel 3003");
            assertThat(boot.err()).contains(
                    "jl2tp-apply: tunnel 'far' (3002) did not come up: no route to 203.0.113.9 from 192.0.2.1 (ENETUNREACH) "
                            + "after 2 s (--wait-online); everything else is applied",
                    "jl2tp-apply: tunnel 'far6' (3003) did not come up: no route to 2001:db8:9::9 from 2001:db8:1::1 "
                            + "(a prohibit route: EACCES) after 2 s (--wait-online); everything else is applied");
            assertThat(ns.ip("l2tp show tunnel")).contains("Tunnel 3001").doesNotContain("Tunnel 3002", "Tunnel 3003");
            assertThat(ns.ip("link show l2tpeth1")).contains("l2tpeth1");

            // With --output json, stdout is the plan's JSON alone: the waiting lines go to stderr.
            CliInNetns.Result json = jl2tp(ns, "--output", "json", "--wait-online", "1", "-c", config.toString());
            assertThat(json.exit()).as(json.all()).isEqualTo(ExitCode.FAILED);
            assertThat(json.out()).startsWith("{").doesNotContain("waiting:");
            assertThat(json.err()).contains(FAR_WAITS, "tunnel 'far' (3002) did not come up");

            // The next run (a reload) makes them once their routes are there, and leaves 'near' alone.
            ns.ipBatch("route add 203.0.113.0/24 dev d0", "route del prohibit 2001:db8:9::/64",
                    "route add 2001:db8:9::/64 dev d0");
            CliInNetns.Result later = jl2tp(ns, "--wait-online", "5", "-c", config.toString());

            assertThat(later.exit()).as(later.all()).isZero();
            assertThat(later.out()).contains("+ create tunnel 3002", "+ create tunnel 3003")
                    .doesNotContain("create tunnel 3001", "waiting:");
            assertThat(ns.ip("l2tp show tunnel")).contains("Tunnel 3001", "Tunnel 3002", "Tunnel 3003");

            // A tunnel the kernel already has needs no route to stay: losing it later holds nothing.
            ns.ip("route del 203.0.113.0/24 dev d0");
            CliInNetns.Result reload = jl2tp(ns, "--wait-online", "5", "-c", config.toString());
            assertThat(reload.exit()).as(reload.all()).isZero();
            assertThat(reload.out()).contains("in sync: nothing to change").doesNotContain("waiting:");
            assertThat(ns.ip("l2tp show tunnel")).contains("Tunnel 3002");
        }
    }

    /** Without --wait-online the refusal fails the apply, undone, and says what it means; --dry-run does not wait. */
    @Test
    void withoutWaitOnlineNoRouteFailsTheApplyWithAClearMessage() throws Exception {
        try (Netns ns = host()) {
            ns.ip("route add 2001:db8:9::/64 dev d0");
            Path config = CONFIG;

            long start = System.nanoTime();
            CliInNetns.Result dry = jl2tp(ns, "--dry-run", "--wait-online", "60", "-c", config.toString());
            assertThat(dry.exit()).as(dry.all()).isZero();
            assertThat(dry.out()).contains("+ create tunnel 3002").doesNotContain("waiting:");
            assertThat(System.nanoTime() - start).as("--dry-run does not wait").isLessThan(TimeUnit.SECONDS.toNanos(50));

            CliInNetns.Result noRoute = jl2tp(ns, "-c", config.toString());
            assertThat(noRoute.exit()).as(noRoute.all()).isEqualTo(ExitCode.FAILED);
            assertThat(noRoute.err()).contains("create tunnel 3002 (udp 192.0.2.1 -> 203.0.113.9", "failed: ENETUNREACH "
                    + "(Network is unreachable); no route to the remote address 203.0.113.9 from 192.0.2.1 (`ip route get "
                    + "203.0.113.9 from 192.0.2.1`); --wait-online waits for a route", "were undone");
            assertThat(ns.ip("l2tp show tunnel")).as("undone").isEmpty();

            // A prohibit route refuses with EACCES: said as such, not as a missing privilege.
            ns.ip("route add prohibit 203.0.113.0/24");
            CliInNetns.Result prohibit = jl2tp(ns, "-c", config.toString());
            assertThat(prohibit.exit()).as(prohibit.all()).isEqualTo(ExitCode.FAILED);
            assertThat(prohibit.err()).contains("create tunnel 3002 (udp", "failed: EACCES (Permission denied); a prohibit "
                    + "route toward the remote address 203.0.113.9 from 192.0.2.1").doesNotContain("run as root");
            assertThat(prohibit.out()).contains("mtu auto: no route toward 203.0.113.9 from 192.0.2.1: a prohibit route: "
                    + "EACCES (Permission denied)");
            assertThat(ns.ip("l2tp show tunnel")).as("undone").isEmpty();
        }
    }
}
