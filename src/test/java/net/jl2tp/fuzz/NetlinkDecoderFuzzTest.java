package net.jl2tp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import net.jl2tp.model.Cookie;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.netlink.AttributeDecoder;
import net.jl2tp.netlink.NetlinkConstants;
import net.jl2tp.netlink.NetlinkError;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.genl.GenlController;
import net.jl2tp.netlink.genl.GenlHeader;
import net.jl2tp.netlink.l2tp.L2tpSessionCodec;
import net.jl2tp.netlink.l2tp.L2tpSessionState;
import net.jl2tp.netlink.l2tp.L2tpTunnelCodec;
import net.jl2tp.netlink.route.AddressCodec;
import net.jl2tp.netlink.route.LinkAddress;
import net.jl2tp.netlink.route.LinkCodec;
import net.jl2tp.netlink.route.RouteCodec;
import net.jl2tp.netlink.route.Rtnl;

/**
 * Any bytes, as a datagram from the kernel, split into messages or give a NetlinkProtocolException;
 * every message, handed to every decoder (under the message type that decoder expects, so the
 * fuzzer need not guess types), gives a record or a NetlinkProtocolException, never another
 * exception, and a record the model takes. Messages that split also encode back to the same
 * messages. The seeds hold replies at the decoders' limits (prefix lengths 32/33 and 128/129,
 * cookies of 8 and 9 bytes).
 *
 * <p>Seeds: NetlinkDecoderFuzzTestInputs/ beside this class in src/test/resources (the kernel
 * replies captured under src/test/resources/netlink/replies, as bytes). {@code mvn verify} fuzzes
 * this for 60 s (README "Fuzzing").
 */
class NetlinkDecoderFuzzTest {
    /** The l2tp generic netlink family id is given by the kernel at run time; any id does here. */
    private static final int L2TP_FAMILY = 0x20;

    interface Decoder {
        Object decode(NetlinkMessage message) throws NetlinkProtocolException;
    }

    private record Typed(int type, Decoder decoder) {
    }

    private static final L2tpTunnelCodec TUNNELS = new L2tpTunnelCodec(L2TP_FAMILY);
    private static final L2tpSessionCodec SESSIONS = new L2tpSessionCodec(L2TP_FAMILY);
    private static final List<Typed> DECODERS = List.of(
            new Typed(L2TP_FAMILY, TUNNELS::decode),
            new Typed(L2TP_FAMILY, SESSIONS::decode),
            new Typed(Rtnl.RTM_NEWLINK, LinkCodec::decode),
            new Typed(Rtnl.RTM_NEWADDR, AddressCodec::decode),
            new Typed(Rtnl.RTM_NEWROUTE, RouteCodec::decode),
            new Typed(GenlController.GENL_ID_CTRL, GenlController::decodeFamily),
            new Typed(NetlinkConstants.NLMSG_ERROR, NetlinkDecoderFuzzTest::error),
            new Typed(NetlinkConstants.NLMSG_DONE, NetlinkDecoderFuzzTest::done));

    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveMessagesOrAProtocolError(byte[] bytes) {
        check(bytes);
    }

    /** The property; the regression tests of findings call it too. */
    static void check(byte[] bytes) {
        List<NetlinkMessage> messages;
        try {
            messages = NetlinkMessage.decodeAll(bytes);
        } catch (NetlinkProtocolException e) {
            assertThat(e.detail()).isNotBlank();
            return;
        }
        roundTrip(messages);
        for (NetlinkMessage message : messages) {
            for (Typed typed : DECODERS) {
                decode(typed.decoder(), message);
                decode(typed.decoder(), new NetlinkMessage(typed.type(), message.flags(), message.sequence(),
                        message.portId(), message.payload()));
            }
            walk(new AttributeDecoder(message.payload(), 0), 0);
            walk(new AttributeDecoder(message.payload(), GenlHeader.LENGTH), 0);
        }
    }

    /** The exceptions a decoder may throw: the product's own, and nothing else. */
    static final List<Class<? extends Exception>> ALLOWED = List.of(NetlinkProtocolException.class);

    private static void decode(Decoder decoder, NetlinkMessage message) {
        Object decoded;
        try {
            decoded = decoder.decode(message);
        } catch (NetlinkProtocolException e) {
            assertThat(e.detail()).isNotBlank();
            assertThat(e.getMessage()).contains("malformed reply");
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("a decoder let " + e + " escape; only " + ALLOWED + " may", e);
        }
        assertThat(decoded).isNotNull();
        decoded.toString(); // what a log line or an error message does with it
        modelTakes(decoded);
    }

    /**
     * What a decoder gives, the model takes as the live state reader hands it over: an address
     * with its prefix and peer, a session's cookies. Once a decoded reply that the model refused
     * with an IllegalArgumentException (a prefix length of 200, a cookie of 9 bytes).
     */
    private static void modelTakes(Object decoded) {
        if (decoded instanceof LinkAddress a) {
            InterfaceAddress address = a.peer() == null ? InterfaceAddress.of(a.address(), a.prefixLength())
                    : InterfaceAddress.withPeer(a.address(), a.peer(), a.prefixLength());
            assertThat(address.toString()).isNotEmpty();
        } else if (decoded instanceof L2tpSessionState state) {
            for (String hex : new String[] {state.session().cookie(), state.session().peerCookie()}) {
                if (hex != null && !hex.isEmpty()) {
                    assertThat(new Cookie(hex).length()).isBetween(1, 8);
                }
            }
        }
    }

    /** What the client does with an NLMSG_ERROR: the errno, the extack, then the exception it throws. */
    private static Object error(NetlinkMessage message) throws NetlinkProtocolException {
        NetlinkError error = NetlinkError.ofError(message);
        assertThat(error.errno()).as("errno of %s", message).isNotNegative();
        return error.isAck() ? error : error.toException("fuzz", message.sequence()).getMessage();
    }

    private static Object done(NetlinkMessage message) throws NetlinkProtocolException {
        NetlinkError done = NetlinkError.ofDone(message);
        assertThat(done.errno()).as("errno of %s", message).isNotNegative();
        return done.isAck() ? done : done.toException("fuzz", message.sequence()).getMessage();
    }

    private static void roundTrip(List<NetlinkMessage> messages) {
        try {
            assertThat(NetlinkMessage.decodeAll(NetlinkMessage.encodeAll(messages))).isEqualTo(messages);
        } catch (NetlinkProtocolException e) {
            throw new AssertionError("messages that decoded do not decode again once encoded", e);
        }
    }

    /**
     * Reads every attribute with every getter that fits its length, and as a nest, a few levels
     * deep: the decoder's promise is that nothing but its own error comes out, whatever is asked.
     */
    private static void walk(AttributeDecoder d, int depth) {
        while (d.next()) {
            d.bytes();
            d.string();
            switch (d.length()) {
                case 0 -> d.flag();
                case 1 -> d.u8();
                case 2 -> {
                    d.u16();
                    d.be16();
                }
                case 4, 16 -> {
                    if (d.length() == 4) {
                        d.u32Unsigned();
                    }
                    d.inetAddress();
                }
                case 8 -> d.u64();
                default -> {
                }
            }
            if (depth < 4) {
                walk(new AttributeDecoder(d.bytes(), 0), depth + 1); // its own error, so the walk goes on
            }
        }
        try {
            d.finish();
            assertThat(d.error()).isNull();
        } catch (NetlinkProtocolException e) {
            assertThat(d.error()).isNotNull();
        }
    }
}
