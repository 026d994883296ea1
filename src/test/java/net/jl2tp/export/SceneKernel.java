package net.jl2tp.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.model.LiveState;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.Netlink;
import net.jl2tp.netlink.NetlinkConstants;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.NetlinkReply;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.netlink.genl.GenlController;
import net.jl2tp.netlink.genl.GenlHeader;
import net.jl2tp.netlink.l2tp.L2tpConstants;
import net.jl2tp.netlink.route.Rtnl;

/**
 * Host "a" of capture-scene.sh (src/test/resources/export/), replayed: a kernel whose answers to
 * the l2tp family lookup and the tunnel, session, link and address dumps are those kernel 6.1 gave
 * in the test VM. See scene-ip.txt beside the fixtures for what `ip` showed of it.
 */
public final class SceneKernel {
    private static final List<NetlinkMessage> FAMILY = firstOfType("scene-genl-family.hex", GenlController.GENL_ID_CTRL);
    private static final List<NetlinkMessage> TUNNELS = dumpAnswer("scene-tunnels.hex");
    private static final List<NetlinkMessage> SESSIONS = dumpAnswer("scene-sessions.hex");
    private static final List<NetlinkMessage> LINKS = dumpAnswer("scene-links.hex");
    private static final List<NetlinkMessage> ADDRESSES = dumpAnswer("scene-addresses.hex");

    private SceneKernel() {
    }

    /** A Kernel over fake sockets that answer as host a did. */
    public static Kernel open() throws NetlinkException {
        return open(OptionalLong.of(NETNS_COOKIE));
    }

    /** The same, on a kernel whose sockets report {@code cookie} (empty: a kernel before 5.14). */
    public static Kernel open(OptionalLong cookie) throws NetlinkException {
        return open(cookie, request -> {
            throw new AssertionError("show and status only dump links and addresses, not " + request);
        });
    }

    /**
     * The scene, with the route requests beyond its dumps answered by {@code otherRoute} (a dry-run
     * asks RTM_GETROUTE for mtu auto).
     */
    public static Kernel open(OptionalLong cookie, java.util.function.Function<NetlinkMessage, List<NetlinkMessage>> otherRoute)
            throws NetlinkException {
        FakeNetlink route = FakeNetlink.of(request -> switch (request.type()) {
            case Rtnl.RTM_GETLINK -> LINKS;
            case Rtnl.RTM_GETADDR -> ADDRESSES;
            default -> otherRoute.apply(request);
        });
        FakeNetlink generic = FakeNetlink.of(request -> {
            if (request.type() == GenlController.GENL_ID_CTRL) {
                return FAMILY;
            }
            int command = genlCommand(request);
            if (command == L2tpConstants.CMD_TUNNEL_GET) {
                return TUNNELS;
            }
            if (command == L2tpConstants.CMD_SESSION_GET) {
                return SESSIONS;
            }
            throw new AssertionError("show and status only dump tunnels and sessions, not command " + command);
        });
        return new Kernel(withCookie(route.netlink(), cookie), generic.netlink());
    }

    /** The scene's namespace cookie (SO_NETNS_COOKIE), under which show finds the state record. */
    public static final long NETNS_COOKIE = 4242;

    /** The socket, reporting {@code cookie} as its namespace cookie (a fake socket reports none). */
    public static Netlink withCookie(Netlink netlink, OptionalLong cookie) {
        return new Netlink() {
            @Override
            public List<NetlinkMessage> execute(NetlinkRequest request) throws NetlinkException {
                return netlink.execute(request);
            }

            @Override
            public List<NetlinkMessage> dump(NetlinkRequest request) throws NetlinkException {
                return netlink.dump(request);
            }

            @Override
            public List<NetlinkReply> executeAll(List<NetlinkRequest> requests) throws NetlinkException {
                return netlink.executeAll(requests);
            }

            @Override
            public OptionalLong netnsCookie() {
                return cookie;
            }

            @Override
            public void close() {
                netlink.close();
            }
        };
    }

    public static LiveState read() throws NetlinkException {
        try (Kernel kernel = open()) {
            return kernel.read();
        }
    }

    private static int genlCommand(NetlinkMessage request) {
        try {
            return GenlHeader.decode(request.payload()).command();
        } catch (NetlinkProtocolException e) {
            throw new AssertionError(e);
        }
    }

    /** The messages of a dump, up to its NLMSG_DONE: ip asks more afterwards (RTM_GETNSID for a veth's peer). */
    static List<NetlinkMessage> dumpAnswer(String fixture) {
        List<NetlinkMessage> out = new ArrayList<>();
        for (NetlinkMessage m : messages(fixture)) {
            out.add(m);
            if (m.type() == NetlinkConstants.NLMSG_DONE) {
                return out;
            }
        }
        throw new AssertionError(fixture + " has no NLMSG_DONE");
    }

    private static List<NetlinkMessage> firstOfType(String fixture, int type) {
        return List.of(messages(fixture).stream().filter(m -> m.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError(fixture + " has no message of type " + type)));
    }

    /** The fixture's messages: '#' lines are comments, the rest hex (capture.py's format). */
    static List<NetlinkMessage> messages(String fixture) {
        try (InputStream in = SceneKernel.class.getResourceAsStream("/export/" + fixture)) {
            if (in == null) {
                throw new AssertionError("no fixture export/" + fixture);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#")) {
                    hex.append(line.replaceAll("\\s", ""));
                }
            }
            return NetlinkMessage.decodeAll(HexFormat.of().parseHex(hex));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NetlinkProtocolException e) {
            throw new AssertionError(fixture + ": " + e.getMessage(), e);
        }
    }
}
