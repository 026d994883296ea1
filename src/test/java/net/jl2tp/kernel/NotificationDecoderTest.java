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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real notifications, captured in the VM, decoded by the dump codecs. */
public class NotificationDecoderTest {
    private static List<KernelNotification> decodeGolden(String name, int familyId) throws IOException, NetlinkProtocolException {
        String text;
        try (InputStream in = NotificationDecoderTest.class.getResourceAsStream("notifications/" + name)) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        NotificationDecoder decoder = new NotificationDecoder(familyId);
        List<KernelNotification> out = new ArrayList<>();
        for (String line : text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList()) {
            String[] socketAndBytes = line.split(" ");
            byte[] datagram = HexFormat.of().parseHex(socketAndBytes[1]);
            out.addAll(socketAndBytes[0].equals("l2tp") ? decoder.decodeGeneric(datagram) : decoder.decodeRoute(datagram));
        }
        return out;
    }

    /** What ip did, as the decoder must tell it; the same on both kernels. */
    public static final List<String> WHAT_IP_DID = List.of(
            "l2tp tunnel 5 created",
            "l2tp session 5/7 (pw5) created",
            "l2tp session 5/7 (pw5) deleted",
            "link pw5 (index 3) new",
            "address 203.0.113.5/24 on index 3 new",
            "address 203.0.113.5/24 on index 3 deleted",
            "link pw5 (index 3) deleted");

    @ParameterizedTest
    @CsvSource({"linux-6.1.hex, 32", "linux-6.12.hex, 35"})
    void theVmsNotificationsDecodeToWhatIpDid(String file, int familyId) throws Exception {
        assumeThat(ByteOrder.nativeOrder()).as("captured on x86-64").isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(decodeGolden(file, familyId)).extracting(KernelNotification::describe).isEqualTo(WHAT_IP_DID);
    }

    @Test
    void anotherFamilysMessageOnTheGenericSocketIsSkippedThoughItsTypeIsRtmNewlinks() throws Exception {
        byte[] controller = HexFormat.of().parseHex("14000000100000000000000000000000" + "01020000");
        assertThat(new NotificationDecoder(32).decodeGeneric(controller)).isEmpty();
    }
}
