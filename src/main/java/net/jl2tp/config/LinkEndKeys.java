package net.jl2tp.config;

import java.util.List;
import net.jl2tp.model.Mtu;

/** The keys of one end of a link, under {@code links: LABEL: SITE:}. */
public final class LinkEndKeys {
    private LinkEndKeys() {
    }

    static final KeyTable TABLE = new KeyTable();
    public static final ConfigKey<Long> TUNNEL_ID = TABLE.optional("tunnel-id", "tunnelId", Values.NUMBER,
            Ranges.L2TP_ID);
    public static final ConfigKey<Long> SESSION_ID = TABLE.optional("session-id", "sessionId", Values.NUMBER,
            Ranges.L2TP_ID);
    public static final ConfigKey<Long> UDP_PORT = TABLE.optional("udp-port", "udpPort", Values.NUMBER,
            Ranges.UDP_PORT);
    public static final ConfigKey<String> COOKIE = TABLE.optional("cookie", "cookie", Values.COOKIE);
    public static final ConfigKey<String> INTERFACE = TABLE.optional("interface", "interfaceName", Values.TEXT);
    public static final ConfigKey<Mtu> MTU = TABLE.include(InterfaceKeys.MTU.readBy(Values.MTU_OR_AUTO));
    public static final ConfigKey<Boolean> UP = TABLE.include(InterfaceKeys.UP);
    public static final ConfigKey<List<AddressConfig>> ADDRESSES = TABLE.include(InterfaceKeys.ADDRESSES);
    public static final ConfigKey<String> BRIDGE = TABLE.optional("bridge", "bridge", Values.TEXT);

    static {
        TABLE.ipWords(ADDRESSES, "address");
        TABLE.ipWords(TUNNEL_ID, "tunnel_id");
        TABLE.ipWords(SESSION_ID, "session_id");
        TABLE.ipWords(UDP_PORT, "udp_sport", "sport");
    }
}
