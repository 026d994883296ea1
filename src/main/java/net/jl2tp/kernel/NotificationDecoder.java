package net.jl2tp.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jl2tp.netlink.NetlinkConstants;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.genl.GenlHeader;
import net.jl2tp.netlink.l2tp.L2tpConstants;
import net.jl2tp.netlink.l2tp.L2tpSession;
import net.jl2tp.netlink.l2tp.L2tpSessionCodec;
import net.jl2tp.netlink.l2tp.L2tpTunnelCodec;
import net.jl2tp.netlink.route.AddressCodec;
import net.jl2tp.netlink.route.Link;
import net.jl2tp.netlink.route.LinkAddress;
import net.jl2tp.netlink.route.LinkCodec;
import net.jl2tp.netlink.route.Rtnl;

/**
 * The notifications in one datagram, decoded with the codecs that read dumps: an l2tp
 * notification carries the same attributes as a GET reply (l2tp_nl_tunnel_send and
 * l2tp_nl_session_send build both), an RTM_DELLINK or RTM_DELADDR the same body as its NEW. What
 * is none of these (another genl family, NLMSG_DONE) is skipped. The socket a datagram came from
 * says how to read it: message types overlap between protocols (16 is RTM_NEWLINK on rtnetlink and
 * the controller on generic netlink).
 */
public final class NotificationDecoder {
    private final int l2tpFamilyId;
    private final L2tpTunnelCodec tunnels;
    private final L2tpSessionCodec sessions;

    public NotificationDecoder(int l2tpFamilyId) {
        this.l2tpFamilyId = l2tpFamilyId;
        this.tunnels = new L2tpTunnelCodec(l2tpFamilyId);
        this.sessions = new L2tpSessionCodec(l2tpFamilyId);
    }

    /** A datagram of the generic netlink socket: l2tp notifications. */
    public List<KernelNotification> decodeGeneric(byte[] datagram) throws NetlinkProtocolException {
        List<KernelNotification> out = new ArrayList<>();
        for (NetlinkMessage m : NetlinkMessage.decodeAll(datagram)) {
            if (m.type() == l2tpFamilyId) {
                l2tp(m).ifPresent(out::add);
            }
        }
        return out;
    }

    /** A datagram of the rtnetlink socket: link and address notifications. */
    public List<KernelNotification> decodeRoute(byte[] datagram) throws NetlinkProtocolException {
        List<KernelNotification> out = new ArrayList<>();
        for (NetlinkMessage m : NetlinkMessage.decodeAll(datagram)) {
            route(m).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<KernelNotification> route(NetlinkMessage m) throws NetlinkProtocolException {
        return switch (m.type()) {
            case Rtnl.RTM_NEWLINK, Rtnl.RTM_DELLINK -> {
                Link link = LinkCodec.decode(as(m, Rtnl.RTM_NEWLINK));
                yield Optional.of(new KernelNotification.LinkChange(m.type() == Rtnl.RTM_NEWLINK ? "new" : "deleted",
                        link.index(), link.name()));
            }
            case Rtnl.RTM_NEWADDR, Rtnl.RTM_DELADDR -> {
                LinkAddress a = AddressCodec.decode(as(m, Rtnl.RTM_NEWADDR));
                yield Optional.of(new KernelNotification.AddressChange(m.type() == Rtnl.RTM_NEWADDR ? "new" : "deleted",
                        a.index(), a.describe()));
            }
            default -> Optional.empty();
        };
    }

    private Optional<KernelNotification> l2tp(NetlinkMessage m) throws NetlinkProtocolException {
        int command = GenlHeader.decode(m.payload()).command();
        return switch (command) {
            case L2tpConstants.CMD_TUNNEL_CREATE, L2tpConstants.CMD_TUNNEL_DELETE, L2tpConstants.CMD_TUNNEL_MODIFY ->
                Optional.of(new KernelNotification.TunnelChange(action(command), tunnels.decode(m).tunnel().tunnelId()));
            case L2tpConstants.CMD_SESSION_CREATE, L2tpConstants.CMD_SESSION_DELETE, L2tpConstants.CMD_SESSION_MODIFY -> {
                L2tpSession s = sessions.decode(m).session();
                yield Optional.of(new KernelNotification.SessionChange(action(command), s.tunnelId(), s.sessionId(),
                        s.interfaceName()));
            }
            default -> Optional.empty();
        };
    }

    private static String action(int command) {
        return switch (command) {
            case L2tpConstants.CMD_TUNNEL_CREATE, L2tpConstants.CMD_SESSION_CREATE -> "created";
            case L2tpConstants.CMD_TUNNEL_DELETE, L2tpConstants.CMD_SESSION_DELETE -> "deleted";
            default -> "modified";
        };
    }

    /** The same body under the NEW type, which the dump codecs expect. */
    private static NetlinkMessage as(NetlinkMessage m, int type) {
        return m.type() == type ? m : new NetlinkMessage(type, m.flags() & ~NetlinkConstants.NLM_F_ACK, m.sequence(),
                m.portId(), m.payload());
    }
}
