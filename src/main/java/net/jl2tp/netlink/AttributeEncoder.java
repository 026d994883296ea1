package net.jl2tp.netlink;

import static net.jl2tp.netlink.NetlinkConstants.NLA_HEADER_LENGTH;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Writes netlink attributes (struct nlattr: u16 length, u16 type, value, padding to 4 bytes) in
 * native byte order. It keeps the FIRST error and ignores every later call, so a codec writes all
 * its attributes without checking each one and asks once, in {@link #encode()}.
 *
 * <p>Attribute types are written as given: a caller that wants NLA_F_NESTED on a nest ORs it in
 * ({@code nested(IFLA_LINKINFO, ...)} writes what iproute2 writes, which is without the flag).
 */
public final class AttributeEncoder {
    private ByteBuffer buffer;
    private String error;

    public AttributeEncoder() {
        this(new byte[0]);
    }

    /** Starts after a family's fixed header (ifinfomsg, genlmsghdr...), which must be 4-aligned. */
    public AttributeEncoder(byte[] fixedHeader) {
        buffer = ByteBuffer.allocate(Math.max(64, fixedHeader.length * 2)).order(ByteOrder.nativeOrder());
        if (fixedHeader.length % NetlinkConstants.ALIGNTO != 0) {
            fail("fixed header of " + fixedHeader.length + " bytes is not 4-aligned");
        }
        buffer.put(fixedHeader);
    }

    public AttributeEncoder u8(int type, int value) {
        if (checkRange(type, value, 0xff)) {
            put(type, new byte[] {(byte) value});
        }
        return this;
    }

    public AttributeEncoder u16(int type, int value) {
        if (checkRange(type, value, 0xffff)) {
            put(type, ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) value).array());
        }
        return this;
    }

    /** A u32; {@code value} is read as unsigned (0..4294967295). */
    public AttributeEncoder u32(int type, long value) {
        if (checkRange(type, value, 0xffffffffL)) {
            put(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((int) value).array());
        }
        return this;
    }

    public AttributeEncoder u64(int type, long value) {
        put(type, ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(value).array());
        return this;
    }

    /** A u16 in network byte order (ports in some families; L2TP's ports are host order). */
    public AttributeEncoder be16(int type, int value) {
        if (checkRange(type, value, 0xffff)) {
            put(type, new byte[] {(byte) (value >>> 8), (byte) value});
        }
        return this;
    }

    /** A NUL-terminated string, as the kernel's NLA_NUL_STRING and NLA_STRING policies expect. */
    public AttributeEncoder string(int type, String value) {
        byte[] utf8 = checkedString(type, value);
        if (utf8 != null) {
            put(type, Arrays.copyOf(utf8, utf8.length + 1));
        }
        return this;
    }

    private byte[] checkedString(int type, String value) {
        if (value == null) {
            fail("attribute " + type + ": null string");
            return null;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        for (byte c : utf8) {
            if (c == 0) {
                fail("attribute " + type + ": string contains a NUL byte");
                return null;
            }
        }
        return utf8;
    }

    /**
     * A string without its NUL, for NLA_STRING attributes that iproute2 sends so (IFLA_INFO_KIND);
     * the kernel accepts both forms there, and the golden bytes follow ip.
     */
    public AttributeEncoder unterminatedString(int type, String value) {
        byte[] utf8 = checkedString(type, value);
        if (utf8 != null) {
            put(type, utf8);
        }
        return this;
    }

    public AttributeEncoder bytes(int type, byte[] value) {
        if (value == null) {
            fail("attribute " + type + ": null bytes");
            return this;
        }
        put(type, value);
        return this;
    }

    /** An attribute with no value: its presence is the information. */
    public AttributeEncoder flag(int type) {
        put(type, new byte[0]);
        return this;
    }

    /** The address's bytes in network order: 4 for IPv4, 16 for IPv6. */
    public AttributeEncoder inetAddress(int type, InetAddress address) {
        if (address == null) {
            fail("attribute " + type + ": null address");
            return this;
        }
        put(type, address.getAddress());
        return this;
    }

    /** A nest: {@code body} writes the inner attributes; its first error becomes this encoder's. */
    public AttributeEncoder nested(int type, Consumer<AttributeEncoder> body) {
        AttributeEncoder inner = new AttributeEncoder();
        body.accept(inner);
        if (inner.error != null) {
            fail("in nest " + (type & NetlinkConstants.NLA_TYPE_MASK) + ": " + inner.error);
            return this;
        }
        put(type, inner.bytesSoFar());
        return this;
    }

    /** The first error, if any call failed. */
    public String error() {
        return error;
    }

    /** The bytes written (fixed header, then attributes), or the first error. */
    public byte[] encode() {
        if (error != null) {
            throw new IllegalArgumentException("netlink attributes: " + error);
        }
        return bytesSoFar();
    }

    private byte[] bytesSoFar() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private boolean checkRange(int type, long value, long max) {
        if (value < 0 || value > max) {
            fail("attribute " + type + ": value " + value + " outside 0.." + max);
            return false;
        }
        return true;
    }

    /** Records an error the caller found (e.g. mixed address families); the first one wins. */
    public AttributeEncoder fail(String message) {
        if (error == null) {
            error = message;
        }
        return this;
    }

    private void put(int type, byte[] value) {
        if (error != null) {
            return;
        }
        if (type < 0 || type > 0xffff) {
            fail("attribute type " + type + " is not 16-bit");
            return;
        }
        int length = NLA_HEADER_LENGTH + value.length;
        if (length > 0xffff) {
            fail("attribute " + type + ": " + value.length + " bytes do not fit a netlink attribute");
            return;
        }
        int padded = NetlinkConstants.align(length);
        ensure(padded);
        buffer.putShort((short) length).putShort((short) type).put(value);
        for (int i = length; i < padded; i++) {
            buffer.put((byte) 0);
        }
    }

    private void ensure(int more) {
        if (buffer.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more))
                    .order(ByteOrder.nativeOrder());
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
    }
}
