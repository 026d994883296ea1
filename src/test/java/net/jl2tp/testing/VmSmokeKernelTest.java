package net.jl2tp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Proves the VM harness: the kernel has the L2TP netlink family, and the man page's static UDP
 * pseudowire between two namespaces carries pings.
 */
@KernelTest
class VmSmokeKernelTest {

    @Test
    void l2tpGenericNetlinkFamilyIsThere() {
        try (Netns ns = Netns.create("genl")) {
            Command.Result show = ns.tryIp("l2tp show tunnel");
            assertThat(show.exitCode()).as(show.describe()).isZero();
            assertThat(show.stdout()).as("no tunnel in a fresh namespace").isEmpty();
        }
        assertThat(Command.run("cat", "/proc/modules")).contains("l2tp_netlink", "l2tp_eth");
    }

    @Test
    void manPagePseudowireCarriesPings() {
        try (Netns a = Netns.create("site-a"); Netns b = Netns.create("site-b")) {
            Netns.veth(a, "veth0", b, "veth0");
            a.ip("addr add 192.0.2.1/24 dev veth0");
            b.ip("addr add 192.0.2.2/24 dev veth0");
            a.ip("link set veth0 up");
            b.ip("link set veth0 up");

            a.ip("l2tp add tunnel tunnel_id 3000 peer_tunnel_id 4000 encap udp"
                    + " local 192.0.2.1 remote 192.0.2.2 udp_sport 5000 udp_dport 6000");
            a.ip("l2tp add session tunnel_id 3000 session_id 1000 peer_session_id 2000");
            b.ip("l2tp add tunnel tunnel_id 4000 peer_tunnel_id 3000 encap udp"
                    + " local 192.0.2.2 remote 192.0.2.1 udp_sport 6000 udp_dport 5000");
            b.ip("l2tp add session tunnel_id 4000 session_id 2000 peer_session_id 1000");

            assertThat(a.ip("l2tp show tunnel")).contains(
                    "Tunnel 3000, encap UDP", "From 192.0.2.1 to 192.0.2.2", "Peer tunnel 4000",
                    "ports: 5000/6000");
            assertThat(a.ip("-j l2tp show session")).contains(
                    "\"session_id\":1000", "\"tunnel_id\":3000", "\"peer_session_id\":2000",
                    "\"peer_tunnel_id\":4000", "\"interface\":\"l2tpeth0\"");

            a.ip("link set l2tpeth0 up");
            b.ip("link set l2tpeth0 up");
            a.ip("addr add 203.0.113.1 peer 203.0.113.2 dev l2tpeth0");
            b.ip("addr add 203.0.113.2 peer 203.0.113.1 dev l2tpeth0");

            String ping = a.run("ping", "-c", "3", "-i", "0.2", "-W", "5", "203.0.113.2");
            assertThat(ping).contains("3 packets transmitted, 3 received");
            // The inner addresses exist only on l2tpeth0: the echoes crossed the pseudowire.
            assertThat(rxPackets(b, "l2tpeth0")).isGreaterThanOrEqualTo(3);
            assertThat(rxPackets(a, "l2tpeth0")).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void closingANamespaceRemovesItsLinksAndKillsWhatRunsInIt() {
        String name;
        try (Netns a = Netns.create("gone-a"); Netns b = Netns.create("gone-b")) {
            name = a.name();
            Netns.veth(a, "veth0", b, "veth1");
            a.run("bash", "-c", "sleep 600 >/dev/null 2>&1 &");
            assertThat(Command.run("ip", "netns", "pids", name)).isNotBlank();
        }
        assertThat(Command.run("ip", "netns", "list")).doesNotContain(name);
        assertThat(Command.exec("pgrep", "-x", "-f", "sleep 600").exitCode()).as("sleep killed").isEqualTo(1);
    }

    private static long rxPackets(Netns ns, String ifname) {
        return Long.parseLong(ns.run("cat", "/sys/class/net/" + ifname + "/statistics/rx_packets").trim());
    }
}
