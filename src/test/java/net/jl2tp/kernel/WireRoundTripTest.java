package net.jl2tp.kernel;

import static net.jl2tp.testing.LinkBuilder.link;
import static net.jl2tp.testing.SessionBuilder.session;
import static net.jl2tp.testing.TunnelBuilder.tunnel;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.netlink.route.LinkCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What jl2tp sends for an object is what it reads back from the kernel's report of it: model ->
 * wire -> model is the identity for each object the kernel reports in full. (A session's l2spec
 * type is not reported: the sessions here leave it unset, as a session read back has it.)
 */
class WireRoundTripTest {
    static Stream<Tunnel> tunnels() throws Exception {
        InetAddress a4 = InetAddress.getByName("192.0.2.1");
        InetAddress b4 = InetAddress.getByName("203.0.113.9");
        InetAddress a6 = InetAddress.getByName("2001:db8::1");
        InetAddress b6 = InetAddress.getByName("2001:db8::2");
        return Stream.of(
                tunnel().tunnelId(1).peerTunnelId(4294967295L).local(a4).remote(b4).udpSourcePort(1701)
                        .udpDestinationPort(65535).udpChecksum(true).build(),
                tunnel().local(a6).remote(b6).udp6ChecksumTx(false).build(),
                tunnel().tunnelId(3002).peerTunnelId(4002).encap(Encap.IP).local(a4).remote(b4).udpSourcePort(0)
                        .udpDestinationPort(0).build(),
                tunnel().tunnelId(3005).peerTunnelId(4005).encap(Encap.IP).local(a6).remote(b6).udpSourcePort(0)
                        .udpDestinationPort(0).build());
    }

    static Stream<Session> sessions() {
        return Stream.of(
                session().l2specTypeUnknown().build(),
                session().sessionId(4294967295L).peerSessionId(1).interfaceName("pw0").cookie("014d3636deadbeef")
                        .peerCookie("0badc0de").l2specTypeUnknown().sequencing(Sequencing.SEND).build(),
                session().tunnelId(1).sessionId(2).peerSessionId(3).interfaceName(null).peerCookie("0badc0de")
                        .l2specTypeUnknown().sequencing(Sequencing.RECEIVE).build(),
                session().tunnelId(1).sessionId(3).peerSessionId(4).interfaceName("a").l2specTypeUnknown()
                        .sequencing(Sequencing.BOTH).build());
    }

    static Stream<InterfaceAddress> addresses() throws Exception {
        return Stream.of(
                InterfaceAddress.of(InetAddress.getByName("192.0.2.1"), 24),
                InterfaceAddress.of(InetAddress.getByName("2001:db8:1::1"), 64),
                InterfaceAddress.withPeer(InetAddress.getByName("198.51.100.1"), InetAddress.getByName("198.51.100.2"), 32),
                InterfaceAddress.withPeer(InetAddress.getByName("2001:db8::1"), InetAddress.getByName("2001:db8::2"), 128));
    }

    @ParameterizedTest
    @MethodSource("tunnels")
    void tunnelReadsBackAsSent(Tunnel tunnel) {
        assertThat(TunnelWire.fromWire(TunnelWire.toWire(tunnel))).isEqualTo(tunnel);
    }

    @ParameterizedTest
    @MethodSource("sessions")
    void sessionReadsBackAsSent(Session session) {
        assertThat(SessionWire.fromWire(SessionWire.toWire(session))).isEqualTo(session);
    }

    @ParameterizedTest
    @MethodSource("addresses")
    void addressReadsBackAsSent(InterfaceAddress address) {
        assertThat(AddressWire.fromWire(AddressWire.toWire(7, address))).isEqualTo(address);
    }

    static Stream<Link> links() {
        return Stream.of(
                link("pw0.5", LinkKind.VLAN).vlanOf("pw0", 5).up(false).build(),
                link("br0", LinkKind.BRIDGE).up(false).build());
    }

    /**
     * A link as RTM_NEWLINK makes it, decoded as a link report: its name, kind and vlan (the
     * parent named through its ifindex) read back; mtu, state and master are steps of their own.
     */
    @ParameterizedTest
    @MethodSource("links")
    void linkReadsBackAsMade(Link link) throws Exception {
        NetlinkRequest create = LinkWire.create(link, Map.of("pw0", 3)::get);

        Link read = LinkWire.fromWire(LinkCodec.decode(create.toMessage(1, 0)), false, Map.of(3, "pw0"), List.of());

        assertThat(List.of(read.name(), read.kind(), read.vlan())).isEqualTo(List.of(link.name(), link.kind(), link.vlan()));
    }
}
