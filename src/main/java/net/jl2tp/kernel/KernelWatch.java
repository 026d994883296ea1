package net.jl2tp.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkConstants;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.ffi.NetlinkListener;
import net.jl2tp.netlink.ffi.NetlinkSocket;
import net.jl2tp.netlink.genl.GenlController;
import net.jl2tp.netlink.genl.GenlFamily;
import net.jl2tp.netlink.l2tp.L2tpConstants;
import net.jl2tp.netlink.route.Rtnl;

/**
 * The kernel's notifications for one namespace: an rtnetlink socket joined to the link, IPv4
 * address and IPv6 address groups, and a generic netlink socket joined to the l2tp family's
 * multicast group (its id read from the controller's CTRL_ATTR_MCAST_GROUPS).
 *
 * <p>The l2tp family sends its notifications with genlmsg_multicast_allns (net/l2tp/l2tp_netlink.c,
 * l2tp_tunnel_notify and l2tp_session_notify): a listener in any namespace hears every namespace's
 * tunnel and session changes, and the message does not say which namespace it came from. So a
 * notification is only ever a trigger: the caller reads its own namespace again and compares.
 */
public final class KernelWatch implements AutoCloseable {
    /** The l2tp family's one multicast group (L2TP_GENL_MCGROUP). */
    public static final String L2TP_GROUP = "l2tp";

    private final NetlinkListener route;
    private final NetlinkListener l2tp;
    private final NotificationDecoder decoder;

    private KernelWatch(NetlinkListener route, NetlinkListener l2tp, int familyId) {
        this.route = route;
        this.l2tp = l2tp;
        this.decoder = new NotificationDecoder(familyId);
    }

    /** Subscribes in /run/netns/NAME, or in this namespace when empty. */
    public static KernelWatch open(Optional<String> netns) throws NetlinkException {
        GenlFamily family;
        try (NetlinkSocket generic = NetlinkSocket.generic(netns.orElse(null))) {
            family = GenlController.resolve(generic, L2tpConstants.GENL_NAME);
        }
        int group = family.multicastGroup(L2TP_GROUP).orElseThrow(() -> new NetlinkException(
                "subscribe to l2tp notifications", Errno.ENOENT, "the l2tp family has no multicast group '" + L2TP_GROUP + "'",
                0, null));
        NetlinkListener route = NetlinkListener.open(NetlinkConstants.NETLINK_ROUTE, netns.orElse(null),
                List.of(Rtnl.RTNLGRP_LINK, Rtnl.RTNLGRP_IPV4_IFADDR, Rtnl.RTNLGRP_IPV6_IFADDR));
        try {
            NetlinkListener l2tp = NetlinkListener.open(NetlinkConstants.NETLINK_GENERIC, netns.orElse(null), List.of(group));
            return new KernelWatch(route, l2tp, family.id());
        } catch (NetlinkException | RuntimeException e) {
            route.close();
            throw e;
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for notifications; returns what is queued then (empty on
     * a timeout or a signal). An overrun comes as {@link KernelNotification.Overrun}: what was lost
     * cannot be told, only that something was.
     */
    public List<KernelNotification> await(int timeoutMillis) throws NetlinkException {
        List<NetlinkListener> both = List.of(route, l2tp);
        long ready = NetlinkListener.awaitInput(both, timeoutMillis);
        List<KernelNotification> out = new ArrayList<>();
        if (ready != 0) {
            drainInto(route, false, out);
            drainInto(l2tp, true, out);
        }
        return out;
    }

    /** Everything queued now, decoded (the watch's own changes, read and dropped after it applied). */
    public List<KernelNotification> drain() throws NetlinkException {
        List<KernelNotification> out = new ArrayList<>();
        drainInto(route, false, out);
        drainInto(l2tp, true, out);
        return out;
    }

    private void drainInto(NetlinkListener listener, boolean generic, List<KernelNotification> out) throws NetlinkException {
        String name = generic ? "l2tp" : "rtnetlink";
        while (true) {
            Optional<byte[]> datagram;
            try {
                datagram = listener.receiveQueued();
            } catch (NetlinkException e) {
                if (e.errno() == Errno.ENOBUFS) {
                    out.add(new KernelNotification.Overrun(name));
                    continue; // the error is reported once; what is queued after it is still there
                }
                throw e;
            }
            if (datagram.isEmpty()) {
                return;
            }
            try {
                out.addAll(generic ? decoder.decodeGeneric(datagram.get()) : decoder.decodeRoute(datagram.get()));
            } catch (NetlinkProtocolException e) {
                out.add(new KernelNotification.Unreadable(name, e.getMessage()));
            }
        }
    }

    @Override
    public void close() {
        try {
            l2tp.close();
        } finally {
            route.close();
        }
    }
}
