package net.jl2tp.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.Fixtures;
import net.jl2tp.netlink.l2tp.L2tpSessionCodec;
import net.jl2tp.netlink.l2tp.L2tpTunnelCodec;
import net.jl2tp.plan.Change;
import net.jl2tp.plan.ObjectRef;
import net.jl2tp.testing.LinkBuilder;
import net.jl2tp.testing.SessionBuilder;
import net.jl2tp.testing.TunnelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each plan step kind, mapped to netlink by {@link ChangeRequests} (model -> wire conversion
 * included), is byte for byte what `ip` sent for the same command (the golden request files,
 * captured where "l2tp" had family id 0x20). pw0 has ifindex 3 and pw1 ifindex 2, as in the captures.
 */
class ChangeRequestsGoldenTest {
    private static final int FAMILY = 0x20;
    private static final Map<String, Integer> INDEXES = Map.of("pw0", 3, "pw1", 2);
    private static final ChangeRequests REQUESTS = new ChangeRequests(new L2tpTunnelCodec(FAMILY),
            new L2tpSessionCodec(FAMILY), INDEXES::get);

    static Stream<Arguments> steps() throws Exception {
        InetAddress a4 = ip("192.0.2.1");
        InetAddress b4 = ip("192.0.2.2");
        InetAddress a6 = ip("2001:db8:1::1");
        InetAddress b6 = ip("2001:db8:1::2");
        InetAddress p1 = ip("198.51.100.1");
        InetAddress p2 = ip("198.51.100.2");
        return Stream.of(
                Arguments.of("tunnel-create-udp4.hex", create(udp(3000, 4000, a4, b4, 5000, 6000).build())),
                Arguments.of("tunnel-create-udp4-csum.hex", create(udp(3001, 4001, a4, b4, 5001, 6001)
                        .udpChecksum(true).build())),
                Arguments.of("tunnel-create-ip4.hex", create(ipEncap(3002, 4002, a4, b4))),
                Arguments.of("tunnel-create-udp6.hex", create(udp(3003, 4003, a6, b6, 5003, 6003).build())),
                Arguments.of("tunnel-create-udp6-nocsum.hex", create(udp(3004, 4004, a6, b6, 5004, 6004)
                        .udp6ChecksumTx(false).udp6ChecksumRx(false).build())),
                Arguments.of("tunnel-create-ip6.hex", create(ipEncap(3005, 4005, a6, b6))),
                Arguments.of("tunnel-delete.hex", new Change.DeleteTunnel(ipEncap(3005, 4005, a6, b6), "",
                        Optional.empty())),
                Arguments.of("session-create-basic.hex", create(session(3000, 1000, 2000, "l2tpeth0", Sequencing.NONE))),
                Arguments.of("session-create-cookies.hex", new Change.CreateSession(
                        SessionBuilder.session().sessionId(1001).peerSessionId(2001).interfaceName("l2tpeth1")
                                .cookie("014d3636deadbeef").peerCookie("0badc0de").l2specType(L2specType.NONE).build(),
                        "", Optional.empty())),
                Arguments.of("session-create-seq.hex", create(session(3001, 1002, 2002, "l2tpeth2", Sequencing.BOTH))),
                Arguments.of("session-create-noname.hex", create(session(3002, 1003, 2003, null, Sequencing.NONE))),
                Arguments.of("session-delete.hex", new Change.DeleteSession(session(3000, 1001, 2001, "l2tpeth1",
                        Sequencing.NONE), Optional.empty(), "", Optional.empty())),
                Arguments.of("link-create-bridge.hex", new Change.CreateLink(link("br0", LinkKind.BRIDGE, Optional.empty()),
                        "", Optional.empty())),
                Arguments.of("link-create-vlan.hex", new Change.CreateLink(link("pw0.5", LinkKind.VLAN,
                        Optional.of(new Link.VlanOf("pw0", 5))), "", Optional.empty())),
                Arguments.of("link-delete.hex", new Change.DeleteLink(link("pw1", LinkKind.BRIDGE, Optional.empty()),
                        Optional.empty(), "", Optional.empty())),
                Arguments.of("link-set-mtu.hex", new Change.SetMtu("pw0", OptionalInt.empty(), 1446, "", Optional.empty())),
                Arguments.of("link-set-master.hex", new Change.SetMaster("pw0", Optional.empty(), Optional.of("pw1"), "",
                        Optional.empty())),
                Arguments.of("link-set-nomaster.hex", new Change.SetMaster("pw0", Optional.of("pw1"), Optional.empty(), "",
                        Optional.empty())),
                Arguments.of("link-set-up.hex", new Change.SetUp("pw0", true, "", Optional.empty())),
                Arguments.of("link-set-down.hex", new Change.SetUp("pw0", false, "", Optional.empty())),
                Arguments.of("addr-add-prefix.hex", new Change.AddAddress("pw0", InterfaceAddress.of(a4, 24), "",
                        Optional.empty())),
                Arguments.of("addr-add-peer.hex", new Change.AddAddress("pw0", InterfaceAddress.withPeer(p1, p2, 32), "",
                        Optional.empty())),
                Arguments.of("addr-del-prefix.hex", new Change.DeleteAddress("pw0", InterfaceAddress.of(a4, 24), "",
                        Optional.empty())),
                Arguments.of("addr-del-peer.hex", new Change.DeleteAddress("pw0", InterfaceAddress.withPeer(p1, p2, 32), "",
                        Optional.empty())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void stepIsWhatIpSends(String fixture, Change step) {
        Fixtures.assertSameAsIp(fixture, REQUESTS.map(step).request());
    }

    /**
     * `ip l2tp` has no command that changes a session in place, so there is no capture: the
     * expected bytes are session-delete's (same ids) with L2TP_CMD_SESSION_MODIFY (7) for
     * L2TP_CMD_SESSION_DELETE (6), and the u8 attributes RECV_SEQ (18), SEND_SEQ (19), LNS_MODE (20).
     */
    @Test
    void modifySessionIsSessionDeleteWithModifyAndTheSequencingAttributes() {
        Session to = session(3000, 1001, 2001, "l2tpeth1", Sequencing.RECEIVE);
        byte[] delete = Fixtures.withoutSequenceAndPort(Fixtures.bytes("requests/session-delete.hex"));
        String attributes = "050012000100000005001300000000000500140000000000";
        byte[] expected = HexFormat.of().parseHex(HexFormat.of().formatHex(delete) + attributes);
        expected[0] = (byte) expected.length;
        expected[16] = 7;

        byte[] ours = Fixtures.withoutSequenceAndPort(REQUESTS.map(new Change.ModifySession(
                session(3000, 1001, 2001, "l2tpeth1", Sequencing.NONE), to, "", Optional.empty())).request()
                .toMessage(12345, 0).encode());

        assertThat(HexFormat.of().formatHex(ours)).isEqualTo(HexFormat.of().formatHex(expected));
    }

    /** The golden list above covers every kind that goes to the kernel; an adoption never does. */
    @Test
    void everyKindIsCovered() throws Exception {
        List<String> kinds = steps().map(a -> ((Change) a.get()[1]).getClass().getSimpleName()).distinct().toList();
        assertThat(kinds).hasSize(Change.class.getPermittedSubclasses().length - 2); // ModifySession and Adopt apart
        Change adopt = new Change.Adopt(new ObjectRef.TunnelRef(3000), new NetworkState(new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(), new TreeMap<>()), "", Optional.empty());
        assertThatThrownBy(() -> REQUESTS.map(adopt)).isInstanceOf(IllegalStateException.class);
    }

    /** A delete carries the lookups that answer ENODEV once it is gone; other steps none. */
    @Test
    void deletesCarryTheirGoneProbes() throws Exception {
        Change deleteSession = new Change.DeleteSession(session(3000, 1001, 2001, "l2tpeth1", Sequencing.NONE),
                Optional.empty(), "", Optional.empty());
        ChangeRequests.WireStep wire = REQUESTS.map(deleteSession);
        assertThat(wire.l2tpProbes()).containsExactly(new L2tpSessionCodec(FAMILY).get(3000, 1001));
        assertThat(wire.linkProbes()).hasSize(1);
        assertThat(REQUESTS.map(new Change.SetUp("pw0", true, "", Optional.empty())).isDelete()).isFalse();
    }

    private static Change create(Tunnel t) {
        return new Change.CreateTunnel(t, "", Optional.empty());
    }

    private static Change create(Session s) {
        return new Change.CreateSession(s, "", Optional.empty());
    }

    /** A UDP tunnel with the kernel's default checksums, to change those by name. */
    private static TunnelBuilder udp(long id, long peer, InetAddress local, InetAddress remote, int sport, int dport) {
        return TunnelBuilder.tunnel().tunnelId(id).peerTunnelId(peer).local(local).remote(remote).udpSourcePort(sport)
                .udpDestinationPort(dport);
    }

    private static Tunnel ipEncap(long id, long peer, InetAddress local, InetAddress remote) {
        return TunnelBuilder.tunnel().tunnelId(id).peerTunnelId(peer).encap(Encap.IP).local(local).remote(remote)
                .udpSourcePort(0).udpDestinationPort(0).build();
    }

    private static Session session(long tunnel, long id, long peer, String name, Sequencing sequencing) {
        return SessionBuilder.session().tunnelId(tunnel).sessionId(id).peerSessionId(peer).interfaceName(name)
                .l2specTypeUnknown().sequencing(sequencing).build();
    }

    private static Link link(String name, LinkKind kind, Optional<Link.VlanOf> vlan) {
        return LinkBuilder.link(name, kind).vlan(vlan).up(false).build();
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
