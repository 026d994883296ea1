package net.jl2tp.netlink.l2tp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.jl2tp.netlink.AttributeEncoder;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkConstants;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.netlink.genl.GenlHeader;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.TwoHosts;
import net.jl2tp.netlink.ffi.NetlinkSocket;
import net.jl2tp.netlink.route.Link;
import net.jl2tp.netlink.route.RouteNetlink;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;

/**
 * Every L2TP request, sent by the product to a real kernel through the jnr-ffi socket inside a
 * fresh namespace, creates what `ip l2tp show` (the independent witness) shows; the error paths
 * carry the kernel's errno.
 */
@KernelTest
class L2tpKernelTest {
    private static final InetAddress A4 = SampleTunnels.A4;
    private static final InetAddress B4 = SampleTunnels.B4;

    private TwoHosts hosts;
    private Netns a;
    private NetlinkSocket genl;
    private L2tpNetlink l2tp;

    @BeforeEach
    void twoHostsOnAVeth() throws Exception {
        hosts = TwoHosts.create();
        a = hosts.a;
        genl = NetlinkSocket.generic(a.name());
        l2tp = L2tpNetlink.open(genl);
    }

    @AfterEach
    void cleanUp() {
        if (genl != null) {
            genl.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void resolvesTheL2tpFamily() {
        assertThat(l2tp.family().name()).isEqualTo("l2tp");
        assertThat(l2tp.family().version()).isEqualTo(1);
        assertThat(l2tp.family().maxAttribute()).isGreaterThanOrEqualTo(L2tpConstants.ATTR_UDP_ZERO_CSUM6_RX);
    }

    @Test
    void createdTunnelsAreWhatIpShowsAndWhatTheDumpReads() throws Exception {
        List<L2tpTunnel> wanted = SampleTunnels.all();
        for (L2tpTunnel t : wanted) {
            l2tp.createTunnel(t);
        }
        String shown = a.ip("l2tp show tunnel");
        assertThat(shown).contains("Tunnel 3000, encap UDP\n  From 192.0.2.1 to 192.0.2.2\n  Peer tunnel 4000\n"
                + "  UDP source / dest ports: 5000/6000\n  UDP checksum: disabled");
        assertThat(shown).contains("Tunnel 3001, encap UDP\n  From 192.0.2.1 to 192.0.2.2\n  Peer tunnel 4001\n"
                + "  UDP source / dest ports: 5001/6001\n  UDP checksum: enabled");
        assertThat(shown).contains("Tunnel 3002, encap IP\n  From 192.0.2.1 to 192.0.2.2\n  Peer tunnel 4002\n");
        assertThat(shown).contains("Tunnel 3003, encap UDP\n  From 2001:db8:1::1 to 2001:db8:1::2\n  Peer tunnel 4003\n"
                + "  UDP source / dest ports: 5003/6003\n  UDP checksum: enabled");
        assertThat(shown).contains("Tunnel 3004, encap UDP\n  From 2001:db8:1::1 to 2001:db8:1::2\n  Peer tunnel 4004\n"
                + "  UDP source / dest ports: 5004/6004\n  UDP checksum: disabled");
        assertThat(shown).contains("Tunnel 3005, encap IP\n  From 2001:db8:1::1 to 2001:db8:1::2\n  Peer tunnel 4005\n");

        List<L2tpTunnel> read = l2tp.tunnels().stream().map(L2tpTunnelState::tunnel)
                .sorted(Comparator.comparingLong(L2tpTunnel::tunnelId)).toList();
        assertThat(read).isEqualTo(wanted);
        assertThat(l2tp.tunnel(3001)).hasValueSatisfying(s -> assertThat(s.tunnel()).isEqualTo(wanted.get(1)));
    }

    @Test
    void createdSessionsAreWhatIpShowsAndWhatTheDumpReads() throws Exception {
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        l2tp.createTunnel(L2tpTunnel.ip(3002, 4002, A4, B4));
        l2tp.createSession(L2tpSession.of(3000, 1000, 2000, "l2tpeth0"));
        l2tp.createSession(L2tpSession.of(3000, 1001, 2001, "pw-cookies").withCookies("014d3636deadbeef", "0badc0de")
                .withL2specType(L2tpL2specType.NONE));
        l2tp.createSession(L2tpSession.of(3000, 1002, 2002, "pw-seq").withSequencing(true, true));
        l2tp.createSession(L2tpSession.of(3002, 1003, 2003, null));

        String shown = a.ip("l2tp show session");
        assertThat(shown).contains("Session 1000 in tunnel 3000\n  Peer session 2000, tunnel 4000\n  interface name: l2tpeth0\n");
        assertThat(shown).contains("Session 1001 in tunnel 3000\n  Peer session 2001, tunnel 4000\n  interface name: pw-cookies\n");
        assertThat(shown).contains("cookie 014d3636deadbeef").contains("peer cookie 0badc0de");
        assertThat(shown).contains("Session 1002 in tunnel 3000").contains("sequence numbering: send recv");
        assertThat(shown).contains("Session 1003 in tunnel 3002\n  Peer session 2003, tunnel 4002\n  interface name: l2tpeth");

        List<L2tpSession> read = l2tp.sessions().stream().map(L2tpSessionState::session)
                .sorted(Comparator.comparingLong(L2tpSession::sessionId)).toList();
        assertThat(read).hasSize(4);
        assertThat(read.get(0)).isEqualTo(new L2tpSession(3000, 4000, 1000, 2000, "l2tpeth0", "", "", null, false, false, false));
        assertThat(read.get(1)).isEqualTo(new L2tpSession(3000, 4000, 1001, 2001, "pw-cookies", "014d3636deadbeef", "0badc0de", null, false, false, false));
        assertThat(read.get(2).recvSeq()).isTrue();
        assertThat(read.get(2).sendSeq()).isTrue();
        assertThat(l2tp.session(3000, 1001)).hasValueSatisfying(s -> assertThat(s.session()).isEqualTo(read.get(1)));

        // The session interface: no rtnl kind, MTU chosen by the kernel from the underlay.
        try (NetlinkSocket rt = NetlinkSocket.route(a.name())) {
            Link pw = new RouteNetlink(rt).link("l2tpeth0").orElseThrow();
            assertThat(pw.kind()).isNull();
            assertThat(pw.mtu()).isEqualTo(1500 - 54);
        }
    }

    /** Counters are real: bringing both ends up makes IPv6 send (DAD, MLD) across the pseudowire. */
    @Test
    void sessionAndTunnelCountersMoveWithTraffic() throws Exception {
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        l2tp.createSession(L2tpSession.of(3000, 1000, 2000, "l2tpeth0"));
        hosts.b.ip("l2tp add tunnel tunnel_id 4000 peer_tunnel_id 3000 encap udp local 192.0.2.2 remote 192.0.2.1"
                + " udp_sport 6000 udp_dport 5000");
        hosts.b.ip("l2tp add session name l2tpeth0 tunnel_id 4000 session_id 2000 peer_session_id 1000");
        hosts.b.ip("link set l2tpeth0 up");
        try (NetlinkSocket rt = NetlinkSocket.route(a.name())) {
            RouteNetlink route = new RouteNetlink(rt);
            route.setUp(route.link("l2tpeth0").orElseThrow().index(), true);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        L2tpStats stats = L2tpStats.ZERO;
        while (System.nanoTime() < deadline) {
            stats = l2tp.session(3000, 1000).orElseThrow().stats();
            if (stats.txPackets().orElseThrow() > 0 && stats.rxPackets().orElseThrow() > 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(stats.txPackets().orElseThrow()).isPositive();
        assertThat(stats.rxPackets().orElseThrow()).isPositive();
        assertThat(stats.txBytes().orElseThrow()).isGreaterThan(stats.txPackets().orElseThrow() * 14);
        assertThat(l2tp.tunnels()).singleElement().satisfies(t -> assertThat(t.stats().rxPackets().orElseThrow()).isPositive());
        assertThat(l2tp.sessions()).singleElement().satisfies(s -> assertThat(s.stats().txPackets().orElseThrow()).isPositive());
    }

    @Test
    void modifyChangesSequencingInPlace() throws Exception {
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        l2tp.createSession(L2tpSession.of(3000, 1000, 2000, "l2tpeth0"));
        assertThat(a.ip("l2tp show session")).doesNotContain("sequence numbering");
        l2tp.modifySessionSequencing(3000, 1000, true, true, false);
        assertThat(a.ip("l2tp show session")).contains("sequence numbering: send recv");
        assertThat(l2tp.session(3000, 1000)).hasValueSatisfying(s -> {
            assertThat(s.session().recvSeq()).isTrue();
            assertThat(s.session().sendSeq()).isTrue();
        });
    }

    @Test
    void deletedSessionsAndTunnelsAreGone() throws Exception {
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        l2tp.createSession(L2tpSession.of(3000, 1000, 2000, "l2tpeth0"));
        l2tp.deleteSession(3000, 1000);
        assertThat(a.ip("l2tp show session")).isEmpty();
        l2tp.deleteTunnel(3000);
        // Tunnel deletion is queued in the kernel: poll GET until it answers ENODEV.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (l2tp.tunnel(3000).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(l2tp.tunnel(3000)).isEmpty();
        assertThat(a.ip("l2tp show tunnel")).isEmpty();
    }

    /**
     * design.md says UDP_CSUM on create is read as a flag; the kernel's policy says u8. Both hold:
     * presence turns checksums on even with value 0, and a zero-length (true flag) attribute is refused.
     */
    @Test
    void udpChecksumIsTurnedOnByPresenceEvenWithValueZeroButMustBeAU8() throws Exception {
        int family = l2tp.family().id();
        genl.execute(new NetlinkRequest("create tunnel 3000 with UDP_CSUM u8 0", family, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK,
                rawUdpTunnel(3000, 5000).u8(L2tpConstants.ATTR_UDP_CSUM, 0).encode()));
        assertThat(a.ip("l2tp show tunnel")).contains("UDP checksum: enabled");
        assertThat(l2tp.tunnel(3000)).hasValueSatisfying(t -> assertThat(t.tunnel().udpChecksum()).isTrue());
        assertThatThrownBy(() -> genl.execute(new NetlinkRequest("create tunnel 3001 with UDP_CSUM as a flag", family,
                NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK, rawUdpTunnel(3001, 5001).flag(L2tpConstants.ATTR_UDP_CSUM).encode())))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    // kernel 6.1: the policy's length check for NLA_U8 answers ERANGE
                    assertThat(e.errno()).isEqualTo(Errno.ERANGE);
                    assertThat(e.extackMessage()).hasValue("Attribute failed policy validation");
                });
    }

    private static AttributeEncoder rawUdpTunnel(long id, int port) {
        return new AttributeEncoder(new GenlHeader(L2tpConstants.CMD_TUNNEL_CREATE, 1).encode())
                .u32(L2tpConstants.ATTR_CONN_ID, id).u32(L2tpConstants.ATTR_PEER_CONN_ID, id + 1000)
                .u8(L2tpConstants.ATTR_PROTO_VERSION, 3).u16(L2tpConstants.ATTR_ENCAP_TYPE, 0)
                .inetAddress(L2tpConstants.ATTR_IP_SADDR, A4).inetAddress(L2tpConstants.ATTR_IP_DADDR, B4)
                .u16(L2tpConstants.ATTR_UDP_SPORT, port).u16(L2tpConstants.ATTR_UDP_DPORT, port + 1000);
    }

    @Test
    void duplicateTunnelIdIsEEXIST() throws Exception {
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        assertThatThrownBy(() -> l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5010, 6010)))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EEXIST);
                    assertThat(e.getMessage()).startsWith("create tunnel 3000: EEXIST (File exists)");
                    assertThat(e.sequence()).isNotZero();
                });
    }

    @Test
    void sessionInAMissingTunnelIsENODEV() {
        assertThatThrownBy(() -> l2tp.createSession(L2tpSession.of(3999, 1000, 2000, "l2tpeth0")))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENODEV);
                    assertThat(e.getMessage()).startsWith("create session 1000 in tunnel 3999: ENODEV (No such device)");
                });
    }

    @Test
    void noRouteToThePeerIsENETUNREACH() {
        assertThatThrownBy(() -> l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, address("203.0.113.9"), 5000, 6000)))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENETUNREACH);
                    assertThat(e.getMessage()).startsWith("create tunnel 3000: ENETUNREACH (Network is unreachable)");
                });
    }

    @Test
    void absentLocalAddressIsEADDRNOTAVAIL() {
        assertThatThrownBy(() -> l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, address("198.51.100.1"), B4, 5000, 6000)))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EADDRNOTAVAIL);
                    assertThat(e.getMessage()).startsWith("create tunnel 3000: EADDRNOTAVAIL (Cannot assign requested address)");
                });
    }

    @Test
    void twoUdpTunnelsOnOneLocalPortAreEADDRINUSE() throws Exception {
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        assertThatThrownBy(() -> l2tp.createTunnel(L2tpTunnel.udp(3001, 4001, A4, B4, 5000, 6001)))
                .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EADDRINUSE));
    }

    private static InetAddress address(String literal) {
        return SampleTunnels.address(literal);
    }
}
