package net.jl2tp.testing;

import java.net.InetAddress;
import net.jl2tp.model.Encap;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.Tunnel;

/**
 * A {@link Tunnel} for tests, field by field by name instead of ten positional arguments. Starts
 * as the man page's tunnel: 3000 to peer 4000, UDP 192.0.2.1:5000 -> 192.0.2.2:6000, no IPv4
 * checksum, IPv6 checksums on (the kernel's defaults).
 */
public final class TunnelBuilder {
    private long tunnelId = 3000;
    private long peerTunnelId = 4000;
    private Encap encap = Encap.UDP;
    private InetAddress local = ip("192.0.2.1");
    private InetAddress remote = ip("192.0.2.2");
    private int udpSourcePort = 5000;
    private int udpDestinationPort = 6000;
    private boolean udpChecksum;
    private boolean udp6ChecksumTx = true;
    private boolean udp6ChecksumRx = true;

    private TunnelBuilder() {
    }

    public static TunnelBuilder tunnel() {
        return new TunnelBuilder();
    }

    /** Every field of {@code t}, to change a few. */
    public static TunnelBuilder from(Tunnel t) {
        return tunnel().tunnelId(t.tunnelId()).peerTunnelId(t.peerTunnelId()).encap(t.encap()).local(t.local())
                .remote(t.remote()).udpSourcePort(t.udpSourcePort()).udpDestinationPort(t.udpDestinationPort())
                .udpChecksum(t.udpChecksum()).udp6ChecksumTx(t.udp6ChecksumTx()).udp6ChecksumRx(t.udp6ChecksumRx());
    }

    public TunnelBuilder tunnelId(long value) {
        tunnelId = value;
        return this;
    }

    public TunnelBuilder peerTunnelId(long value) {
        peerTunnelId = value;
        return this;
    }

    public TunnelBuilder encap(Encap value) {
        encap = value;
        return this;
    }

    public TunnelBuilder local(InetAddress value) {
        local = value;
        return this;
    }

    public TunnelBuilder local(String value) {
        return local(ip(value));
    }

    public TunnelBuilder remote(InetAddress value) {
        remote = value;
        return this;
    }

    public TunnelBuilder remote(String value) {
        return remote(ip(value));
    }

    public TunnelBuilder udpSourcePort(int value) {
        udpSourcePort = value;
        return this;
    }

    public TunnelBuilder udpDestinationPort(int value) {
        udpDestinationPort = value;
        return this;
    }

    public TunnelBuilder udpChecksum(boolean value) {
        udpChecksum = value;
        return this;
    }

    public TunnelBuilder udp6ChecksumTx(boolean value) {
        udp6ChecksumTx = value;
        return this;
    }

    public TunnelBuilder udp6ChecksumRx(boolean value) {
        udp6ChecksumRx = value;
        return this;
    }

    public Tunnel build() {
        return new Tunnel(tunnelId, peerTunnelId, encap, local, remote, udpSourcePort, udpDestinationPort, udpChecksum,
                udp6ChecksumTx, udp6ChecksumRx);
    }

    private static InetAddress ip(String text) {
        return IpAddresses.parse(text).orElseThrow(() -> new IllegalArgumentException("not an address: " + text));
    }
}
