package net.jl2tp.netlink.l2tp;

import java.net.InetAddress;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import net.jl2tp.netlink.Fixtures;
import net.jl2tp.netlink.NetlinkRequest;

/**
 * Every L2TP request equals, byte for byte, what `ip l2tp` sent for the same command on the
 * test VM's kernel 6.1 (fixtures from capture-l2tp.sh, where "l2tp" had family id 0x20).
 * nlmsg_seq and nlmsg_pid are zeroed on both sides: ip numbers with the time, we count.
 */
class L2tpGoldenTest {
    static final int FAMILY = 0x20;
    static final L2tpTunnelCodec TUNNELS = new L2tpTunnelCodec(FAMILY);
    static final L2tpSessionCodec SESSIONS = new L2tpSessionCodec(FAMILY);

    static Stream<Arguments> requests() throws Exception {
        InetAddress a4 = InetAddress.getByName("192.0.2.1");
        InetAddress b4 = InetAddress.getByName("192.0.2.2");
        InetAddress a6 = InetAddress.getByName("2001:db8:1::1");
        InetAddress b6 = InetAddress.getByName("2001:db8:1::2");
        return Stream.of(
                Arguments.of("tunnel-create-udp4.hex", TUNNELS.create(L2tpTunnel.udp(3000, 4000, a4, b4, 5000, 6000))),
                Arguments.of("tunnel-create-udp4-csum.hex", TUNNELS.create(L2tpTunnel.udp(3001, 4001, a4, b4, 5001, 6001).withUdpChecksum(true))),
                Arguments.of("tunnel-create-ip4.hex", TUNNELS.create(L2tpTunnel.ip(3002, 4002, a4, b4))),
                Arguments.of("tunnel-create-udp6.hex", TUNNELS.create(L2tpTunnel.udp(3003, 4003, a6, b6, 5003, 6003))),
                Arguments.of("tunnel-create-udp6-nocsum.hex", TUNNELS.create(L2tpTunnel.udp(3004, 4004, a6, b6, 5004, 6004).withUdp6Checksums(false, false))),
                Arguments.of("tunnel-create-ip6.hex", TUNNELS.create(L2tpTunnel.ip(3005, 4005, a6, b6))),
                Arguments.of("tunnel-delete.hex", TUNNELS.delete(3005)),
                Arguments.of("tunnel-dump.hex", TUNNELS.dump()),
                Arguments.of("session-create-basic.hex", SESSIONS.create(L2tpSession.of(3000, 1000, 2000, "l2tpeth0"))),
                Arguments.of("session-create-cookies.hex", SESSIONS.create(L2tpSession.of(3000, 1001, 2001, "l2tpeth1")
                        .withCookies("014d3636deadbeef", "0badc0de").withL2specType(L2tpL2specType.NONE))),
                Arguments.of("session-create-seq.hex", SESSIONS.create(L2tpSession.of(3001, 1002, 2002, "l2tpeth2").withSequencing(true, true))),
                Arguments.of("session-create-noname.hex", SESSIONS.create(L2tpSession.of(3002, 1003, 2003, null))),
                Arguments.of("session-delete.hex", SESSIONS.delete(3000, 1001)),
                Arguments.of("session-dump.hex", SESSIONS.dump()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void requestEqualsWhatIpSends(String fixture, NetlinkRequest request) {
        Fixtures.assertSameAsIp(fixture, request);
    }
}
