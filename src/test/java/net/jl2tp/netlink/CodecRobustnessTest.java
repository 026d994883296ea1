package net.jl2tp.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import net.jl2tp.netlink.genl.GenlController;
import net.jl2tp.netlink.l2tp.L2tpSession;
import net.jl2tp.netlink.l2tp.L2tpSessionCodec;
import net.jl2tp.netlink.l2tp.L2tpTunnel;
import net.jl2tp.netlink.l2tp.L2tpTunnelCodec;
import net.jl2tp.netlink.route.AddressCodec;
import net.jl2tp.netlink.route.LinkAddress;
import net.jl2tp.netlink.route.LinkCodec;
import net.jl2tp.netlink.route.RouteCodec;

/**
 * Every decoder, fed the kernel's captured answers with random bytes changed, cut or appended,
 * gives a record or a NetlinkProtocolException, never another exception. And encoders refuse bad
 * values through their first error instead of sending them.
 */
class CodecRobustnessTest {
    private static final String[] REPLIES = {"replies/tunnel-dump.hex", "replies/session-dump.hex", "replies/link-dump.hex",
        "replies/link-dump-bridge-vlan-l2tp.hex", "replies/addr-dump.hex", "replies/route-get-ipv4.hex", "replies/route-get-ipv6.hex",
        "replies/genl-getfamily-l2tp.hex", "replies/error-mtu-extack.hex", "replies/error-tunnel-exists.hex"};

    interface Decoder {
        void decode(NetlinkMessage m) throws NetlinkProtocolException;
    }

    private static final L2tpTunnelCodec TUNNELS = new L2tpTunnelCodec(0x20);
    private static final L2tpSessionCodec SESSIONS = new L2tpSessionCodec(0x20);
    private static final List<Decoder> DECODERS = List.of(TUNNELS::decode, SESSIONS::decode, LinkCodec::decode, AddressCodec::decode,
            RouteCodec::decode, GenlController::decodeFamily, NetlinkError::ofError, NetlinkError::ofDone);

    @Test
    void mutatedKernelAnswersDecodeOrFailAsProtocolErrors() {
        Random random = new Random(42);
        int decoded = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] bytes = Fixtures.bytes(REPLIES[random.nextInt(REPLIES.length)]);
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                switch (random.nextInt(3)) {
                    case 0 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    case 1 -> bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                    default -> {
                        byte[] more = java.util.Arrays.copyOf(bytes, bytes.length + random.nextInt(9));
                        bytes = more;
                    }
                }
                if (bytes.length == 0) {
                    break;
                }
            }
            try {
                for (NetlinkMessage m : NetlinkMessage.decodeAll(bytes)) {
                    for (Decoder d : DECODERS) {
                        try {
                            d.decode(m);
                            decoded++;
                        } catch (NetlinkProtocolException expected) {
                            // the one allowed failure
                        }
                    }
                }
            } catch (NetlinkProtocolException expected) {
                // the one allowed failure
            }
        }
        assertThat(decoded).as("some mutations still decode").isPositive();
    }

    @Test
    void encodersRefuseWhatTheKernelCouldNotTake() throws Exception {
        InetAddress v4 = InetAddress.getByName("192.0.2.1");
        InetAddress v6 = InetAddress.getByName("2001:db8::1");
        assertThatThrownBy(() -> TUNNELS.create(L2tpTunnel.udp(3000, 4000, v4, v6, 5000, 6000)))
                .hasMessageContaining("different families");
        assertThatThrownBy(() -> TUNNELS.create(L2tpTunnel.udp(1L << 32, 4000, v4, v4, 5000, 6000)))
                .hasMessageContaining("outside 0..4294967295");
        assertThatThrownBy(() -> TUNNELS.create(L2tpTunnel.udp(3000, 4000, v4, v4, 70000, 6000)))
                .hasMessageContaining("outside 0..65535");
        assertThatThrownBy(() -> SESSIONS.create(L2tpSession.of(3000, 1000, 2000, "l2tpeth0").withCookies("abc", "")))
                .hasMessageContaining("not 8 or 16 hex digits");
        assertThatThrownBy(() -> SESSIONS.create(L2tpSession.of(3000, 1000, 2000, "a-very-long-interface-name")))
                .hasMessageContaining("longer than 15 bytes");
        assertThatThrownBy(() -> AddressCodec.add(LinkAddress.withPeer(3, v4, v6))).hasMessageContaining("different families");
        assertThatThrownBy(() -> RouteCodec.get(v4, v6)).hasMessageContaining("different families");
        assertThatThrownBy(() -> LinkCodec.createBridge("br\0", 0)).hasMessageContaining("NUL");
    }
}
