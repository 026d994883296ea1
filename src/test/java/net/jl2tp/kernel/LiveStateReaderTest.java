package net.jl2tp.kernel;

import net.jl2tp.model.LiveState;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.Sequencing;
import net.jl2tp.netlink.l2tp.L2tpSession;
import net.jl2tp.netlink.l2tp.L2tpSessionState;
import net.jl2tp.netlink.l2tp.L2tpStats;
import net.jl2tp.netlink.l2tp.L2tpTunnel;
import net.jl2tp.netlink.l2tp.L2tpTunnelState;
import net.jl2tp.netlink.route.Link;
import net.jl2tp.netlink.route.LinkAddress;
import net.jl2tp.netlink.route.OperState;
import net.jl2tp.netlink.route.Rtnl;
import org.junit.jupiter.api.Test;

/** The pure half of the reader: decoded dumps in, the comparable state out. */
class LiveStateReaderTest {
    static java.net.InetAddress ip(String text) {
        return IpAddresses.parse(text).orElseThrow();
    }

    static final L2tpTunnelState V3 = new L2tpTunnelState(
            L2tpTunnel.udp(3000, 4000, ip("192.0.2.1"), ip("192.0.2.2"), 5000, 6000), 3, L2tpStats.ZERO);
    static final L2tpTunnelState V2 = new L2tpTunnelState(
            L2tpTunnel.udp(12, 34, ip("192.0.2.1"), ip("192.0.2.9"), 1701, 1701), 2, L2tpStats.ZERO);

    @Test
    void tunnelsOfAnL2tpv2DaemonAndTheirSessionsAreNotReadAsStaticTunnels() {
        LiveState live = LiveStateReader.assemble(List.of(V3, V2), List.of(
                new L2tpSessionState(L2tpSession.of(3000, 1000, 2000, "l2tpeth0").withSequencing(true, false), L2tpStats.ZERO),
                new L2tpSessionState(L2tpSession.of(12, 5, 6, null), L2tpStats.ZERO)), List.of(), List.of());

        assertThat(live.state().tunnels()).containsOnlyKeys(3000L);
        assertThat(live.state().sessions()).hasSize(1);
        assertThat(live.state().sessions().values().iterator().next().sequencing()).isEqualTo(Sequencing.RECEIVE);
    }

    /**
     * The kernel takes 1- to 8-byte cookies over netlink (only `ip` insists on 4 or 8): another
     * tool's session with a 2-byte cookie is read, not an internal error (found by fuzzing).
     */
    @Test
    void aForeignSessionWithACookieOfAnyKernelLengthIsRead() {
        LiveState live = LiveStateReader.assemble(List.of(V3), List.of(new L2tpSessionState(
                L2tpSession.of(3000, 1000, 2000, "l2tpeth0").withCookies("abcd", "0102030405"), L2tpStats.ZERO)),
                List.of(), List.of());

        var session = live.state().sessions().values().iterator().next();
        assertThat(session.cookie()).map(c -> c.hex()).hasValue("abcd");
        assertThat(session.peerCookie()).map(c -> c.hex()).hasValue("0102030405");
    }

    @Test
    void theSessionInterfaceIsKnownByTheSessionDumpAndKernelMadeIpv6AddressesAreLeftOut() {
        Link l2tpeth = new Link(7, "l2tpeth0", 1446, Rtnl.IFF_UP, OperState.UNKNOWN, 0, 0, null, 0, "02:00:00:00:00:01");
        Link dummy = new Link(8, "l2tpeth9", 1500, 0, OperState.DOWN, 0, 0, "dummy", 0, "02:00:00:00:00:02");
        LinkAddress p2p = new LinkAddress(7, ip("203.0.113.1"), 32, ip("203.0.113.2"), 0, Rtnl.IFA_F_PERMANENT, "");
        LinkAddress plain = new LinkAddress(7, ip("2001:db8:100::1"), 64, null, 0, Rtnl.IFA_F_PERMANENT, "");
        LinkAddress slaac = new LinkAddress(7, ip("2001:db8:100::abcd"), 64, null, 0, 0, "");

        LiveState live = LiveStateReader.assemble(List.of(V3),
                List.of(new L2tpSessionState(L2tpSession.of(3000, 1000, 2000, "l2tpeth0"), L2tpStats.ZERO)),
                List.of(l2tpeth, dummy), List.of(p2p, plain, slaac));

        assertThat(live.state().links().get("l2tpeth0").kind()).isEqualTo(LinkKind.SESSION);
        assertThat(live.state().links().get("l2tpeth9").kind()).as("named like one, but no session has it")
                .isEqualTo(LinkKind.OTHER);
        assertThat(live.state().links().get("l2tpeth0").addresses()).containsExactly(
                InterfaceAddress.withPeer(ip("203.0.113.1"), ip("203.0.113.2"), 32),
                InterfaceAddress.of(ip("2001:db8:100::1"), 64));
        assertThat(live.linkStatus().get("l2tpeth0").operState()).isEqualTo("unknown");
    }
}
