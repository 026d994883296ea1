package net.jl2tp.netlink.l2tp;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A static L2TPv3 tunnel: what TUNNEL_CREATE sends and a tunnel dump reports.
 *
 * @param tunnelId L2TP_ATTR_CONN_ID, 1..4294967295
 * @param peerTunnelId L2TP_ATTR_PEER_CONN_ID
 * @param local IPv4 or IPv6, same family as {@code remote}
 * @param udpSourcePort 0 for IP encapsulation
 * @param udpChecksum IPv4 + UDP: checksums on (kernel default off). False for other tunnels.
 * @param udp6ChecksumTx IPv6 + UDP: checksums sent (kernel default on; off = UDP_ZERO_CSUM6_TX).
 *     True for other tunnels.
 * @param udp6ChecksumRx IPv6 + UDP: checksums required on receive (off = UDP_ZERO_CSUM6_RX).
 */
public record L2tpTunnel(long tunnelId, long peerTunnelId, L2tpEncap encap, InetAddress local, InetAddress remote,
        int udpSourcePort, int udpDestinationPort, boolean udpChecksum, boolean udp6ChecksumTx, boolean udp6ChecksumRx) {

    /** A UDP tunnel with the kernel's default checksum settings. */
    public static L2tpTunnel udp(long tunnelId, long peerTunnelId, InetAddress local, InetAddress remote, int sourcePort, int destinationPort) {
        return new L2tpTunnel(tunnelId, peerTunnelId, L2tpEncap.UDP, local, remote, sourcePort, destinationPort, false, true, true);
    }

    public static L2tpTunnel ip(long tunnelId, long peerTunnelId, InetAddress local, InetAddress remote) {
        return new L2tpTunnel(tunnelId, peerTunnelId, L2tpEncap.IP, local, remote, 0, 0, false, true, true);
    }

    public L2tpTunnel withUdpChecksum(boolean on) {
        return new L2tpTunnel(tunnelId, peerTunnelId, encap, local, remote, udpSourcePort, udpDestinationPort, on, udp6ChecksumTx, udp6ChecksumRx);
    }

    public L2tpTunnel withUdp6Checksums(boolean tx, boolean rx) {
        return new L2tpTunnel(tunnelId, peerTunnelId, encap, local, remote, udpSourcePort, udpDestinationPort, udpChecksum, tx, rx);
    }

    public boolean isIpv6() {
        return !(local instanceof Inet4Address);
    }
}
