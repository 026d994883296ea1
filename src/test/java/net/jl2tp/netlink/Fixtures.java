package net.jl2tp.netlink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the captured fixtures under src/test/resources/netlink/: '#' lines (the command that made
 * them), then hex bytes. See capture.py beside them.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/netlink/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture netlink/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String path) {
        StringBuilder hex = new StringBuilder();
        for (String line : text(path).split("\n")) {
            if (!line.startsWith("#")) {
                hex.append(line.replaceAll("\\s", ""));
            }
        }
        return HexFormat.of().parseHex(hex);
    }

    /** The command on the fixture's first line. */
    public static String command(String path) {
        String first = text(path).split("\n")[0];
        return first.replaceFirst("^# command: ", "");
    }

    public static List<NetlinkMessage> messages(String path) throws NetlinkProtocolException {
        return NetlinkMessage.decodeAll(bytes(path));
    }

    /**
     * Asserts that {@code request}, as the product sends it, is byte for byte what `ip` sent in the
     * request fixture, nlmsg_seq and nlmsg_pid aside (see {@link #withoutSequenceAndPort}).
     */
    public static void assertSameAsIp(String requestFixture, NetlinkRequest request) {
        byte[] ip = withoutSequenceAndPort(bytes("requests/" + requestFixture));
        byte[] ours = withoutSequenceAndPort(request.toMessage(12345, 0).encode());
        org.assertj.core.api.Assertions.assertThat(HexFormat.of().formatHex(ours)).as(command("requests/" + requestFixture))
                .isEqualTo(HexFormat.of().formatHex(ip));
    }

    /**
     * Zeroes nlmsg_seq and nlmsg_pid of every message: ip numbers its requests with the time and
     * leaves pid 0, the product counts from its own start; the rest must match byte for byte.
     */
    public static byte[] withoutSequenceAndPort(byte[] wire) {
        byte[] out = wire.clone();
        int at = 0;
        while (at + 16 <= out.length) {
            int length = (out[at] & 0xff) | (out[at + 1] & 0xff) << 8 | (out[at + 2] & 0xff) << 16 | (out[at + 3] & 0xff) << 24;
            for (int i = 8; i < 16; i++) {
                out[at + i] = 0;
            }
            if (length < 16) {
                break;
            }
            at += (length + 3) & ~3;
        }
        return out;
    }
}
