package net.jl2tp.config;

import java.net.InetAddress;
import java.util.List;
import net.jl2tp.model.Encap;
import net.jl2tp.validate.constraints.L2tpId;
import net.jl2tp.validate.constraints.UdpPort;

/** A tunnel as written; {@code label} is its key under {@code tunnels:}. Null means not written. */
public record TunnelConfig(
        String label,
        @L2tpId Long tunnelId,
        @L2tpId Long peerTunnelId,
        Encap encap,
        InetAddress local,
        InetAddress remote,
        @UdpPort Long udpSourcePort,
        @UdpPort Long udpDestinationPort,
        Boolean udpChecksum,
        Boolean udp6ChecksumTx,
        Boolean udp6ChecksumRx,
        List<SessionConfig> sessions,
        Marks marks) implements Marked {
    public TunnelConfig {
        sessions = List.copyOf(sessions);
    }

    /** The encapsulation in effect: UDP unless the file says otherwise. */
    public Encap effectiveEncap() {
        return encap == null ? Encap.UDP : encap;
    }
}
