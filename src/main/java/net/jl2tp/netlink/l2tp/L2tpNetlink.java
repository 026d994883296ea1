package net.jl2tp.netlink.l2tp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.Netlink;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkReply;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.netlink.genl.GenlController;
import net.jl2tp.netlink.genl.GenlFamily;

/**
 * The L2TP operations the product uses, over a NETLINK_GENERIC {@link Netlink}. {@link #open}
 * resolves the "l2tp" family first: without the modules that is a NetlinkException (ENOENT) whose
 * hint says what to modprobe.
 */
public final class L2tpNetlink {
    private final Netlink netlink;
    private final GenlFamily family;
    private final L2tpTunnelCodec tunnels;
    private final L2tpSessionCodec sessions;

    public L2tpNetlink(Netlink netlink, GenlFamily family) {
        this.netlink = netlink;
        this.family = family;
        this.tunnels = new L2tpTunnelCodec(family.id());
        this.sessions = new L2tpSessionCodec(family.id());
    }

    public static L2tpNetlink open(Netlink generic) throws NetlinkException {
        return new L2tpNetlink(generic, GenlController.resolve(generic, L2tpConstants.GENL_NAME));
    }

    public GenlFamily family() {
        return family;
    }

    public L2tpTunnelCodec tunnelCodec() {
        return tunnels;
    }

    public L2tpSessionCodec sessionCodec() {
        return sessions;
    }

    /**
     * Creates the tunnel. The l2tp family sends no extack text for its refusals, so the usual
     * ones get a hint saying what they mean for a tunnel.
     */
    public void createTunnel(L2tpTunnel tunnel) throws NetlinkException {
        try {
            netlink.execute(tunnels.create(tunnel));
        } catch (NetlinkException e) {
            throw e.withHint(createTunnelHint(e.errno(), tunnel));
        }
    }

    /** What the usual refusals of a tunnel create mean. */
    public static String createTunnelHint(int errno, L2tpTunnel t) {
        String local = t.local() == null ? "?" : t.local().getHostAddress();
        String remote = t.remote() == null ? "?" : t.remote().getHostAddress();
        return switch (errno) {
            case Errno.EEXIST -> "tunnel id " + t.tunnelId() + " is in use (a deleted tunnel's id is free only once it is gone)";
            case Errno.EADDRNOTAVAIL -> "local address " + local + " is not configured here (or is IPv6 tentative)";
            // The socket's connect to the remote refuses with the route lookup's errno (no route, or a reject route).
            case Errno.ENETUNREACH -> "no route to the remote address " + remote + routeGet(local, remote);
            case Errno.EHOSTUNREACH -> "an unreachable route toward the remote address " + remote + routeGet(local, remote);
            case Errno.EACCES -> "a prohibit route toward the remote address " + remote + routeGet(local, remote);
            case Errno.EINVAL -> "a blackhole route toward the remote address " + remote + ", if `ip route get "
                    + remote + " from " + local + "` says Invalid argument";
            case Errno.EADDRINUSE -> "another tunnel already uses local address " + local + " with UDP source port " + t.udpSourcePort();
            case Errno.EPROTONOSUPPORT -> "IP encapsulation needs the l2tp_ip (IPv4) or l2tp_ip6 (IPv6) module";
            default -> null;
        };
    }

    private static String routeGet(String local, String remote) {
        return " from " + local + " (`ip route get " + remote + " from " + local + "`); --wait-online waits for a route";
    }

    public void deleteTunnel(long tunnelId) throws NetlinkException {
        netlink.execute(tunnels.delete(tunnelId));
    }

    /** The tunnel, or empty when the kernel answers ENODEV (also: a deleted tunnel is gone). */
    public Optional<L2tpTunnelState> tunnel(long tunnelId) throws NetlinkException {
        Optional<NetlinkMessage> m = getOrEmpty(tunnels.get(tunnelId));
        return m.isEmpty() ? Optional.empty() : Optional.of(tunnels.decode(m.get()));
    }

    public List<L2tpTunnelState> tunnels() throws NetlinkException {
        List<L2tpTunnelState> out = new ArrayList<>();
        for (NetlinkMessage m : netlink.dump(tunnels.dump())) {
            out.add(tunnels.decode(m));
        }
        return out;
    }

    public void createSession(L2tpSession session) throws NetlinkException {
        try {
            netlink.execute(sessions.create(session));
        } catch (NetlinkException e) {
            throw e.withHint(createSessionHint(e.errno(), session));
        }
    }

    /** What the usual refusals of a session create mean (the l2tp family sends no extack text). */
    public static String createSessionHint(int errno, L2tpSession session) {
        return switch (errno) {
            case Errno.ENODEV -> "tunnel " + session.tunnelId() + " does not exist";
            case Errno.EEXIST -> "session id " + session.sessionId() + " or interface name "
                    + (session.interfaceName() == null ? "(kernel's choice)" : session.interfaceName()) + " is in use";
            case Errno.EPROTONOSUPPORT -> "Ethernet pseudowires need the l2tp_eth module";
            default -> null;
        };
    }

    /** Several requests to a datagram (Netlink.executeAll). */
    public List<NetlinkReply> executeAll(List<NetlinkRequest> requests) throws NetlinkException {
        return netlink.executeAll(requests);
    }

    public void deleteSession(long tunnelId, long sessionId) throws NetlinkException {
        netlink.execute(sessions.delete(tunnelId, sessionId));
    }

    public void modifySessionSequencing(long tunnelId, long sessionId, boolean recvSeq, boolean sendSeq, boolean lnsMode)
            throws NetlinkException {
        netlink.execute(sessions.modifySequencing(tunnelId, sessionId, recvSeq, sendSeq, lnsMode));
    }

    /** The session, or empty when the kernel answers ENODEV. */
    public Optional<L2tpSessionState> session(long tunnelId, long sessionId) throws NetlinkException {
        Optional<NetlinkMessage> m = getOrEmpty(sessions.get(tunnelId, sessionId));
        return m.isEmpty() ? Optional.empty() : Optional.of(sessions.decode(m.get()));
    }

    /** A GET's answer; empty when the kernel says ENODEV (no such object, or deleted and gone). */
    private Optional<NetlinkMessage> getOrEmpty(NetlinkRequest request) throws NetlinkException {
        try {
            return netlink.execute(request).stream().filter(m -> m.type() == family.id()).findFirst();
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<L2tpSessionState> sessions() throws NetlinkException {
        List<L2tpSessionState> out = new ArrayList<>();
        for (NetlinkMessage m : netlink.dump(sessions.dump())) {
            out.add(sessions.decode(m));
        }
        return out;
    }
}
