package net.jl2tp.config;

import java.util.List;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Mtu;
import net.jl2tp.model.Sequencing;

/** The keys of a session, under a tunnel's {@code sessions: NAME:}. */
public final class SessionKeys {
    private SessionKeys() {
    }

    static final KeyTable TABLE = new KeyTable();
    public static final ConfigKey<Long> SESSION_ID = TABLE.required("session-id", "sessionId", Values.NUMBER,
            Ranges.L2TP_ID);
    public static final ConfigKey<Long> PEER_SESSION_ID = TABLE.required("peer-session-id", "peerSessionId",
            Values.NUMBER, Ranges.L2TP_ID);
    public static final ConfigKey<String> COOKIE = TABLE.optional("cookie", "cookie", Values.TEXT);
    public static final ConfigKey<String> PEER_COOKIE = TABLE.optional("peer-cookie", "peerCookie", Values.TEXT);
    public static final ConfigKey<L2specType> L2SPEC_TYPE = TABLE.optional("l2spec-type", "l2specType",
            Values.L2SPEC_TYPE);
    public static final ConfigKey<Sequencing> SEQUENCING = TABLE.optional("sequencing", "sequencing",
            Values.SEQUENCING);
    public static final ConfigKey<Long> OFFSET = TABLE.optional("offset", "offset", Values.NUMBER,
            Ranges.ZERO_OFFSET);
    public static final ConfigKey<Long> PEER_OFFSET = TABLE.optional("peer-offset", "peerOffset", Values.NUMBER,
            Ranges.ZERO_OFFSET);
    public static final ConfigKey<Mtu> MTU = TABLE.include(InterfaceKeys.MTU.readBy(Values.MTU_OR_AUTO));
    public static final ConfigKey<Boolean> UP = TABLE.include(InterfaceKeys.UP);
    public static final ConfigKey<List<AddressConfig>> ADDRESSES = TABLE.include(InterfaceKeys.ADDRESSES);

    static {
        TABLE.ipWords(SEQUENCING, "seq");
        TABLE.ipWords(ADDRESSES, "address");
    }
}
