package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jl2tp.netlink.TwoHosts;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jl2tp-apply against the real kernel: site A applied by jl2tp from YAML, site B made by `ip l2tp`
 * exactly as in the man page (ids and ports reversed), and traffic across the pseudowire. `ip` is
 * the independent witness of what the kernel holds.
 */
@KernelTest
class ApplyKernelTest {
    @TempDir
    Path tmp;

    private CliInNetns.Result jl2tp(Netns ns, String... args) {
        return new CliInNetns(tmp.resolve("state")).run(ns, args);
    }

    private Path config(String name, String yaml) throws IOException {
        return Files.writeString(tmp.resolve(name), yaml);
    }

    /** The man page's site B, reversed ids and ports, with optional extra session options. */
    private static void siteB(Netns b, String sessionOptions) {
        b.ip("l2tp add tunnel tunnel_id 4000 peer_tunnel_id 3000 encap udp local 192.0.2.2 remote 192.0.2.1"
                + " udp_sport 6000 udp_dport 5000");
        b.ip("l2tp add session tunnel_id 4000 session_id 2000 peer_session_id 1000" + sessionOptions);
        b.ip("link set l2tpeth0 up");
        b.ip("addr add 203.0.113.2 peer 203.0.113.1 dev l2tpeth0");
    }

    private static void pings(Netns from, String to) {
        assertThat(from.run("ping", "-c", "2", "-i", "0.2", "-W", "5", to)).contains("2 packets transmitted, 2 received");
    }

    /** What `ip` shows of a namespace, without what changes by itself (MACs, counters, link-local). */
    private static String snapshot(Netns ns) {
        return ns.ip("l2tp show tunnel") + ns.ip("l2tp show session")
                + ns.ip("-o link show").replaceAll("link/ether \\S+ brd \\S+", "link/ether").replaceAll("@if\\d+", "")
                        .replaceAll("link-netns \\S+", "")
                + ns.ip("-o addr show").replaceAll("(?m)^.*fe80::.*$", "");
    }

    @Test
    void manPageSiteAFromYamlTalksToSiteBFromIpAndASecondApplyIsANoOp() {
        try (TwoHosts hosts = TwoHosts.create()) {
            CliInNetns.Result dry = jl2tp(hosts.a, "--dry-run", "--exit-code", "-c", "examples/ip-configured-site-a.yaml");
            assertThat(dry.exit()).as(dry.all()).isEqualTo(ExitCode.CHANGES_PENDING);
            assertThat(dry.out()).contains("+ create tunnel 3000", "+ create session 1000 in tunnel 3000",
                    "+ add address 203.0.113.1 peer 203.0.113.2/32 to l2tpeth0", "~ set l2tpeth0 up");
            assertThat(hosts.a.ip("l2tp show tunnel")).as("dry-run changed nothing").isEmpty();

            CliInNetns.Result apply = jl2tp(hosts.a, "--timings", "-c", "examples/ip-configured-site-a.yaml");
            assertThat(apply.exit()).as(apply.all()).isZero();
            assertThat(apply.out()).contains("the kernel matches the config");
            assertThat(apply.err()).as("--timings").containsPattern("(?m)^timings: jvm [0-9.]+ s, load\\+validate [0-9.]+ s, "
                    + "dump [0-9.]+ s, plan [0-9.]+ s, apply [0-9.]+ s, verify [0-9.]+ s, total-in-main [0-9.]+ s, "
                    + "max-rss [0-9]+ MB$");
            siteB(hosts.b, "");

            pings(hosts.a, "203.0.113.2");
            assertThat(hosts.a.ip("l2tp show tunnel")).contains("Tunnel 3000, encap UDP", "From 192.0.2.1 to 192.0.2.2",
                    "Peer tunnel 4000", "ports: 5000/6000");
            // mtu: auto: path MTU 1500 minus 54 bytes of overhead, as the kernel itself would choose.
            // An l2tpeth interface has no carrier of its own: its operational state stays UNKNOWN.
            assertThat(hosts.a.ip("link show l2tpeth0")).contains("mtu 1446", ",UP,LOWER_UP>");

            String before = snapshot(hosts.a);
            CliInNetns.Result again = jl2tp(hosts.a, "--dry-run", "--exit-code", "-c", "examples/ip-configured-site-a.yaml");
            assertThat(again.exit()).as(again.all()).isZero();
            assertThat(again.out()).isEqualTo("in sync: nothing to change\n");
            CliInNetns.Result reapply = jl2tp(hosts.a, "-c", "examples/ip-configured-site-a.yaml");
            assertThat(reapply.exit()).as(reapply.all()).isZero();
            assertThat(snapshot(hosts.a)).isEqualTo(before);
        }
    }

    @Test
    void aCookieChangeOnBothSidesRecreatesOnlyThatSession() throws IOException {
        String twoSessions = """
                l2tp:
                  version: 1
                  tunnels:
                    to-b:
                      tunnel-id: 3000
                      peer-tunnel-id: 4000
                      local: 192.0.2.1
                      remote: 192.0.2.2
                      udp-source-port: 5000
                      udp-destination-port: 6000
                      sessions:
                        l2tpeth0:
                          session-id: 1000
                          peer-session-id: 2000
                          cookie: COOKIE
                          peer-cookie: 0badc0de
                          addresses: [{ address: 203.0.113.1, peer: 203.0.113.2 }]
                        pw1:
                          session-id: 1001
                          peer-session-id: 2001
                          addresses: [{ address: 198.51.100.1, peer: 198.51.100.2 }]
                """;
        try (TwoHosts hosts = TwoHosts.create()) {
            Path v1 = config("v1.yaml", twoSessions.replace("COOKIE", "11223344"));
            assertThat(jl2tp(hosts.a, "-c", v1.toString()).exit()).isZero();
            siteB(hosts.b, " cookie 0badc0de peer_cookie 11223344");
            hosts.b.ip("l2tp add session name pw1 tunnel_id 4000 session_id 2001 peer_session_id 1001");
            hosts.b.ip("link set pw1 up");
            hosts.b.ip("addr add 198.51.100.2 peer 198.51.100.1 dev pw1");
            pings(hosts.a, "203.0.113.2");
            pings(hosts.a, "198.51.100.2");
            String pw1Index = hosts.a.run("cat", "/sys/class/net/pw1/ifindex");

            Path v2 = config("v2.yaml", twoSessions.replace("COOKIE", "55667788"));
            CliInNetns.Result apply = jl2tp(hosts.a, "-c", v2.toString());
            assertThat(apply.exit()).as(apply.all()).isZero();
            assertThat(apply.out()).contains("- delete session 1000 in tunnel 3000", "+ create session 1000 in tunnel 3000")
                    .doesNotContain("session 1001").doesNotContain("delete tunnel").doesNotContain("create tunnel");
            hosts.b.ip("l2tp del session tunnel_id 4000 session_id 2000");
            siteBSessionOnly(hosts.b, " cookie 0badc0de peer_cookie 55667788");

            assertThat(hosts.a.run("cat", "/sys/class/net/pw1/ifindex")).as("pw1 untouched").isEqualTo(pw1Index);
            pings(hosts.a, "203.0.113.2");
            pings(hosts.a, "198.51.100.2");
        }
    }

    private static void siteBSessionOnly(Netns b, String options) {
        b.ip("l2tp add session tunnel_id 4000 session_id 2000 peer_session_id 1000" + options);
        b.ip("link set l2tpeth0 up");
        b.ip("addr add 203.0.113.2 peer 203.0.113.1 dev l2tpeth0");
    }

    @Test
    void removingTheTunnelFromTheFileDeletesSessionThenTunnel() throws IOException {
        try (TwoHosts hosts = TwoHosts.create()) {
            assertThat(jl2tp(hosts.a, "-c", "examples/site-a.yaml").exit()).isZero();
            Path empty = config("empty.yaml", "l2tp: {version: 1}\n");

            CliInNetns.Result apply = jl2tp(hosts.a, "-c", empty.toString());

            assertThat(apply.exit()).as(apply.all()).isZero();
            int session = apply.out().indexOf("- delete session 1000 in tunnel 3000");
            int tunnel = apply.out().indexOf("- delete tunnel 3000");
            assertThat(session).isNotNegative().isLessThan(tunnel);
            assertThat(hosts.a.ip("l2tp show tunnel")).isEmpty();
            assertThat(hosts.a.tryIp("link show l2tpeth0").ok()).isFalse();
        }
    }

    @Test
    void aForeignTunnelSurvivesEveryRunWithoutPruneAndGoesWithIt() {
        try (TwoHosts hosts = TwoHosts.create()) {
            hosts.a.ip("l2tp add tunnel tunnel_id 7000 peer_tunnel_id 7001 encap ip local 192.0.2.1 remote 192.0.2.2");
            hosts.a.ip("l2tp add session name foreign0 tunnel_id 7000 session_id 70 peer_session_id 71");

            CliInNetns.Result apply = jl2tp(hosts.a, "-c", "examples/site-a.yaml");
            assertThat(apply.exit()).as(apply.all()).isZero();
            CliInNetns.Result again = jl2tp(hosts.a, "--dry-run", "-c", "examples/site-a.yaml");
            assertThat(again.out()).contains("left alone:", "tunnel 7000: made outside jl2tp and not in the config");
            assertThat(hosts.a.ip("l2tp show tunnel")).contains("Tunnel 7000", "Tunnel 3000");

            CliInNetns.Result prune = jl2tp(hosts.a, "--prune", "-c", "examples/site-a.yaml");
            assertThat(prune.exit()).as(prune.all()).isZero();
            assertThat(prune.out()).contains("- delete session 70 in tunnel 7000", "- delete tunnel 7000");
            assertThat(hosts.a.ip("l2tp show tunnel")).contains("Tunnel 3000").doesNotContain("Tunnel 7000");
            assertThat(hosts.a.tryIp("link show foreign0").ok()).isFalse();
        }
    }

    @Test
    void aFailureHalfWayOnTheRealKernelIsUndoneCompletely() throws IOException {
        try (TwoHosts hosts = TwoHosts.create()) {
            // Tunnel 3001's local address is on no interface: its create fails after 3000's succeeded.
            Path config = config("half.yaml", """
                    l2tp:
                      version: 1
                      tunnels:
                        good:
                          tunnel-id: 3000
                          peer-tunnel-id: 4000
                          local: 192.0.2.1
                          remote: 192.0.2.2
                          udp-source-port: 5000
                          udp-destination-port: 6000
                        bad:
                          tunnel-id: 3001
                          peer-tunnel-id: 4001
                          local: 198.51.100.77
                          remote: 192.0.2.2
                          udp-source-port: 5001
                          udp-destination-port: 6001
                          sessions:
                            pw9: { session-id: 9, peer-session-id: 9 }
                    """);
            String before = snapshot(hosts.a);

            CliInNetns.Result apply = jl2tp(hosts.a, "-c", config.toString());

            assertThat(apply.exit()).as(apply.all()).isEqualTo(ExitCode.FAILED);
            assertThat(apply.err()).contains("step 2 of", "create tunnel 3001", "half.yaml:11:5",
                    "EADDRNOTAVAIL", "The step before it was undone: the kernel is as it was before this run")
                    .doesNotContain("Exception");
            assertThat(snapshot(hosts.a)).isEqualTo(before);
            CliInNetns.Result dry = jl2tp(hosts.a, "--dry-run", "-c", "examples/site-a.yaml");
            assertThat(dry.out()).as("the record names nothing that is gone").doesNotContain("left alone");
        }
    }

    @Test
    void anInterfaceNameTakenByAForeignLinkStopsTheApplyBeforeItsFirstChange() {
        try (TwoHosts hosts = TwoHosts.create()) {
            hosts.a.ip("link add l2tpeth0 type dummy");
            String before = snapshot(hosts.a);

            CliInNetns.Result apply = jl2tp(hosts.a, "-c", "examples/site-a.yaml");

            assertThat(apply.exit()).isEqualTo(ExitCode.FAILED);
            assertThat(apply.all()).contains("interface name l2tpeth0 is taken by an interface jl2tp did not make",
                    "examples/site-a.yaml:", "nothing applied");
            assertThat(snapshot(hosts.a)).isEqualTo(before);
        }
    }

    @Test
    void ipEncapsulationPairPassesTraffic() {
        try (TwoHosts hosts = TwoHosts.create()) {
            CliInNetns.Result apply = jl2tp(hosts.a, "-c", "examples/ip-encap.yaml");
            assertThat(apply.exit()).as(apply.all()).isZero();
            hosts.b.ip("l2tp add tunnel tunnel_id 4000 peer_tunnel_id 3000 encap ip local 192.0.2.2 remote 192.0.2.1");
            hosts.b.ip("l2tp add session tunnel_id 4000 session_id 2000 peer_session_id 1000");
            hosts.b.ip("link set l2tpeth0 up");
            hosts.b.ip("addr add 203.0.113.2/30 dev l2tpeth0");

            pings(hosts.a, "203.0.113.2");
            assertThat(hosts.a.ip("l2tp show tunnel")).contains("encap IP");
        }
    }

    @Test
    void ipv6UnderlayPairPassesTraffic() {
        try (TwoHosts hosts = TwoHosts.create()) {
            // The session interface comes up with its address after jl2tp's apply: skip DAD there.
            hosts.a.run("sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
            hosts.a.ip("addr add 2001:db8::1/64 dev pw0 nodad");
            hosts.b.ip("addr add 2001:db8::2/64 dev pw0 nodad");
            CliInNetns.Result apply = jl2tp(hosts.a, "-c", "examples/ipv6-underlay.yaml");
            assertThat(apply.exit()).as(apply.all()).isZero();
            hosts.b.ip("l2tp add tunnel tunnel_id 4000 peer_tunnel_id 3000 encap udp local 2001:db8::2"
                    + " remote 2001:db8::1 udp_sport 6000 udp_dport 5000");
            hosts.b.ip("l2tp add session tunnel_id 4000 session_id 2000 peer_session_id 1000");
            hosts.b.ip("link set l2tpeth0 up");
            hosts.b.ip("addr add 2001:db8:100::2/64 dev l2tpeth0 nodad");

            assertThat(hosts.a.run("ping", "-6", "-c", "2", "-i", "0.2", "-W", "5", "2001:db8:100::2"))
                    .contains("2 packets transmitted, 2 received");
            // mtu: auto on an IPv6/UDP underlay: 1500 - (40 + 8 + 8 + 4 + 14) = 1426.
            assertThat(hosts.a.ip("link show l2tpeth0")).contains("mtu 1426");
        }
    }

    @Test
    void theIpOutputRunByIpBatchGivesTheSameKernelStateAsTheApply() throws IOException {
        try (TwoHosts viaJl2tp = TwoHosts.create(); TwoHosts viaIp = TwoHosts.create()) {
            String config = "examples/two-sessions.yaml";
            CliInNetns.Result commands = jl2tp(viaIp.a, "--dry-run", "--output", "ip", "-c", config);
            assertThat(commands.exit()).as(commands.all()).isZero();
            Path batch = Files.writeString(tmp.resolve("plan.ip"), commands.out());
            viaIp.a.ip("-batch", batch.toString());

            assertThat(jl2tp(viaJl2tp.a, "-c", config).exit()).isZero();

            assertThat(snapshot(viaIp.a).replaceAll("\\d+: ", "")).isEqualTo(snapshot(viaJl2tp.a).replaceAll("\\d+: ", ""));
        }
    }

    @Test
    void waitOnlineAppliesTheRestAndNamesTheTunnelWhoseAddressNeverCame() throws IOException {
        try (TwoHosts hosts = TwoHosts.create()) {
            Path config = config("boot.yaml", TwoHosts.EARLY_AND_LATE_TUNNELS);

            CliInNetns.Result boot = jl2tp(hosts.a, "--wait-online", "1", "-c", config.toString());

            assertThat(boot.exit()).as(boot.all()).isEqualTo(ExitCode.FAILED);
            assertThat(boot.out()).contains("waiting: tunnel 'late' (3001) waits for its local address 198.51.100.1 (absent)",
                    "+ create tunnel 3000").doesNotContain("create tunnel 3001");
            assertThat(boot.err()).contains("tunnel 'late' (3001) did not come up: its local address 198.51.100.1 "
                    + "(absent) after 1 s (--wait-online); everything else is applied");
            assertThat(hosts.a.ip("l2tp show tunnel")).contains("Tunnel 3000").doesNotContain("Tunnel 3001");

            hosts.a.ip("addr add 198.51.100.1/24 dev pw0");
            CliInNetns.Result later = jl2tp(hosts.a, "--wait-online", "5", "-c", config.toString());

            assertThat(later.exit()).as(later.all()).isZero();
            assertThat(later.out()).contains("+ create tunnel 3001").doesNotContain("create tunnel 3000");
            assertThat(hosts.a.ip("l2tp show tunnel")).contains("Tunnel 3000", "Tunnel 3001");
        }
    }
}
