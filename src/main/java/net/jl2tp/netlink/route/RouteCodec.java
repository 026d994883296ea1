package net.jl2tp.netlink.route;

import static net.jl2tp.netlink.NetlinkConstants.NLM_F_REQUEST;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import net.jl2tp.netlink.AttributeDecoder;
import net.jl2tp.netlink.AttributeEncoder;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.NetlinkRequest;

/**
 * Route lookups, as `ip route get D [from S]`: RTM_GETROUTE without NLM_F_ACK; the kernel answers
 * with one RTM_NEWROUTE or an error (ENETUNREACH). iproute2 asks IPv4 lookups with
 * RTM_F_LOOKUP_TABLE and IPv6 ones without; the codec does the same.
 */
public final class RouteCodec {
    private RouteCodec() {
    }

    /** {@code source} may be null (no `from`). */
    public static NetlinkRequest get(InetAddress destination, InetAddress source) {
        boolean v4 = destination instanceof Inet4Address;
        int bits = v4 ? 32 : 128;
        int sourceBits = source == null ? 0 : bits;
        byte[] rtmsg = ByteBuffer.allocate(Rtnl.RTMSG_LENGTH).order(ByteOrder.nativeOrder())
                .put((byte) (v4 ? Rtnl.AF_INET : Rtnl.AF_INET6)).put((byte) bits).put((byte) sourceBits)
                .put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0)
                .putInt(v4 ? Rtnl.RTM_F_LOOKUP_TABLE : 0).array();
        AttributeEncoder e = new AttributeEncoder(rtmsg).inetAddress(Rtnl.RTA_DST, destination);
        if (source != null) {
            if (source.getAddress().length != destination.getAddress().length) {
                e.fail("destination and source are of different families");
            }
            e.inetAddress(Rtnl.RTA_SRC, source);
        }
        String op = "look up the route to " + destination.getHostAddress() + (source == null ? "" : " from " + source.getHostAddress());
        return new NetlinkRequest(op, Rtnl.RTM_GETROUTE, NLM_F_REQUEST, e.encode());
    }

    public static RouteLookup decode(NetlinkMessage message) throws NetlinkProtocolException {
        if (message.type() != Rtnl.RTM_NEWROUTE) {
            throw new NetlinkProtocolException("expected RTM_NEWROUTE, got message type " + message.type());
        }
        byte[] p = message.payload();
        if (p.length < Rtnl.RTMSG_LENGTH) {
            throw new NetlinkProtocolException("RTM_NEWROUTE of " + p.length + " bytes has no rtmsg");
        }
        InetAddress destination = null;
        InetAddress gateway = null;
        InetAddress preferredSource = null;
        int oif = 0;
        int[] mtu = {0};
        AttributeDecoder d = new AttributeDecoder(p, Rtnl.RTMSG_LENGTH);
        while (d.next()) {
            switch (d.type()) {
                case Rtnl.RTA_DST -> destination = d.inetAddress();
                case Rtnl.RTA_OIF -> oif = d.u32();
                case Rtnl.RTA_GATEWAY -> gateway = d.inetAddress();
                case Rtnl.RTA_PREFSRC -> preferredSource = d.inetAddress();
                case Rtnl.RTA_METRICS -> d.nested(metrics -> {
                    while (metrics.next()) {
                        if (metrics.type() == Rtnl.RTAX_MTU) {
                            mtu[0] = metrics.u32();
                        }
                    }
                });
                default -> {
                }
            }
        }
        d.finish();
        return new RouteLookup(destination, oif, gateway, preferredSource, mtu[0], Byte.toUnsignedInt(p[7]));
    }
}
