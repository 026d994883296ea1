package net.jl2tp.netlink.l2tp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The six tunnels of capture-l2tp.sh: UDP / UDP with checksums / IP encap, over IPv4 and IPv6. */
final class SampleTunnels {
    static final InetAddress A4 = address("192.0.2.1");
    static final InetAddress B4 = address("192.0.2.2");
    static final InetAddress A6 = address("2001:db8:1::1");
    static final InetAddress B6 = address("2001:db8:1::2");

    private SampleTunnels() {
    }

    static List<L2tpTunnel> all() {
        return List.of(
                L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000),
                L2tpTunnel.udp(3001, 4001, A4, B4, 5001, 6001).withUdpChecksum(true),
                L2tpTunnel.ip(3002, 4002, A4, B4),
                L2tpTunnel.udp(3003, 4003, A6, B6, 5003, 6003),
                L2tpTunnel.udp(3004, 4004, A6, B6, 5004, 6004).withUdp6Checksums(false, false),
                L2tpTunnel.ip(3005, 4005, A6, B6));
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
