package net.jl2tp.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jl2tp.netlink.NetlinkProtocolException;
import org.junit.jupiter.api.Test;

/** Real notifications, captured in the VM, decoded by the dump codecs. */
class NotificationDecoderTest {
    private static List<KernelNotification> decodeGolden(String name) throws IOException, NetlinkProtocolException {
        String text;
        try (InputStream in = NotificationDecoderTest.class.getResourceAsStream("notifications/" + name)) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        NotificationDecoder decoder = new NotificationDecoder(32);
        List<KernelNotification> out = new ArrayList<>();
        for (String line : text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList()) {
            String[] socketAndBytes = line.split(" ");
            byte[] datagram = HexFormat.of().parseHex(socketAndBytes[1]);
            out.addAll(socketAndBytes[0].equals("l2tp") ? decoder.decodeGeneric(datagram) : decoder.decodeRoute(datagram));
        }
        return out;
    }

    @Test
    void theVmsNotificationsDecodeToWhatIpDid() throws Exception {
        assumeThat(ByteOrder.nativeOrder()).as("captured on x86-64").isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(decodeGolden("linux-6.1.hex")).extracting(KernelNotification::describe).containsExactly(
                "l2tp tunnel 5 created",
                "l2tp session 5/7 (pw5) created",
                "l2tp session 5/7 (pw5) deleted",
                "link pw5 (index 3) new",
                "address 203.0.113.5/24 on index 3 new",
                "address 203.0.113.5/24 on index 3 deleted",
                "link pw5 (index 3) deleted");
    }

    @Test
    void anotherFamilysMessageOnTheGenericSocketIsSkippedThoughItsTypeIsRtmNewlinks() throws Exception {
        byte[] controller = HexFormat.of().parseHex("14000000100000000000000000000000" + "01020000");
        assertThat(new NotificationDecoder(32).decodeGeneric(controller)).isEmpty();
    }
}
