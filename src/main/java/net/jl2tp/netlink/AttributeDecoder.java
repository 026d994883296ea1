package net.jl2tp.netlink;

import static net.jl2tp.netlink.NetlinkConstants.NLA_HEADER_LENGTH;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads netlink attributes one at a time, in native byte order:
 *
 * <pre>{@code
 * AttributeDecoder d = new AttributeDecoder(payload, 4);   // after a 4-byte genlmsghdr
 * while (d.next()) {
 *     switch (d.type()) {
 *         case L2TP_ATTR_CONN_ID -> id = d.u32();
 *         case L2TP_ATTR_STATS -> d.nested(s -> ...);
 *         default -> { }                                    // newer kernels add attributes
 *     }
 * }
 * d.finish();                                               // throws the first error, if any
 * }</pre>
 *
 * It keeps the FIRST error (a truncated attribute, a u32 of 3 bytes) and then stops: getters return
 * 0 / empty after an error, {@link #next()} returns false, {@link #finish()} throws
 * {@link NetlinkProtocolException}. No input makes it throw anything else.
 */
public final class AttributeDecoder {
    /** Shared by a decoder and the decoders of its nests, so a nest's error is the parent's. */
    private static final class ErrorSink {
        String first;
    }

    private final byte[] data;
    private final int end;
    private final ErrorSink errors;
    private int position;
    private int currentType = -1;
    private boolean currentNested;
    private int valueStart;
    private int valueLength;

    /** Decodes {@code data[offset..]}; an offset past the end is itself an error. */
    public AttributeDecoder(byte[] data, int offset) {
        this(data, offset, data.length, new ErrorSink());
        if (offset < 0 || offset > data.length) {
            errors.first = "attributes start at " + offset + " in a payload of " + data.length + " bytes";
        }
    }

    private AttributeDecoder(byte[] data, int offset, int end, ErrorSink errors) {
        this.data = data;
        this.position = Math.max(0, Math.min(offset, end));
        this.end = end;
        this.errors = errors;
    }

    /** Moves to the next attribute; false at the end or after an error. */
    public boolean next() {
        if (errors.first != null || position >= end) {
            return false;
        }
        int left = end - position;
        if (left < NLA_HEADER_LENGTH) {
            fail(left + " trailing bytes are too short for an attribute header");
            return false;
        }
        int length = Short.toUnsignedInt(shortAt(position));
        int rawType = Short.toUnsignedInt(shortAt(position + 2));
        if (length < NLA_HEADER_LENGTH || length > left) {
            fail("attribute " + (rawType & NetlinkConstants.NLA_TYPE_MASK) + " has length " + length + " with " + left + " bytes left");
            return false;
        }
        currentType = rawType & NetlinkConstants.NLA_TYPE_MASK;
        currentNested = (rawType & NetlinkConstants.NLA_F_NESTED) != 0;
        valueStart = position + NLA_HEADER_LENGTH;
        valueLength = length - NLA_HEADER_LENGTH;
        position = Math.min(end, position + NetlinkConstants.align(length));
        return true;
    }

    /** The current attribute's type without the NLA_F_NESTED / NLA_F_NET_BYTEORDER bits. */
    public int type() {
        return currentType;
    }

    /** Whether the sender marked the current attribute NLA_F_NESTED (many nests are not marked). */
    public boolean markedNested() {
        return currentNested;
    }

    public int length() {
        return valueLength;
    }

    public int u8() {
        return sized(1) ? Byte.toUnsignedInt(data[valueStart]) : 0;
    }

    public int u16() {
        return sized(2) ? Short.toUnsignedInt(shortAt(valueStart)) : 0;
    }

    /** A u16 in network byte order. */
    public int be16() {
        return sized(2) ? ((data[valueStart] & 0xff) << 8) | (data[valueStart + 1] & 0xff) : 0;
    }

    /** A u32 as Java int (bit pattern); see {@link #u32Unsigned()} for ids above 2^31. */
    public int u32() {
        return sized(4) ? buffer().getInt(valueStart) : 0;
    }

    public long u32Unsigned() {
        return Integer.toUnsignedLong(u32());
    }

    public long u64() {
        return sized(8) ? buffer().getLong(valueStart) : 0;
    }

    /** A string up to its first NUL (the kernel sends NUL-terminated strings); UTF-8. */
    public String string() {
        if (errors.first != null) {
            return "";
        }
        int n = 0;
        while (n < valueLength && data[valueStart + n] != 0) {
            n++;
        }
        return new String(data, valueStart, n, StandardCharsets.UTF_8);
    }

    public byte[] bytes() {
        return errors.first != null ? new byte[0] : Arrays.copyOfRange(data, valueStart, valueStart + valueLength);
    }

    /** A flag attribute is present when it is read: it must carry no value. */
    public boolean flag() {
        return sized(0);
    }

    /** A 4-byte (IPv4) or 16-byte (IPv6) address in network order. */
    public InetAddress inetAddress() {
        if (errors.first != null) {
            return null;
        }
        if (valueLength != 4 && valueLength != 16) {
            fail("attribute " + currentType + ": " + valueLength + " bytes is not an IPv4 or IPv6 address");
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes());
        } catch (UnknownHostException e) {
            fail("attribute " + currentType + ": " + e.getMessage());
            return null;
        }
    }

    /** Decodes the current attribute's value as attributes; their first error becomes this one's. */
    public void nested(Consumer<AttributeDecoder> body) {
        if (errors.first != null) {
            return;
        }
        body.accept(nestedDecoder());
    }

    /** A decoder over the current attribute's value, sharing this decoder's error. */
    public AttributeDecoder nestedDecoder() {
        return new AttributeDecoder(data, valueStart, valueStart + valueLength, errors);
    }

    /** Records an error found by the caller (e.g. an unknown encap type), unless one is already there. */
    public void fail(String message) {
        if (errors.first == null) {
            errors.first = message;
        }
    }

    public String error() {
        return errors.first;
    }

    /** Throws the first error, if there was one. */
    public void finish() throws NetlinkProtocolException {
        if (errors.first != null) {
            throw new NetlinkProtocolException(errors.first);
        }
    }

    private boolean sized(int expected) {
        if (errors.first != null) {
            return false;
        }
        if (valueLength != expected) {
            fail("attribute " + currentType + " has " + valueLength + " bytes, expected " + expected);
            return false;
        }
        return true;
    }

    private short shortAt(int index) {
        return buffer().getShort(index);
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
    }
}
