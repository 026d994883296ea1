package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import net.jl2tp.json.JsonReader;
import net.jl2tp.testing.Command;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One link file for a hub and two spokes (issue 19), against the real kernel: each namespace
 * applies its own half (two by {@code --site}, one by finding its underlay address), the kernel's
 * two halves of every link mirror each other, traffic passes on every link, a changed cookie
 * recreates only that link's session, and a spoke rendered as {@code ip} commands and applied by
 * {@code ip -batch} interoperates with the hub applied by jl2tp.
 *
 * <p>The underlay: the hub's one address 192.0.2.1 sits on its loopback, reached over a veth to
 * each spoke (s1, s2; each spoke's end is eth0) by host routes; spoke1 is 192.0.2.2, spoke2
 * 192.0.2.3. The file is the test's own, not examples/links-hub-spoke.yaml, so that the example
 * can change.
 */
@KernelTest
class LinkFileKernelTest {
    @TempDir
    Path tmp;

    static final String HUB_SPOKE2_HUB_COOKIE = "0a0b0c0d0e0f1011";
    static final String HUB_SPOKE2_SPOKE_COOKIE = "1112131415161718";
    static final String HUB_SPOKE2_SPOKE_COOKIE_CHANGED = "2122232425262728";

    /** hub-spoke1: everything derived, cookies too; hub-spoke2: ids derived, cookies explicit per end. */
    static String linkFile(String spoke2Cookie) {
        return """
                l2tp:
                  version: 1
                  sites:
                    hub: { address: 192.0.2.1 }
                    spoke1: { address: 192.0.2.2 }
                    spoke2: { address: 192.0.2.3 }
                  links:
                    hub-spoke1:
                      ends: [hub, spoke1]
                      cookies: derived
                      hub: { mtu: 1446, addresses: [203.0.113.1/30] }
                      spoke1: { mtu: 1446, addresses: [203.0.113.2/30] }
                    hub-spoke2:
                      ends: [hub, spoke2]
                      hub: { cookie: %s, mtu: 1446, addresses: [203.0.113.5/30] }
                      spoke2: { cookie: %s, mtu: 1446, addresses: [203.0.113.6/30] }
                """.formatted(HUB_SPOKE2_HUB_COOKIE, spoke2Cookie);
    }

    private CliInNetns.Result jl2tp(Netns ns, String... args) {
        return new CliInNetns(tmp.resolve("state-" + ns.name())).run(ns, args);
    }

    /** The hub and its two spokes, joined by veths, with the underlay the link file's sites name. */
    record Sites(Netns hub, Netns spoke1, Netns spoke2) implements AutoCloseable {
        static Sites create() {
            Netns hub = Netns.create("hub");
            Netns spoke1 = null;
            Netns spoke2 = null;
            try {
                spoke1 = Netns.create("spoke1");
                spoke2 = Netns.create("spoke2");
                hub.ipBatch("addr add 192.0.2.1/32 dev lo");
                connect(hub, "s1", spoke1, "192.0.2.2");
                connect(hub, "s2", spoke2, "192.0.2.3");
                return new Sites(hub, spoke1, spoke2);
            } catch (RuntimeException | AssertionError e) {
                for (Netns ns : Arrays.asList(spoke2, spoke1, hub)) {
                    if (ns != null) {
                        ns.close();
                    }
                }
                throw e;
            }
        }

        /** A veth from the hub (hubIf) to the spoke (eth0), and host routes both ways. */
        static void connect(Netns hub, String hubIf, Netns spoke, String spokeAddress) {
            Netns.veth(hub, hubIf, spoke, "eth0");
            hub.ipBatch("link set " + hubIf + " up", "route add " + spokeAddress + "/32 dev " + hubIf + " src 192.0.2.1");
            spoke.ipBatch("addr add " + spokeAddress + "/32 dev eth0", "link set eth0 up",
                    "route add 192.0.2.1/32 dev eth0 src " + spokeAddress);
        }

        @Override
        public void close() {
            try {
                spoke1.close();
                spoke2.close();
            } finally {
                hub.close();
            }
        }
    }

    @Test
    void eachSiteAppliesItsHalfOfOneFileTheHalvesMirrorAndACookieChangeRecreatesOnlyThatSession() throws IOException {
        assertThat(Path.of("/etc/jl2tp/site")).as("a site file would be chosen before address detection")
                .doesNotExist();
        Path file = Files.writeString(tmp.resolve("links.yaml"), linkFile(HUB_SPOKE2_SPOKE_COOKIE));
        try (Sites sites = Sites.create()) {
            CliInNetns.Result hub = jl2tp(sites.hub(), "--site", "hub", "-c", file.toString());
            assertThat(hub.exit()).as(hub.all()).isZero();
            assertThat(hub.all()).contains("site: hub (from --site)");
            CliInNetns.Result spoke1 = jl2tp(sites.spoke1(), "--site", "spoke1", "-c", file.toString());
            assertThat(spoke1.exit()).as(spoke1.all()).isZero();
            assertThat(spoke1.all()).contains("site: spoke1 (from --site)");
            CliInNetns.Result spoke2 = jl2tp(sites.spoke2(), "-c", file.toString());
            assertThat(spoke2.exit()).as(spoke2.all()).isZero();
            assertThat(spoke2.all()).contains("site: spoke2 (address 192.0.2.3 is on this host)");

            // The derivation, as the README writes it, is what the kernel holds.
            Map<String, Object> hubEnd1 = session(sites.hub(), "hub-spoke1");
            Map<String, Object> spokeEnd1 = session(sites.spoke1(), "hub-spoke1");
            assertThat(number(hubEnd1.get("tunnel_id"))).isEqualTo(id("tunnel-id", "hub-spoke1", "hub"));
            assertThat(number(spokeEnd1.get("tunnel_id"))).isEqualTo(id("tunnel-id", "hub-spoke1", "spoke1"));
            assertThat(number(hubEnd1.get("session_id"))).isEqualTo(id("session-id", "hub-spoke1", "hub"));
            assertThat(number(tunnel(sites.hub(), number(hubEnd1.get("tunnel_id"))).get("local_port")))
                    .isEqualTo(port("hub-spoke1", "hub"));
            assertThat(hubEnd1.get("cookie")).isEqualTo(cookie("hub-spoke1", "hub"));
            assertThat(spokeEnd1.get("cookie")).isEqualTo(cookie("hub-spoke1", "spoke1"));

            assertMirrored(sites.hub(), sites.spoke1(), "hub-spoke1", "192.0.2.1", "192.0.2.2");
            assertMirrored(sites.hub(), sites.spoke2(), "hub-spoke2", "192.0.2.1", "192.0.2.3");
            assertThat(session(sites.hub(), "hub-spoke2").get("cookie")).isEqualTo(HUB_SPOKE2_HUB_COOKIE);
            assertThat(session(sites.hub(), "hub-spoke2").get("peer_cookie")).isEqualTo(HUB_SPOKE2_SPOKE_COOKIE);
            assertTrafficOnEveryLink(sites.hub(), sites.spoke1(), sites.spoke2());

            // A changed cookie of hub-spoke2, applied on both ends: only that session is made again.
            Map<String, Object> untouched = session(sites.hub(), "hub-spoke1");
            Files.writeString(file, linkFile(HUB_SPOKE2_SPOKE_COOKIE_CHANGED));
            CliInNetns.Result hubAgain = jl2tp(sites.hub(), "--site", "hub", "-c", file.toString());
            assertThat(hubAgain.exit()).as(hubAgain.all()).isZero();
            assertOnlyHubSpoke2SessionRecreated(hubAgain.out());
            CliInNetns.Result spoke2Again = jl2tp(sites.spoke2(), "-c", file.toString());
            assertThat(spoke2Again.exit()).as(spoke2Again.all()).isZero();
            assertThat(spoke2Again.all()).contains("site: spoke2 (address 192.0.2.3 is on this host)");
            assertOnlyHubSpoke2SessionRecreated(spoke2Again.out());
            CliInNetns.Result spoke1Again = jl2tp(sites.spoke1(), "--dry-run", "--exit-code", "--site", "spoke1",
                    "-c", file.toString());
            assertThat(spoke1Again.exit()).as("spoke1's half did not change: " + spoke1Again.all()).isZero();
            assertThat(spoke1Again.out()).contains("in sync: nothing to change");

            assertThat(session(sites.hub(), "hub-spoke1")).as("the other link's session").isEqualTo(untouched);
            assertThat(session(sites.hub(), "hub-spoke2").get("peer_cookie")).isEqualTo(HUB_SPOKE2_SPOKE_COOKIE_CHANGED);
            assertMirrored(sites.hub(), sites.spoke2(), "hub-spoke2", "192.0.2.1", "192.0.2.3");
            assertTrafficOnEveryLink(sites.hub(), sites.spoke1(), sites.spoke2());
        }
    }

    @Test
    void aSpokeRenderedAsIpCommandsAndMadeByIpBatchInteroperatesWithTheHubAppliedByJl2tp() throws IOException {
        Path file = Files.writeString(tmp.resolve("links.yaml"), linkFile(HUB_SPOKE2_SPOKE_COOKIE));
        try (Sites sites = Sites.create()) {
            CliInNetns.Result hub = jl2tp(sites.hub(), "--site", "hub", "-c", file.toString());
            assertThat(hub.exit()).as(hub.all()).isZero();

            // spoke2's namespace is fresh: the rendered commands are all that is made in it.
            assertThat(sites.spoke2().ip("-j l2tp show tunnel").trim()).isIn("", "[]");
            CliInNetns.Result render = jl2tp(sites.spoke2(), "render", "--site", "spoke2", "--config", file.toString(),
                    "--output", "ip");
            assertThat(render.exit()).as(render.all()).isZero();
            assertThat(render.out()).contains("l2tp add tunnel ", "l2tp add session ", "name hub-spoke2",
                    "cookie " + HUB_SPOKE2_SPOKE_COOKIE, "peer_cookie " + HUB_SPOKE2_HUB_COOKIE)
                    .doesNotContain("hub-spoke1");
            Command.Result batch = Command.exec(Command.DEFAULT_TIMEOUT,
                    List.of("ip", "-n", sites.spoke2().name(), "-batch", "-"), render.out());
            assertThat(batch.ok()).as("ip -batch of:\n" + render.out() + batch.describe()).isTrue();

            assertMirrored(sites.hub(), sites.spoke2(), "hub-spoke2", "192.0.2.1", "192.0.2.3");
            assertThat(sites.spoke2().ip("-o addr show dev hub-spoke2")).contains("203.0.113.6/30");
            assertThat(ping(sites.hub(), "203.0.113.6")).as("hub -> ip-made spoke2").isTrue();
            assertThat(ping(sites.spoke2(), "203.0.113.5")).as("ip-made spoke2 -> hub").isTrue();

            CliInNetns.Result hubAgain = jl2tp(sites.hub(), "--dry-run", "--exit-code", "--site", "hub",
                    "-c", file.toString());
            assertThat(hubAgain.exit()).as(hubAgain.all()).isZero();
            assertThat(hubAgain.out()).contains("in sync: nothing to change");
        }
    }

    /** One `- delete session`/`+ create session` pair, of hub-spoke2, and nothing of hub-spoke1 or any tunnel. */
    private static void assertOnlyHubSpoke2SessionRecreated(String plan) {
        List<String> lines = plan.lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("- delete session ")).toList()).as(plan)
                .singleElement().asString().endsWith("(hub-spoke2)");
        assertThat(lines.stream().filter(l -> l.startsWith("+ create session ")).toList()).as(plan)
                .singleElement().asString().contains("(hub-spoke2, peer session ");
        assertThat(lines.stream().filter(l -> l.matches("[-+~=] .*tunnel.*") && !l.contains(" session ")).toList())
                .as("no tunnel is touched: " + plan).isEmpty();
        assertThat(plan).as("nothing of the other link").doesNotContain("hub-spoke1");
    }

    /**
     * The session whose interface is {@code name} at a, and at b, are the two halves of one
     * pseudowire: ids, cookies, addresses and ports crossed.
     */
    private static void assertMirrored(Netns a, Netns b, String name, String addressA, String addressB) {
        Map<String, Object> sa = session(a, name);
        Map<String, Object> sb = session(b, name);
        assertThat(number(sa.get("session_id"))).as(name + " session id vs peer's").isEqualTo(number(sb.get("peer_session_id")));
        assertThat(number(sb.get("session_id"))).as(name + " peer session id vs peer's").isEqualTo(number(sa.get("peer_session_id")));
        assertThat(number(sa.get("tunnel_id"))).as(name + " tunnel id vs peer's").isEqualTo(number(sb.get("peer_tunnel_id")));
        assertThat(number(sb.get("tunnel_id"))).as(name + " peer tunnel id vs peer's").isEqualTo(number(sa.get("peer_tunnel_id")));
        assertThat(sa.get("cookie")).as(name + " cookie sent by a, expected by b").isNotNull().isEqualTo(sb.get("peer_cookie"));
        assertThat(sb.get("cookie")).as(name + " cookie sent by b, expected by a").isNotNull().isEqualTo(sa.get("peer_cookie"));

        Map<String, Object> ta = tunnel(a, number(sa.get("tunnel_id")));
        Map<String, Object> tb = tunnel(b, number(sb.get("tunnel_id")));
        assertThat(List.of(ta.get("local"), ta.get("peer"))).as(name + " at a").containsExactly(addressA, addressB);
        assertThat(List.of(tb.get("local"), tb.get("peer"))).as(name + " at b").containsExactly(addressB, addressA);
        assertThat(number(ta.get("peer_tunnel"))).isEqualTo(number(tb.get("tunnel_id")));
        assertThat(number(ta.get("local_port"))).as(name + " ports").isEqualTo(number(tb.get("peer_port")));
        assertThat(number(tb.get("local_port"))).as(name + " ports").isEqualTo(number(ta.get("peer_port")));
        assertThat(ta.get("encap")).isEqualTo("UDP").isEqualTo(tb.get("encap"));
    }

    private static void assertTrafficOnEveryLink(Netns hub, Netns spoke1, Netns spoke2) {
        assertThat(ping(hub, "203.0.113.2")).as("hub -> spoke1").isTrue();
        assertThat(ping(spoke1, "203.0.113.1")).as("spoke1 -> hub").isTrue();
        assertThat(ping(hub, "203.0.113.6")).as("hub -> spoke2").isTrue();
        assertThat(ping(spoke2, "203.0.113.5")).as("spoke2 -> hub").isTrue();
    }

    private static boolean ping(Netns from, String to) {
        return from.exec("ping", "-c", "2", "-i", "0.2", "-W", "5", to).stdout().contains("2 packets transmitted, 2 received");
    }

    /** `ip -j l2tp show session`'s entry for the session whose interface is {@code name}. */
    private static Map<String, Object> session(Netns ns, String name) {
        return only(ns, "session", e -> name.equals(e.get("interface")), name);
    }

    /** `ip -j l2tp show tunnel`'s entry for tunnel {@code id}. */
    private static Map<String, Object> tunnel(Netns ns, long id) {
        return only(ns, "tunnel", e -> Objects.equals(number(e.get("tunnel_id")), id), "tunnel " + id);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(Netns ns, String kind, Predicate<Map<String, Object>> which,
            String what) {
        String shown = ns.ip("-j l2tp show " + kind);
        List<Object> all = shown.isBlank() ? List.of() : (List<Object>) JsonReader.parse(shown);
        List<Map<String, Object>> matching = all.stream().map(o -> (Map<String, Object>) o).filter(which).toList();
        assertThat(matching).as(what + " in " + ns + ": " + shown).hasSize(1);
        return matching.get(0);
    }

    private static Long number(Object json) {
        return json == null ? null : ((Number) json).longValue();
    }

    // The derivation of the spec (README "Link files"), written again here from the text.

    private static BigInteger h(String kind, String link, String site) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("jl2tp-link-v1\0" + kind + "\0" + link + "\0" + site).getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, Arrays.copyOf(digest, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static long id(String kind, String link, String site) {
        return 1 + h(kind, link, site).mod(BigInteger.valueOf(4_294_967_295L)).longValue();
    }

    static long port(String link, String site) {
        return 1024 + h("udp-port", link, site).mod(BigInteger.valueOf(64_512)).longValue();
    }

    static String cookie(String link, String site) {
        return String.format("%016x", h("cookie", link, site));
    }
}
