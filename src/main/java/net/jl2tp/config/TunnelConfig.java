package net.jl2tp.config;

import java.net.InetAddress;
import java.util.List;
import net.jl2tp.model.Encap;

/** A tunnel as written; {@code label} is its key under {@code tunnels:}. Null means not written. */
public record TunnelConfig(
        String label,
        Long tunnelId,
        Long peerTunnelId,
        Encap encap,
        InetAddress local,
        InetAddress remote,
        Long udpSourcePort,
        Long udpDestinationPort,
        Boolean udpChecksum,
        Boolean udp6ChecksumTx,
        Boolean udp6ChecksumRx,
        List<SessionConfig> sessions,
        Marks marks) implements Marked {
    public TunnelConfig {
        sessions = List.copyOf(sessions);
    }

    @Override
    public KeyTable keys() {
        return TunnelKeys.TABLE;
    }

    /** The encapsulation in effect: UDP unless the file says otherwise. */
    public Encap effectiveEncap() {
        return encap == null ? Encap.UDP : encap;
    }
}
