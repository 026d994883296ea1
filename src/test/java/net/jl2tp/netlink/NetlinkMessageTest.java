package net.jl2tp.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class NetlinkMessageTest {

    @Test
    void encodesHeaderAndPadsToFourBytes() {
        NetlinkMessage m = new NetlinkMessage(0x10, 0x5, 7, 0, new byte[] {1, 2, 3, 4, 5});
        assertThat(HexFormat.of().formatHex(m.encode())).isEqualTo("150000001000050007000000000000000102030405000000");
    }

    @Test
    void splitsADatagramIntoMessagesAndAcceptsAnUnpaddedLastOne() throws Exception {
        byte[] two = NetlinkMessage.encodeAll(List.of(new NetlinkMessage(16, 2, 1, 9, new byte[] {1}),
                new NetlinkMessage(3, 2, 1, 9, new byte[4])));
        assertThat(NetlinkMessage.decodeAll(two)).extracting(NetlinkMessage::type).containsExactly(16, 3);
        byte[] unpadded = java.util.Arrays.copyOf(new NetlinkMessage(16, 0, 1, 0, new byte[] {1}).encode(), 17);
        assertThat(NetlinkMessage.decodeAll(unpadded).get(0).payload()).containsExactly(1);
    }

    @Test
    void malformedHeadersAreProtocolErrors() {
        assertThatThrownBy(() -> NetlinkMessage.decodeAll(new byte[10])).isInstanceOf(NetlinkProtocolException.class)
                .hasMessageContaining("too short for a message header");
        byte[] tooLong = new NetlinkMessage(16, 0, 0, 0, new byte[4]).encode();
        tooLong[0] = 64;
        assertThatThrownBy(() -> NetlinkMessage.decodeAll(tooLong)).isInstanceOf(NetlinkProtocolException.class)
                .hasMessageContaining("nlmsg_len 64");
        byte[] tooShort = new NetlinkMessage(16, 0, 0, 0, new byte[4]).encode();
        tooShort[0] = 8;
        assertThatThrownBy(() -> NetlinkMessage.decodeAll(tooShort)).isInstanceOf(NetlinkProtocolException.class)
                .hasMessageContaining("nlmsg_len 8");
        byte[] huge = new NetlinkMessage(16, 0, 0, 0, new byte[4]).encode();
        huge[3] = (byte) 0xff;
        assertThatThrownBy(() -> NetlinkMessage.decodeAll(huge)).isInstanceOf(NetlinkProtocolException.class);
    }

    @Test
    void errorMessagesWithoutTheirErrnoOrWithABadEchoAreProtocolErrors() {
        NetlinkMessage empty = new NetlinkMessage(NetlinkConstants.NLMSG_ERROR, 0, 0, 0, new byte[2]);
        assertThatThrownBy(() -> NetlinkError.ofError(empty)).isInstanceOf(NetlinkProtocolException.class).hasMessageContaining("no errno");
        byte[] p = new byte[20];
        p[0] = (byte) 0xef; p[1] = (byte) 0xff; p[2] = (byte) 0xff; p[3] = (byte) 0xff; // -17
        p[4] = 99; // echoed nlmsg_len 99 > what follows
        NetlinkMessage badEcho = new NetlinkMessage(NetlinkConstants.NLMSG_ERROR, 0, 0, 0, p);
        assertThatThrownBy(() -> NetlinkError.ofError(badEcho)).isInstanceOf(NetlinkProtocolException.class).hasMessageContaining("nlmsg_len 99");
    }
}
