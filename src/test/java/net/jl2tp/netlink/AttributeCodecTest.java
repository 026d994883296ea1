package net.jl2tp.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AttributeCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesEachKindWithPaddingInNativeOrder() throws Exception {
        byte[] bytes = new AttributeEncoder()
                .u8(1, 3)
                .u16(2, 0x1234)
                .u32(3, 3000)
                .string(4, "lo")
                .flag(5)
                .inetAddress(6, InetAddress.getByName("192.0.2.1"))
                .nested(7, n -> n.u64(1, 1))
                .encode();
        assertThat(HEX.formatHex(bytes)).isEqualTo(
                "0500010003000000" // u8: length 5, padded to 8
                        + "0600020034120000" // u16 little-endian
                        + "08000300b80b0000" // u32 3000
                        + "070004006c6f0000" // "lo\0" padded
                        + "04000500" // flag: header only
                        + "08000600c0000201" // address in network order
                        + "100007000c000100" + "0100000000000000"); // nest of 16 holding a 12-byte u64 attribute
    }

    @Test
    void encoderKeepsTheFirstErrorAndIgnoresLaterCalls() {
        AttributeEncoder e = new AttributeEncoder().u8(1, 256).string(2, "a\0b").u16(3, 1);
        assertThat(e.error()).isEqualTo("attribute 1: value 256 outside 0..255");
        assertThatThrownBy(e::encode).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value 256");
    }

    @Test
    void encoderReportsAnErrorInsideANest() {
        AttributeEncoder e = new AttributeEncoder().nested(18, n -> n.string(1, "bad\0"));
        assertThat(e.error()).isEqualTo("in nest 18: attribute 1: string contains a NUL byte");
    }

    @Test
    void encoderRefusesAnAttributeLongerThan64KiB() {
        assertThat(new AttributeEncoder().bytes(1, new byte[70000]).error()).contains("do not fit");
    }

    @Test
    void decoderReadsWhatTheEncoderWrote() throws Exception {
        byte[] bytes = new AttributeEncoder().u32(9, 4294967295L).string(8, "l2tpeth0")
                .nested(30 | NetlinkConstants.NLA_F_NESTED, n -> n.u64(1, 42)).be16(2, 5000).encode();
        AttributeDecoder d = new AttributeDecoder(bytes, 0);
        assertThat(d.next()).isTrue();
        assertThat(d.type()).isEqualTo(9);
        assertThat(d.u32Unsigned()).isEqualTo(4294967295L);
        assertThat(d.next()).isTrue();
        assertThat(d.string()).isEqualTo("l2tpeth0");
        assertThat(d.next()).isTrue();
        assertThat(d.type()).isEqualTo(30);
        assertThat(d.markedNested()).isTrue();
        long[] inner = new long[1];
        d.nested(n -> {
            while (n.next()) {
                inner[0] = n.u64();
            }
        });
        assertThat(inner[0]).isEqualTo(42);
        assertThat(d.next()).isTrue();
        assertThat(d.be16()).isEqualTo(5000);
        assertThat(d.next()).isFalse();
        d.finish();
    }

    @Test
    void decoderKeepsTheFirstErrorFromAWrongSize() {
        byte[] bytes = new AttributeEncoder().u16(1, 7).u32(2, 9).encode();
        AttributeDecoder d = new AttributeDecoder(bytes, 0);
        d.next();
        assertThat(d.u32()).isZero(); // a u16 read as u32: error, 0
        assertThat(d.next()).isFalse(); // stops after the first error
        assertThatThrownBy(d::finish).isInstanceOf(NetlinkProtocolException.class)
                .hasMessageContaining("attribute 1 has 2 bytes, expected 4");
    }

    @Test
    void decoderRejectsTruncatedAttributes() {
        assertThatThrownBy(() -> drain(HEX.parseHex("0800010001"))).isInstanceOf(NetlinkProtocolException.class)
                .hasMessageContaining("length 8 with 5 bytes left");
        assertThatThrownBy(() -> drain(HEX.parseHex("0300010001"))).isInstanceOf(NetlinkProtocolException.class)
                .hasMessageContaining("length 3");
        assertThatThrownBy(() -> drain(HEX.parseHex("04000100aa"))).isInstanceOf(NetlinkProtocolException.class)
                .hasMessageContaining("1 trailing bytes");
    }

    @Test
    void errorInANestIsTheParentsError() {
        byte[] bytes = new AttributeEncoder().bytes(30, HEX.parseHex("0c000100")).encode(); // inner length 12 > 4
        AttributeDecoder d = new AttributeDecoder(bytes, 0);
        d.next();
        d.nested(n -> {
            while (n.next()) {
                n.u64();
            }
        });
        assertThatThrownBy(d::finish).isInstanceOf(NetlinkProtocolException.class).hasMessageContaining("length 12");
    }

    @Test
    void anyBytesGiveAttributesOrAProtocolErrorNeverAnotherException() {
        Random random = new Random(20261126);
        for (int i = 0; i < 20000; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            if (junk.length >= 2 && random.nextBoolean()) {
                junk[0] = (byte) (4 + random.nextInt(Math.max(1, junk.length - 3))); // plausible lengths
                junk[1] = 0;
            }
            try {
                AttributeDecoder d = new AttributeDecoder(junk, random.nextInt(3));
                while (d.next()) {
                    switch (random.nextInt(9)) {
                        case 0 -> d.u8();
                        case 1 -> d.u16();
                        case 2 -> d.u32();
                        case 3 -> d.u64();
                        case 4 -> d.string();
                        case 5 -> d.inetAddress();
                        case 6 -> d.flag();
                        case 7 -> d.nested(n -> {
                            while (n.next()) {
                                n.u32();
                            }
                        });
                        default -> d.bytes();
                    }
                }
                d.finish();
                NetlinkMessage.decodeAll(junk);
            } catch (NetlinkProtocolException expected) {
                // the one allowed failure
            }
        }
    }

    private static void drain(byte[] bytes) throws NetlinkProtocolException {
        AttributeDecoder d = new AttributeDecoder(bytes, 0);
        while (d.next()) {
            d.bytes();
        }
        d.finish();
    }
}
