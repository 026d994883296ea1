package net.jl2tp.netlink.genl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import net.jl2tp.netlink.NetlinkProtocolException;

/** struct genlmsghdr: the 4 bytes after nlmsghdr in every generic netlink message. */
public record GenlHeader(int command, int version) {
    public static final int LENGTH = 4;

    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).order(ByteOrder.nativeOrder()).put((byte) command).put((byte) version).putShort((short) 0).array();
    }

    public static GenlHeader decode(byte[] payload) throws NetlinkProtocolException {
        if (payload.length < LENGTH) {
            throw new NetlinkProtocolException("generic netlink message of " + payload.length + " bytes has no genlmsghdr");
        }
        return new GenlHeader(Byte.toUnsignedInt(payload[0]), Byte.toUnsignedInt(payload[1]));
    }
}
