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
 * IPv6 addresses on a session interface carry traffic, as in the kernel selftest's topology
 * (tools/testing/selftests/net/l2tp.sh: one end made by jl2tp-apply, the other by `ip l2tp`). A peer
 * address added while its link is down, without duplicate address detection, gets no route to the
 * peer when the link comes up (measured on kernel 6.1), so jl2tp brings links up before it adds
 * addresses, and its verifier asks the routing table for each peer.
 */
@KernelTest
class Ipv6AddressKernelTest {
    private static final String PEER = "2001:db8:f::2";
    private static final String PREFIX_PEER = "2001:db8:d::2";

    @TempDir
    Path tmp;

    private CliInNetns.Result jl2tp(Netns ns, String... args) {
        return new CliInNetns(tmp.resolve("state")).run(ns, args);
    }

    private Path config(boolean up) throws IOException {
        return Files.writeString(tmp.resolve("site-a.yaml"), """
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
                          up: %s
                          addresses:
                            - { address: 2001:db8:f::1, peer: 2001:db8:f::2 }
                            - 2001:db8:d::1/64
                """.formatted(up));
    }

    /** Site B by `ip`, the order the man page uses: link up, then addresses (nodad: usable at once). */
    private static void siteB(Netns b) {
        b.ip("l2tp add tunnel tunnel_id 4000 peer_tunnel_id 3000 encap udp local 192.0.2.2 remote 192.0.2.1"
                + " udp_sport 6000 udp_dport 5000");
        b.ip("l2tp add session tunnel_id 4000 session_id 2000 peer_session_id 1000");
        b.ip("link set l2tpeth0 up");
        b.ip("addr add 2001:db8:f::2 peer 2001:db8:f::1 dev l2tpeth0 nodad");
        b.ip("addr add 2001:db8:d::2/64 dev l2tpeth0 nodad");
    }

    /** Applies site A's config (its session interface up or not) and expects success. */
    private CliInNetns.Result applied(Netns a, boolean up) throws IOException {
        CliInNetns.Result apply = jl2tp(a, "-c", config(up).toString());
        assertThat(apply.exit()).as(apply.all()).isZero();
        return apply;
    }

    private static void pings6(Netns from, String to) {
        assertThat(from.run("ping", "-6", "-c", "2", "-i", "0.2", "-W", "5", to)).as("ping -6 " + to)
                .contains("2 packets transmitted, 2 received");
    }

    /** Without duplicate address detection on site A, as the kernel selftest runs. */
    private static void noDad(Netns ns) {
        ns.run("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
    }

    @Test
    void peerAndPrefixAddressesCarryTrafficWithoutDuplicateAddressDetection() throws IOException {
        try (TwoHosts hosts = TwoHosts.create()) {
            noDad(hosts.a);
            siteB(hosts.b);
            applied(hosts.a, true);
            assertThat(hosts.a.ip("-6", "route", "show", "dev", "l2tpeth0")).as("the peer's route").contains(PEER + " ");
            pings6(hosts.a, PEER);
            pings6(hosts.a, PREFIX_PEER);
        }
    }

    @Test
    void withDuplicateAddressDetectionTheVerifierWaitsForItAndTrafficFlows() throws IOException {
        try (TwoHosts hosts = TwoHosts.create()) {
            hosts.a.run("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=1", "net.ipv6.conf.default.accept_dad=1");
            siteB(hosts.b);
            applied(hosts.a, true);
            // The configured addresses are done with DAD (the kernel's own link-local one may not be).
            assertThat(hosts.a.ip("-6", "-o", "addr", "show", "dev", "l2tpeth0").lines()
                    .filter(l -> l.contains("2001:db8:")).toList())
                    .hasSize(2).noneMatch(l -> l.contains("tentative"));
            pings6(hosts.a, PEER);
            pings6(hosts.a, PREFIX_PEER);
        }
    }

    @Test
    void aLinkSetDownAndUpAgainByALaterApplyGetsItsAddressesBackWithTheirRoutes() throws IOException {
        try (TwoHosts hosts = TwoHosts.create()) {
            noDad(hosts.a);
            siteB(hosts.b);
            applied(hosts.a, true);
            applied(hosts.a, false);
            // The kernel drops a link's IPv6 addresses when it goes down (keep_addr_on_down 0).
            assertThat(hosts.a.ip("-6", "addr", "show", "dev", "l2tpeth0")).doesNotContain("2001:db8:f::1");
            CliInNetns.Result up = applied(hosts.a, true);
            assertThat(up.out().indexOf("~ set l2tpeth0 up")).as(up.out())
                    .isNotNegative().isLessThan(up.out().indexOf("+ add address 2001:db8:f::1"));
            pings6(hosts.a, PEER);
            pings6(hosts.a, PREFIX_PEER);
        }
    }

    @Test
    void theVerifierFailsWhenAPeerAddressHasNoRouteToItsPeer() throws IOException {
        try (TwoHosts hosts = TwoHosts.create()) {
            noDad(hosts.a);
            siteB(hosts.b);
            applied(hosts.a, true);
            // What the kernel leaves after add-then-up without DAD: the address, and no route to its peer.
            hosts.a.ip("-6", "route", "del", PEER, "dev", "l2tpeth0");
            hosts.a.ip("link", "set", "l2tpeth0", "mtu", "1400"); // something for the next apply to do
            CliInNetns.Result again = jl2tp(hosts.a, "-c", config(true).toString());
            assertThat(again.exit()).as(again.all()).isEqualTo(ExitCode.FAILED);
            assertThat(again.err()).contains("applied, but the kernel does not match the config afterwards:",
                    "l2tpeth0: address 2001:db8:f::1 peer 2001:db8:f::2/128: no route to the peer 2001:db8:f::2");
        }
    }
}
