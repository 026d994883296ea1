package net.jl2tp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import net.jl2tp.netlink.NetlinkConstants;
import net.jl2tp.netlink.NetlinkError;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import org.junit.jupiter.api.Test;

/**
 * One test per finding of the fuzz tests: the input Jazzer saved (its crash-* file, also replayed
 * by the fuzz test itself on every run) and the smallest input that shows the same bug, with what
 * the fixed code does with it.
 */
class FuzzFindingsTest {
    private static final String NETLINK = "NetlinkDecoderFuzzTestInputs/anyBytesGiveMessagesOrAProtocolError/";

    /**
     * crash-361ae0010e27c13161d1aa3031febd6f0ec8de83: an NLMSG_ERROR (or NLMSG_DONE) whose error code
     * is positive, 0x1700, gave a NetlinkError with errno -5888 when the message had no room for the
     * echoed header, because only the longer form checked the sign.
     */
    @Test
    void positiveErrorCodeInAShortErrorMessageIsAProtocolError() {
        NetlinkDecoderFuzzTest.check(seed(NETLINK + "crash-361ae0010e27c13161d1aa3031febd6f0ec8de83"));
        NetlinkMessage error = new NetlinkMessage(NetlinkConstants.NLMSG_ERROR, 0, 1, 0, HexFormat.of().parseHex("00170000"));
        NetlinkMessage done = new NetlinkMessage(NetlinkConstants.NLMSG_DONE, 2, 1, 0, HexFormat.of().parseHex("00170000"));
        assertThatThrownBy(() -> NetlinkError.ofError(error)).isInstanceOf(NetlinkProtocolException.class)
                .hasMessageContaining("error code 5888 is not 0 or a negative errno");
        assertThatThrownBy(() -> NetlinkError.ofDone(done)).isInstanceOf(NetlinkProtocolException.class);
        assertThatThrownBy(() -> NetlinkError.ofError(new NetlinkMessage(NetlinkConstants.NLMSG_ERROR, 0, 1, 0,
                HexFormat.of().parseHex("00000080")))).as("INT_MIN has no errno").isInstanceOf(NetlinkProtocolException.class);
    }

    @Test
    void shortErrorMessagesWithANegativeErrnoStillDecode() throws Exception {
        NetlinkMessage eexist = new NetlinkMessage(NetlinkConstants.NLMSG_ERROR, 0, 1, 0, HexFormat.of().parseHex("efffffff"));
        assertThat(NetlinkError.ofError(eexist).errno()).isEqualTo(17);
    }

    static byte[] seed(String path) {
        try (InputStream in = FuzzFindingsTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no seed " + path + " beside " + FuzzFindingsTest.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
