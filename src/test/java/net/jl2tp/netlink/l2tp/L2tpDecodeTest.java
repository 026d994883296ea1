package net.jl2tp.netlink.l2tp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.Fixtures;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.genl.GenlFamily;
import net.jl2tp.netlink.route.Link;
import net.jl2tp.netlink.route.RouteNetlink;

/** Kernel 6.1's real answers (captured in the test VM by capture-l2tp.sh), decoded. */
class L2tpDecodeTest {
    private static final GenlFamily L2TP = new GenlFamily("l2tp", 0x20, 1, 35);

    private static L2tpNetlink replaying(String fixture) throws NetlinkProtocolException {
        List<NetlinkMessage> captured = Fixtures.messages(fixture);
        return new L2tpNetlink(FakeNetlink.of(req -> captured).netlink(), L2TP);
    }

    @Test
    void tunnelDumpGivesEveryKindOfTunnelAsCreated() throws Exception {
        List<L2tpTunnelState> tunnels = replaying("replies/tunnel-dump.hex").tunnels();
        assertThat(tunnels).extracting(L2tpTunnelState::tunnel).containsExactlyElementsOf(SampleTunnels.all());
        assertThat(tunnels).allSatisfy(t -> assertThat(t.stats()).isEqualTo(L2tpStats.ZERO));
    }

    @Test
    void sessionDumpGivesIdsNamesCookiesAndSequencingButNotL2spec() throws Exception {
        List<L2tpSessionState> sessions = replaying("replies/session-dump.hex").sessions();
        assertThat(sessions).extracting(s -> s.session().sessionId()).containsExactlyInAnyOrder(1000L, 1001L, 1002L, 1003L);
        L2tpSession withCookies = sessions.stream().map(L2tpSessionState::session).filter(s -> s.sessionId() == 1001).findFirst().orElseThrow();
        assertThat(withCookies).isEqualTo(new L2tpSession(3000, 4000, 1001, 2001, "l2tpeth1", "014d3636deadbeef", "0badc0de", null, false, false, false));
        L2tpSession sequenced = sessions.stream().map(L2tpSessionState::session).filter(s -> s.sessionId() == 1002).findFirst().orElseThrow();
        assertThat(sequenced.recvSeq()).isTrue();
        assertThat(sequenced.sendSeq()).isTrue();
        assertThat(sequenced.interfaceName()).isEqualTo("l2tpeth2");
        L2tpSession unnamed = sessions.stream().map(L2tpSessionState::session).filter(s -> s.sessionId() == 1003).findFirst().orElseThrow();
        assertThat(unnamed.interfaceName()).as("the kernel named it").isEqualTo("l2tpeth3");
        assertThat(sessions).allSatisfy(s -> assertThat(s.session().l2specType()).isNull());
    }

    @Test
    void duplicateTunnelIsEEXISTWithoutExtack() throws Exception {
        List<NetlinkMessage> captured = Fixtures.messages("replies/error-tunnel-exists.hex");
        L2tpNetlink l2tp = new L2tpNetlink(FakeNetlink.of(req -> captured).netlink(), L2TP);
        InetAddress a4 = InetAddress.getByName("192.0.2.1");
        assertThatThrownBy(() -> l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, a4, InetAddress.getByName("192.0.2.2"), 5010, 6010)))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.EEXIST);
                    assertThat(e.getMessage()).isEqualTo("create tunnel 3000: EEXIST (File exists)");
                    assertThat(e.extackMessage()).isEmpty();
                    assertThat(e.hint()).hasValue("tunnel id 3000 is in use (a deleted tunnel's id is free only once it is gone)");
                });
    }

    @Test
    void sessionInAMissingTunnelIsENODEV() throws Exception {
        List<NetlinkMessage> captured = Fixtures.messages("replies/error-session-no-tunnel.hex");
        L2tpNetlink l2tp = new L2tpNetlink(FakeNetlink.of(req -> captured).netlink(), L2TP);
        assertThatThrownBy(() -> l2tp.createSession(L2tpSession.of(3999, 1009, 2009, "l2tpeth9")))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("create session 1009 in tunnel 3999: ENODEV (No such device)");
                    assertThat(e.hint()).hasValue("tunnel 3999 does not exist");
                });
    }

    @Test
    void getOfAMissingTunnelIsEmpty() throws Exception {
        L2tpNetlink l2tp = new L2tpNetlink(FakeNetlink.of(req -> List.of(FakeNetlink.error(req, Errno.ENODEV, null))).netlink(), L2TP);
        assertThat(l2tp.tunnel(3000)).isEmpty();
        assertThat(l2tp.session(3000, 1000)).isEmpty();
    }

    @Test
    void linkDumpShowsBridgePortVlanAndKindlessSessionInterface() throws Exception {
        List<NetlinkMessage> captured = Fixtures.messages("replies/link-dump-bridge-vlan-l2tp.hex");
        List<Link> links = new RouteNetlink(FakeNetlink.of(req -> captured).netlink()).links();
        Link br0 = links.stream().filter(l -> l.name().equals("br0")).findFirst().orElseThrow();
        Link l2tpeth0 = links.stream().filter(l -> l.name().equals("l2tpeth0")).findFirst().orElseThrow();
        Link vlan = links.stream().filter(l -> l.name().equals("pw0.5")).findFirst().orElseThrow();
        Link pw0 = links.stream().filter(l -> l.name().equals("pw0")).findFirst().orElseThrow();
        assertThat(br0.kind()).isEqualTo("bridge");
        assertThat(l2tpeth0.kind()).as("l2tpethN has no rtnl link kind").isNull();
        assertThat(l2tpeth0.masterIndex()).isEqualTo(br0.index());
        assertThat(l2tpeth0.mtu()).as("kernel-chosen MTU on a 1500 underlay, UDP, no cookie").isEqualTo(1446);
        assertThat(vlan.kind()).isEqualTo("vlan");
        assertThat(vlan.vlanId()).isEqualTo(5);
        assertThat(vlan.parentIndex()).isEqualTo(pw0.index());
    }

    /** Once a cookie of 9 or more bytes that the model refused later with an IllegalArgumentException. */
    @Test
    void aCookieLongerThanEightBytesIsAProtocolError() throws Exception {
        L2tpSessionCodec codec = new L2tpSessionCodec(L2TP.id());
        for (int length : new int[] {9, 16, 300}) {
            byte[] payload = new net.jl2tp.netlink.AttributeEncoder(new net.jl2tp.netlink.genl.GenlHeader(
                    L2tpConstants.CMD_SESSION_GET, 1).encode())
                    .u32(L2tpConstants.ATTR_CONN_ID, 1).u32(L2tpConstants.ATTR_SESSION_ID, 2)
                    .bytes(L2tpConstants.ATTR_PEER_COOKIE, new byte[length]).encode();
            net.jl2tp.netlink.NetlinkMessage message = new net.jl2tp.netlink.NetlinkMessage(L2TP.id(), 0, 0, 0, payload);
            assertThatThrownBy(() -> codec.decode(message)).isInstanceOf(NetlinkProtocolException.class)
                    .hasMessageContaining("the kernel reported a peer cookie of " + length + " bytes");
        }
    }
}
