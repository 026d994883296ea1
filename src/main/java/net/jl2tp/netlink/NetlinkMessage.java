package net.jl2tp.netlink;

import static net.jl2tp.netlink.NetlinkConstants.HEADER_LENGTH;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One netlink message: the nlmsghdr fields and the bytes after the 16-byte header (a family's
 * fixed header such as ifinfomsg or genlmsghdr, then attributes). Native byte order, as the
 * kernel uses for everything but fields it documents as network order.
 */
public record NetlinkMessage(int type, int flags, int sequence, int portId, byte[] payload) {

    public NetlinkMessage {
        payload = payload == null ? new byte[0] : payload;
        if ((type & ~0xffff) != 0 || (flags & ~0xffff) != 0) {
            throw new IllegalArgumentException("nlmsg_type and nlmsg_flags are 16-bit: " + type + ", " + flags);
        }
    }

    public int length() {
        return HEADER_LENGTH + payload.length;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) == flag;
    }

    /** The payload as a native-order buffer positioned at 0. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
    }

    public NetlinkMessage withHeader(int newSequence, int newPortId) {
        return new NetlinkMessage(type, flags, newSequence, newPortId, payload);
    }

    /** The message on the wire: nlmsg_len = 16 + payload, padded to 4 bytes. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(NetlinkConstants.align(length())).order(ByteOrder.nativeOrder());
        writeTo(b);
        return b.array();
    }

    public void writeTo(ByteBuffer b) {
        int start = b.position();
        b.putInt(length()).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(portId).put(payload);
        while ((b.position() - start) % NetlinkConstants.ALIGNTO != 0) {
            b.put((byte) 0);
        }
    }

    public static byte[] encodeAll(List<NetlinkMessage> messages) {
        int size = messages.stream().mapToInt(m -> NetlinkConstants.align(m.length())).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        messages.forEach(m -> m.writeTo(b));
        return b.array();
    }

    /**
     * Splits a datagram (or several, concatenated) into messages. Malformed input of any kind gives a
     * {@link NetlinkProtocolException}, never another exception.
     */
    public static List<NetlinkMessage> decodeAll(byte[] bytes) throws NetlinkProtocolException {
        return decodeAll(bytes, 0, bytes.length);
    }

    public static List<NetlinkMessage> decodeAll(byte[] bytes, int offset, int count) throws NetlinkProtocolException {
        if (offset < 0 || count < 0 || offset > bytes.length - count) {
            throw new NetlinkProtocolException("range " + offset + "+" + count + " outside a buffer of " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, count).order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        while (b.hasRemaining()) {
            int at = b.position() - offset;
            if (b.remaining() < HEADER_LENGTH) {
                throw new NetlinkProtocolException(b.remaining() + " bytes at offset " + at + " are too short for a message header");
            }
            int start = b.position();
            long length = Integer.toUnsignedLong(b.getInt());
            if (length < HEADER_LENGTH || length > b.remaining() + 4L) {
                throw new NetlinkProtocolException("nlmsg_len " + length + " at offset " + at + " with " + (b.remaining() + 4) + " bytes left");
            }
            int type = Short.toUnsignedInt(b.getShort());
            int flags = Short.toUnsignedInt(b.getShort());
            int seq = b.getInt();
            int pid = b.getInt();
            byte[] payload = new byte[(int) length - HEADER_LENGTH];
            b.get(payload);
            out.add(new NetlinkMessage(type, flags, seq, pid, payload));
            // The last message of a datagram may come without its padding.
            int next = start + NetlinkConstants.align((int) length);
            b.position(Math.min(next, b.limit()));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetlinkMessage m && type == m.type && flags == m.flags && sequence == m.sequence
                && portId == m.portId && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return ((type * 31 + flags) * 31 + sequence) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "NetlinkMessage[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq=" + sequence
                + ", pid=" + portId + ", payload=" + HexFormat.of().formatHex(payload) + "]";
    }
}
