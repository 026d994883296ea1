package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jl2tp.model.Ownership;
import net.jl2tp.netlink.TwoHosts;
import net.jl2tp.testing.KernelTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two applies of different configs at once in one namespace, made certain to overlap: the first
 * runs in a JVM of its own and strace holds it for 20 s right after it took the lock (a delay on
 * the lock file's fdatasync). Meanwhile a run with {@code --lock-timeout 1} fails naming the
 * holder's pid and changes nothing, and a run with the default timeout waits; it then applies its
 * config on top of the first's result, so the kernel ends with the last run's config, and the
 * foreign objects and the record are right.
 */
@KernelTest
class ConcurrentApplyKernelTest {
    private static final String TUNNEL = """
                %s:
                  tunnel-id: %d
                  peer-tunnel-id: %d
                  local: 192.0.2.1
                  remote: 192.0.2.2
                  udp-source-port: %d
                  udp-destination-port: %d
                  sessions:
                    %s: { session-id: %d, peer-session-id: %d, mtu: %d }
            """;

    @TempDir
    Path tmp;

    private static String config(String... tunnels) {
        return "l2tp:\n  version: 1\n  tunnels:\n" + String.join("", tunnels);
    }

    private static String tunnel(String label, long id, int port, String session, int mtu) {
        return TUNNEL.formatted(label, id, id + 1000, port, port + 1000, session, id + 10, id + 20, mtu);
    }

    @Test
    @Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
    void twoAppliesAtOnceAreSerializedByTheLockAndTheLastConfigWins() throws Exception {
        Path state = tmp.resolve("state");
        Path lock = state.resolve("lock");
        CliInNetns cli = new CliInNetns(state);
        Path first = Files.writeString(tmp.resolve("first.yaml"),
                config(tunnel("kept", 3000, 5000, "pw0s", 1400), tunnel("only-first", 3001, 5001, "pw1s", 1400)));
        Path second = Files.writeString(tmp.resolve("second.yaml"),
                config(tunnel("kept", 3000, 5000, "pw0s", 1380), tunnel("only-second", 3002, 5002, "pw2s", 1400)));
        try (TwoHosts hosts = TwoHosts.create()) {
            var ns = hosts.a;
            ns.ipBatch("l2tp add tunnel tunnel_id 7000 peer_tunnel_id 7001 encap udp local 192.0.2.1 remote 192.0.2.2"
                    + " udp_sport 7000 udp_dport 7001", "l2tp add session name foreign0 tunnel_id 7000 session_id 70"
                    + " peer_session_id 71", "link add alien0 type dummy");
            String foreignTunnel = ns.ip("l2tp show tunnel tunnel_id 7000");
            String foreign0 = KernelSnapshot.ifindex(ns, "foreign0");
            String alien0 = KernelSnapshot.ifindex(ns, "alien0");

            CompletableFuture<TracedApply.Child> child = CompletableFuture.supplyAsync(
                    () -> TracedApply.start(state, ns, "-c", first.toString()));
            cli.run(ns, "--dry-run", "-c", second.toString()); // this JVM's classes loaded meanwhile
            TracedApply.Child holder = child.get(5, TimeUnit.MINUTES);
            String before = KernelSnapshot.of(ns);

            CompletableFuture<TracedApply.Result> firstRun = CompletableFuture.supplyAsync(() -> holder.go(
                    tmp.resolve("first.strace"), List.of("-e", "trace=fdatasync,sendto,sendmsg",
                            "-e", "inject=fdatasync:delay_exit=20000000:when=1"), null));
            assertThat(TracedApply.waitUntil(Duration.ofSeconds(120), () -> lockHolder(lock).equals(Long.toString(holder.pid()))))
                    .as("the first apply takes the lock").isTrue();

            CliInNetns.Result busy = cli.run(ns, "--lock-timeout", "1", "-c", second.toString());
            assertThat(busy.exit()).as(busy.all()).isEqualTo(ExitCode.FAILED);
            assertThat(busy.err()).isEqualTo("jl2tp-apply: another jl2tp-apply (pid " + holder.pid() + ") holds " + lock
                    + "; waited 1 s (--lock-timeout)\n");
            assertThat(firstRun).as("the first apply is still held").isNotDone();
            assertThat(KernelSnapshot.of(ns)).as("neither has changed anything yet").isEqualTo(before);

            CompletableFuture<CliInNetns.Result> secondRun = CompletableFuture.supplyAsync(
                    () -> cli.run(ns, "-c", second.toString()));
            Thread.sleep(2000);
            assertThat(secondRun).as("the second apply waits for the lock").isNotDone();
            assertThat(firstRun).isNotDone();

            TracedApply.Result one = firstRun.get(5, TimeUnit.MINUTES);
            assertThat(one.exit()).as(one.all()).isZero();
            assertThat(one.out()).contains("+ create tunnel 3001", "the kernel matches the config");
            CliInNetns.Result two = secondRun.get(5, TimeUnit.MINUTES);
            assertThat(two.exit()).as(two.all()).isZero();
            // It planned against the first one's result: it removes what only the first config had.
            assertThat(two.out()).contains("- delete tunnel 3001", "+ create tunnel 3002", "~ set pw0s mtu 1380",
                    "the kernel matches the config").doesNotContain("create tunnel 3000");

            CliInNetns.Result dry = cli.run(ns, "--dry-run", "--exit-code", "-c", second.toString());
            assertThat(dry.exit()).as(dry.all()).isZero();
            String tunnels = ns.ip("l2tp show tunnel");
            assertThat(tunnels).contains("Tunnel 3000,", "Tunnel 3002,", "Tunnel 7000,").doesNotContain("Tunnel 3001,");
            assertThat(ns.ip("link show pw0s")).contains("mtu 1380");
            // `ip l2tp show tunnel tunnel_id N` lists every tunnel on iproute2 6.1: the foreign one's block must be as it was.
            assertThat(ns.ip("l2tp show tunnel")).contains(foreignTunnel);
            assertThat(KernelSnapshot.ifindex(ns, "foreign0")).isEqualTo(foreign0);
            assertThat(KernelSnapshot.ifindex(ns, "alien0")).isEqualTo(alien0);
            Ownership record = KillNineKernelTest.record(ns, state);
            assertThat(record.owned().tunnels().keySet()).containsExactlyInAnyOrder(3000L, 3002L);
            assertThat(record.owned().sessions()).hasSize(2);
            assertThat(record.owned().links()).isEmpty();
            assertThat(record.owned().foreignPorts()).isEqualTo(Map.of());
            assertThat(Set.of(ns.ip("-o link show").split("\n")).stream().anyMatch(l -> l.contains("pw1s"))).isFalse();
        }
    }

    private static String lockHolder(Path lock) {
        try {
            return Files.readString(lock).strip();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
