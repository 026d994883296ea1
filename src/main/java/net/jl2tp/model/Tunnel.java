package net.jl2tp.model;

import java.net.InetAddress;

/**
 * A tunnel as the kernel holds it: every field is fixed at creation (no netlink command changes
 * a tunnel), so any difference means delete and create again.
 *
 * @param udpSourcePort 0 for IP encapsulation
 * @param udpChecksum IPv4 + UDP checksums (kernel default off); false for other tunnels
 * @param udp6ChecksumTx IPv6 + UDP: send checksums (kernel default on); true for other tunnels
 * @param udp6ChecksumRx IPv6 + UDP: require checksums (kernel default on); true for other tunnels
 */
public record Tunnel(long tunnelId, long peerTunnelId, Encap encap, InetAddress local, InetAddress remote,
        int udpSourcePort, int udpDestinationPort, boolean udpChecksum, boolean udp6ChecksumTx,
        boolean udp6ChecksumRx) {

    public boolean isIpv6() {
        return !IpAddresses.family(local).equals("IPv4");
    }
}
