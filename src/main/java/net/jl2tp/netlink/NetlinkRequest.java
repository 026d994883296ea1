package net.jl2tp.netlink;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A request before the socket gives it a sequence number and port id: what to do (for error
 * messages, e.g. {@code create tunnel 3000}), nlmsg_type, nlmsg_flags and the payload (family
 * header + attributes), exactly as a codec built it.
 */
public record NetlinkRequest(String operation, int type, int flags, byte[] payload) {

    public NetlinkRequest {
        if (operation == null || operation.isBlank()) {
            throw new IllegalArgumentException("a request names its operation");
        }
        payload = payload == null ? new byte[0] : payload;
    }

    public boolean isDump() {
        return (flags & NetlinkConstants.NLM_F_DUMP) == NetlinkConstants.NLM_F_DUMP;
    }

    public boolean wantsAck() {
        return (flags & NetlinkConstants.NLM_F_ACK) != 0;
    }

    public NetlinkMessage toMessage(int sequence, int portId) {
        return new NetlinkMessage(type, flags, sequence, portId, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetlinkRequest r && operation.equals(r.operation) && type == r.type && flags == r.flags
                && Arrays.equals(payload, r.payload);
    }

    @Override
    public int hashCode() {
        return (operation.hashCode() * 31 + type) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "NetlinkRequest[" + operation + ", type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", payload="
                + HexFormat.of().formatHex(payload) + "]";
    }
}
