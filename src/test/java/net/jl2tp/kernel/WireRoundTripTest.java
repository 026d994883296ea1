package net.jl2tp.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import net.jl2tp.model.Cookie;
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
                new Tunnel(1, 4294967295L, Encap.UDP, a4, b4, 1701, 65535, true, true, true),
                new Tunnel(3000, 4000, Encap.UDP, a6, b6, 5000, 6000, false, false, true),
                new Tunnel(3002, 4002, Encap.IP, a4, b4, 0, 0, false, true, true),
                new Tunnel(3005, 4005, Encap.IP, a6, b6, 0, 0, false, true, true));
    }

    static Stream<Session> sessions() {
        return Stream.of(
                new Session(3000, 1000, 2000, "l2tpeth0", Optional.empty(), Optional.empty(), Optional.empty(), Sequencing.NONE),
                new Session(3000, 4294967295L, 1, "pw0", Optional.of(new Cookie("014d3636deadbeef")),
                        Optional.of(new Cookie("0badc0de")), Optional.empty(), Sequencing.SEND),
                new Session(1, 2, 3, null, Optional.empty(), Optional.of(new Cookie("0badc0de")), Optional.empty(),
                        Sequencing.RECEIVE),
                new Session(1, 3, 4, "a", Optional.empty(), Optional.empty(), Optional.empty(), Sequencing.BOTH));
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
                new Link("pw0.5", LinkKind.VLAN, Optional.of(new Link.VlanOf("pw0", 5)), OptionalInt.empty(), false,
                        Optional.empty(), List.of()),
                new Link("br0", LinkKind.BRIDGE, Optional.empty(), OptionalInt.empty(), false, Optional.empty(), List.of()));
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
