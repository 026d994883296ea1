package net.jl2tp.netlink.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import net.jl2tp.netlink.Fixtures;
import net.jl2tp.netlink.NetlinkConstants;
import net.jl2tp.netlink.NetlinkRequest;

/**
 * Every rtnetlink request the product sends equals, byte for byte, what `ip` sent for the same
 * command (fixtures from capture-rtnl.sh; ifindex 3 is pw0, 2 is pw1 in the capture namespace).
 * nlmsg_seq and nlmsg_pid are zeroed on both sides: ip numbers with the time, we count.
 */
class RouteGoldenTest {

    static Stream<Arguments> requests() throws Exception {
        InetAddress a1 = InetAddress.getByName("192.0.2.1");
        return Stream.of(
                Arguments.of("link-dump.hex", LinkCodec.dump()),
                Arguments.of("link-create-bridge.hex", LinkCodec.createBridge("br0", 0)),
                Arguments.of("link-create-bridge-mtu.hex", LinkCodec.createBridge("br0", 1400)),
                Arguments.of("link-create-vlan.hex", LinkCodec.createVlan("pw0.5", 3, 5)),
                Arguments.of("link-set-mtu.hex", LinkCodec.setMtu(3, 1446)),
                Arguments.of("link-set-up.hex", LinkCodec.setUp(3, true)),
                Arguments.of("link-set-down.hex", LinkCodec.setUp(3, false)),
                Arguments.of("link-set-master.hex", LinkCodec.setMaster(3, 2)),
                Arguments.of("link-set-nomaster.hex", LinkCodec.setMaster(3, 0)),
                Arguments.of("link-delete.hex", LinkCodec.delete(2)),
                Arguments.of("addr-add-prefix.hex", AddressCodec.add(LinkAddress.of(3, a1, 24))),
                Arguments.of("addr-add-peer.hex", AddressCodec.add(LinkAddress.withPeer(3,
                        InetAddress.getByName("198.51.100.1"), InetAddress.getByName("198.51.100.2")))),
                Arguments.of("addr-add-ipv6.hex", AddressCodec.add(LinkAddress.of(3, InetAddress.getByName("2001:db8:1::1"), 64)
                        .withFlags(Rtnl.IFA_F_NODAD))),
                Arguments.of("addr-del-prefix.hex", AddressCodec.delete(LinkAddress.of(3, a1, 24))),
                Arguments.of("addr-del-peer.hex", AddressCodec.delete(LinkAddress.withPeer(3,
                        InetAddress.getByName("198.51.100.1"), InetAddress.getByName("198.51.100.2")))),
                Arguments.of("addr-dump.hex", AddressCodec.dump()),
                Arguments.of("route-get-ipv4.hex", RouteCodec.get(InetAddress.getByName("198.51.100.2"), a1)),
                Arguments.of("route-get-ipv4-nosource.hex", RouteCodec.get(InetAddress.getByName("198.51.100.2"), null)),
                Arguments.of("route-get-ipv6.hex", RouteCodec.get(InetAddress.getByName("2001:db8:2::2"),
                        InetAddress.getByName("2001:db8:1::1"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void requestEqualsWhatIpSends(String fixture, NetlinkRequest request) {
        Fixtures.assertSameAsIp(fixture, request);
    }

    /** `ip` looks a name up without NLM_F_ACK; the product adds it so the lookup can go in a batch. */
    @Test
    void linkLookupByNameIsIpsLookupWithAnAck() {
        NetlinkRequest get = LinkCodec.get("pw0");
        assertThat(get.flags()).isEqualTo(NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK);
        Fixtures.assertSameAsIp("link-get-by-name.hex",
                new NetlinkRequest(get.operation(), get.type(), get.flags() & ~NetlinkConstants.NLM_F_ACK, get.payload()));
    }
}
