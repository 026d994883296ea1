package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jl2tp.netlink.TwoHosts;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bridges, vlans and {@code mtu: auto} against the real kernel. Four hosts: site A applied by
 * jl2tp-apply from the examples, site B made by `ip` as in ip-l2tp(8), and a LAN host behind each
 * site's bridge (a veth whose site end is the site's eth0 or eth1). LAN host A reaches LAN host B
 * only through the two bridges and the pseudowire.
 */
@KernelTest
class BridgeKernelTest {
    @TempDir
    Path tmp;

    private CliInNetns.Result jl2tp(Netns ns, String... args) {
        return new CliInNetns(tmp.resolve("state")).run(ns, args);
    }

    /** Site A and B joined by pw0 (TwoHosts), and a LAN host behind each, on the site's {@code lanPort}. */
    record Sites(TwoHosts sites, Netns lanA, Netns lanB) implements AutoCloseable {
        static Sites create(String lanPort) {
            TwoHosts sites = TwoHosts.create();
            Netns lanA = Netns.create("lan-a");
            Netns lanB = Netns.create("lan-b");
            for (Map.Entry<Netns, Netns> pair : Map.of(sites.a, lanA, sites.b, lanB).entrySet()) {
                Netns.veth(pair.getKey(), lanPort, pair.getValue(), "eth0");
                pair.getKey().ip("link set " + lanPort + " up");
                pair.getValue().ip("link set eth0 up");
            }
            lanA.ip("addr add 203.0.113.1/24 dev eth0");
            lanB.ip("addr add 203.0.113.2/24 dev eth0");
            for (Netns lan : new Netns[] {lanA, lanB}) {
                lan.ip("link add link eth0 name eth0.5 type vlan id 5");
                lan.ip("link set eth0.5 up");
            }
            lanA.ip("addr add 198.51.100.1/24 dev eth0.5");
            lanB.ip("addr add 198.51.100.2/24 dev eth0.5");
            return new Sites(sites, lanA, lanB);
        }

        Netns a() {
            return sites.a;
        }

        Netns b() {
            return sites.b;
        }

        /** The man page's site B pseudowire: tunnel and session with ids and ports reversed, mtu 1446. */
        void pseudowireAtB() {
            b().ip("l2tp add tunnel tunnel_id 4000 peer_tunnel_id 3000 encap udp local 192.0.2.2 remote 192.0.2.1"
                    + " udp_sport 6000 udp_dport 5000");
            b().ip("l2tp add session tunnel_id 4000 session_id 2000 peer_session_id 1000");
            b().ip("link set l2tpeth0 up mtu 1446");
        }

        @Override
        public void close() {
            try {
                lanA.close();
                lanB.close();
            } finally {
                sites.close();
            }
        }
    }

    private static boolean pingOk(Netns from, String to) {
        return from.exec("ping", "-c", "2", "-i", "0.2", "-W", "5", to).stdout().contains("2 packets transmitted, 2 received");
    }

    private static String snapshot(Netns ns) {
        return ns.ip("l2tp show session") + ns.ip("-o -d link show").replaceAll("link/ether \\S+ brd \\S+", "")
                .replaceAll("@if\\d+", "").replaceAll("link-netns \\S+", "").replaceAll("(\\w+_timer|bridge_id|designated_root|root_id|addrgenmode)\\s+\\S+", "")
                + ns.ip("-o addr show").replaceAll("(?m)^.*fe80::.*$", "");
    }

    @Test
    void manPageBridgedExampleCarriesUntaggedAndVlan5FramesBetweenTheLansAndIsRemovedCleanly() throws IOException {
        try (Sites sites = Sites.create("eth0")) {
            CliInNetns.Result apply = jl2tp(sites.a(), "-c", "examples/bridged.yaml");
            assertThat(apply.exit()).as(apply.all()).isZero();
            assertThat(apply.out()).contains("+ create bridge br0", "~ attach eth0 to bridge br0",
                    "~ attach l2tpeth0 to bridge br0", "~ set br0 up",
                    "bridge br0 has ports of different MTUs (eth0 1500, l2tpeth0 1446)");
            sites.pseudowireAtB();
            sites.b().ip("link add br0 type bridge");
            sites.b().ip("link set l2tpeth0 master br0");
            sites.b().ip("link set eth0 master br0");
            sites.b().ip("link set br0 up");

            assertThat(sites.a().ip("-o link show l2tpeth0")).contains("mtu 1446", "master br0");
            assertThat(sites.a().ip("-o link show eth0")).contains("master br0");
            assertThat(pingOk(sites.lanA(), "203.0.113.2")).as("untagged LAN A -> LAN B").isTrue();
            assertThat(pingOk(sites.lanA(), "198.51.100.2")).as("VLAN 5 LAN A -> LAN B").isTrue();

            CliInNetns.Result show = jl2tp(sites.a(), "show");
            assertThat(show.exit()).as(show.all()).isZero();
            assertThat(show.out()).contains("  bridges:\n    br0:\n      interfaces:\n        - eth0\n        - l2tpeth0\n");
            CliInNetns.Result status = jl2tp(sites.a(), "status");
            assertThat(status.exit()).as(status.all()).isZero();
            assertThat(status.out()).containsPattern("l2tpeth0.*br0");

            String before = snapshot(sites.a());
            CliInNetns.Result again = jl2tp(sites.a(), "--dry-run", "--exit-code", "-c", "examples/bridged.yaml");
            assertThat(again.exit()).as(again.all()).isZero();
            assertThat(again.out()).startsWith("in sync: nothing to change\n");
            assertThat(jl2tp(sites.a(), "-c", "examples/bridged.yaml").exit()).isZero();
            assertThat(snapshot(sites.a())).isEqualTo(before);

            Path empty = Files.writeString(tmp.resolve("empty.yaml"), "l2tp: {version: 1}\n");
            CliInNetns.Result remove = jl2tp(sites.a(), "-c", empty.toString());
            assertThat(remove.exit()).as(remove.all()).isZero();
            assertThat(remove.out()).contains("~ detach eth0 from bridge br0", "- delete bridge br0");
            assertThat(sites.a().tryIp("link show br0").ok()).isFalse();
            assertThat(sites.a().ip("-o link show eth0")).as("the LAN port stays, up, in no bridge")
                    .contains("<BROADCAST,MULTICAST,UP,LOWER_UP>").doesNotContain("master");
        }
    }

    @Test
    void manPageVlanPerBridgeExampleCarriesVlan5Only() throws IOException {
        try (Sites sites = Sites.create("eth1")) {
            CliInNetns.Result apply = jl2tp(sites.a(), "-c", "examples/vlan-per-bridge.yaml");
            assertThat(apply.exit()).as(apply.all()).isZero();
            sites.pseudowireAtB();
            sites.b().ip("link add link l2tpeth0 name l2tpeth0.5 type vlan id 5");
            sites.b().ip("link add link eth1 name eth1.5 type vlan id 5");
            sites.b().ip("link add brvlan5 type bridge");
            sites.b().ip("link set l2tpeth0.5 master brvlan5");
            sites.b().ip("link set eth1.5 master brvlan5");
            for (String link : new String[] {"l2tpeth0.5", "eth1.5", "brvlan5"}) {
                sites.b().ip("link set " + link + " up");
            }

            assertThat(sites.a().ip("-o -d link show l2tpeth0.5")).contains("master brvlan5", "vlan protocol 802.1Q id 5");
            assertThat(sites.a().ip("-o -d link show eth1.5")).contains("master brvlan5", "vlan protocol 802.1Q id 5");
            assertThat(pingOk(sites.lanA(), "198.51.100.2")).as("VLAN 5 crosses").isTrue();
            assertThat(sites.lanA().exec("ping", "-c", "1", "-W", "1", "203.0.113.2").exitCode())
                    .as("untagged frames have no bridge to cross").isNotZero();

            CliInNetns.Result again = jl2tp(sites.a(), "--dry-run", "--exit-code", "-c", "examples/vlan-per-bridge.yaml");
            assertThat(again.exit()).as(again.all()).isZero();

            Path empty = Files.writeString(tmp.resolve("empty.yaml"), "l2tp: {version: 1}\n");
            CliInNetns.Result remove = jl2tp(sites.a(), "-c", empty.toString());
            assertThat(remove.exit()).as(remove.all()).isZero();
            assertThat(sites.a().ip("-o link show")).doesNotContain("brvlan5", "eth1.5", "l2tpeth0");
            assertThat(sites.a().ip("-o link show eth1")).contains(",UP,LOWER_UP>");
        }
    }

    @Test
    void mtuAutoIsWhatTheKernelChoosesForIpMadeSessionsAndFollowsTheUnderlay() throws IOException {
        // No session has an mtu key: auto is the default.
        Path config = Files.writeString(tmp.resolve("auto.yaml"), """
                l2tp:
                  version: 1
                  tunnels:
                    udp4:
                      {tunnel-id: 3000, peer-tunnel-id: 4000, local: 192.0.2.1, remote: 192.0.2.2,
                       udp-source-port: 5000, udp-destination-port: 6000, sessions: {
                         l2tpeth0: {session-id: 1000, peer-session-id: 2000},
                         pw1: {session-id: 1001, peer-session-id: 2001, cookie: 0123456789abcdef, l2spec-type: none}}}
                    ip4:
                      {tunnel-id: 3001, peer-tunnel-id: 4001, encap: ip, local: 192.0.2.1, remote: 192.0.2.2, sessions: {
                         ip0: {session-id: 1100, peer-session-id: 2100}}}
                    udp6:
                      {tunnel-id: 3002, peer-tunnel-id: 4002, local: "2001:db8:1::1", remote: "2001:db8:1::2",
                       udp-source-port: 5002, udp-destination-port: 6002, sessions: {
                         v6udp0: {session-id: 1200, peer-session-id: 2200}}}
                    ip6:
                      {tunnel-id: 3003, peer-tunnel-id: 4003, encap: ip, local: "2001:db8:1::1", remote: "2001:db8:1::2",
                       sessions: {
                         v6ip0: {session-id: 1300, peer-session-id: 2300, cookie: 0123456789abcdef, l2spec-type: none}}}
                """);
        try (TwoHosts hosts = TwoHosts.create()) {
            CliInNetns.Result apply = jl2tp(hosts.a, "-c", config.toString());
            assertThat(apply.exit()).as(apply.all()).isZero();
            // Site B: the same shapes made by ip, so that the kernel picks each MTU itself.
            Netns b = hosts.b;
            b.ip("l2tp add tunnel tunnel_id 4000 peer_tunnel_id 3000 encap udp local 192.0.2.2 remote 192.0.2.1"
                    + " udp_sport 6000 udp_dport 5000");
            b.ip("l2tp add session name l2tpeth0 tunnel_id 4000 session_id 2000 peer_session_id 1000");
            b.ip("l2tp add session name pw1 tunnel_id 4000 session_id 2001 peer_session_id 1001"
                    + " cookie 0123456789abcdef l2spec_type none");
            b.ip("l2tp add tunnel tunnel_id 4001 peer_tunnel_id 3001 encap ip local 192.0.2.2 remote 192.0.2.1");
            b.ip("l2tp add session name ip0 tunnel_id 4001 session_id 2100 peer_session_id 1100");
            b.ip("l2tp add tunnel tunnel_id 4002 peer_tunnel_id 3002 encap udp local 2001:db8:1::2 remote 2001:db8:1::1"
                    + " udp_sport 6002 udp_dport 5002");
            b.ip("l2tp add session name v6udp0 tunnel_id 4002 session_id 2200 peer_session_id 1200");
            b.ip("l2tp add tunnel tunnel_id 4003 peer_tunnel_id 3003 encap ip local 2001:db8:1::2 remote 2001:db8:1::1");
            b.ip("l2tp add session name v6ip0 tunnel_id 4003 session_id 2300 peer_session_id 1300"
                    + " cookie 0123456789abcdef l2spec_type none");

            Map<String, String> measuredOn61 = Map.of("l2tpeth0", "1446", "pw1", "1442", "ip0", "1458",
                    "v6udp0", "1426", "v6ip0", "1434");
            measuredOn61.forEach((name, mtu) -> {
                String kernelChoice = b.run("cat", "/sys/class/net/" + name + "/mtu").trim();
                assertThat(kernelChoice).as("ip-made " + name).isEqualTo(mtu);
                assertThat(hosts.a.run("cat", "/sys/class/net/" + name + "/mtu").trim()).as("jl2tp's " + name)
                        .isEqualTo(kernelChoice);
            });
            CliInNetns.Result again = jl2tp(hosts.a, "--dry-run", "--exit-code", "-c", config.toString());
            assertThat(again.exit()).as(again.all()).isZero();

            hosts.a.ip("link set pw0 mtu 1400");
            CliInNetns.Result dry = jl2tp(hosts.a, "--dry-run", "--exit-code", "-c", config.toString());
            assertThat(dry.exit()).as(dry.all()).isEqualTo(ExitCode.CHANGES_PENDING);
            assertThat(dry.out()).contains("~ set l2tpeth0 mtu 1346\n    mtu 1446 -> 1346; auto: 1346 = 1400 on pw0 - 54:"
                    + " IPv4 20 + UDP 8 + L2TPv3 8 + l2spec 4 + Ethernet 14");
            assertThat(jl2tp(hosts.a, "-c", config.toString()).exit()).isZero();
            assertThat(hosts.a.run("cat", "/sys/class/net/l2tpeth0/mtu").trim()).isEqualTo("1346");
            assertThat(hosts.a.run("cat", "/sys/class/net/v6udp0/mtu").trim()).isEqualTo("1326");
            assertThat(hosts.a.run("cat", "/sys/class/net/v6ip0/mtu").trim()).isEqualTo("1334");
        }
    }
}
