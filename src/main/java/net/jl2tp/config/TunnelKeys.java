package net.jl2tp.config;

import java.net.InetAddress;
import java.util.List;
import net.jl2tp.model.Encap;

/** The keys of a tunnel, under {@code tunnels: NAME:}. */
public final class TunnelKeys {
    private TunnelKeys() {
    }

    static final KeyTable TABLE = new KeyTable();
    public static final ConfigKey<Long> TUNNEL_ID = TABLE.required("tunnel-id", "tunnelId", Values.NUMBER,
            Ranges.L2TP_ID);
    public static final ConfigKey<Long> PEER_TUNNEL_ID = TABLE.required("peer-tunnel-id", "peerTunnelId",
            Values.NUMBER, Ranges.L2TP_ID);
    public static final ConfigKey<Encap> ENCAP = TABLE.optional("encap", "encap", Values.ENCAP);
    public static final ConfigKey<InetAddress> LOCAL = TABLE.required("local", "local", Values.IP_ADDRESS);
    public static final ConfigKey<InetAddress> REMOTE = TABLE.required("remote", "remote", Values.IP_ADDRESS);
    public static final ConfigKey<Long> UDP_SOURCE_PORT = TABLE.optional("udp-source-port", "udpSourcePort",
            Values.NUMBER, Ranges.UDP_PORT);
    public static final ConfigKey<Long> UDP_DESTINATION_PORT = TABLE.optional("udp-destination-port",
            "udpDestinationPort", Values.NUMBER, Ranges.UDP_PORT);
    public static final ConfigKey<Boolean> UDP_CHECKSUM = TABLE.optional("udp-checksum", "udpChecksum",
            Values.BOOL);
    public static final ConfigKey<Boolean> UDP6_CHECKSUM_TX = TABLE.optional("udp6-checksum-tx", "udp6ChecksumTx",
            Values.BOOL);
    public static final ConfigKey<Boolean> UDP6_CHECKSUM_RX = TABLE.optional("udp6-checksum-rx", "udp6ChecksumRx",
            Values.BOOL);
    public static final ConfigKey<List<SessionConfig>> SESSIONS = TABLE.list("sessions", "sessions",
            new NamedMap<>(SessionConfig.class, SessionKeys.TABLE, true, FileBinder::session));

    static {
        TABLE.ipWords(UDP_SOURCE_PORT, "udp_sport", "sport");
        TABLE.ipWords(UDP_DESTINATION_PORT, "udp_dport", "dport");
        TABLE.ipWords(UDP_CHECKSUM, "udp_csum");
        TABLE.ipWords(UDP6_CHECKSUM_TX, "udp6_csum_tx");
        TABLE.ipWords(UDP6_CHECKSUM_RX, "udp6_csum_rx");
    }
}
