package net.jl2tp.kernel;

import net.jl2tp.model.LiveState;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.jl2tp.netlink.Netlink;
import net.jl2tp.model.Tunnel;
import net.jl2tp.model.TunnelSocket;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.diag.SockDiagNetlink;
import net.jl2tp.netlink.ffi.NetlinkSocket;
import net.jl2tp.netlink.l2tp.L2tpNetlink;
import net.jl2tp.netlink.route.RouteNetlink;

/**
 * The two netlink conversations jl2tp holds with one network namespace: rtnetlink for links and
 * addresses, generic netlink for L2TP. Opening it resolves the l2tp family, so a kernel without
 * the L2TP modules fails here, with a hint, before anything is read or changed.
 */
public final class Kernel implements AutoCloseable {
    private final Netlink routeSocket;
    private final Netlink genericSocket;
    private final RouteNetlink route;
    private final L2tpNetlink l2tp;
    /** Opens the sock_diag socket diagnose asks for (nothing else does); null: none to be had. */
    private final SockDiagOpener sockDiagOpener;
    private Netlink sockDiagSocket;

    /** How a NETLINK_SOCK_DIAG socket in the same namespace is opened. */
    @FunctionalInterface
    public interface SockDiagOpener {
        Netlink open() throws NetlinkException;
    }

    public Kernel(Netlink routeSocket, Netlink genericSocket) throws NetlinkException {
        this(routeSocket, genericSocket, null);
    }

    public Kernel(Netlink routeSocket, Netlink genericSocket, SockDiagOpener sockDiagOpener) throws NetlinkException {
        this.routeSocket = routeSocket;
        this.genericSocket = genericSocket;
        this.route = new RouteNetlink(routeSocket);
        this.l2tp = L2tpNetlink.open(genericSocket);
        this.sockDiagOpener = sockDiagOpener;
    }

    /** Opens sockets in /run/netns/NAME, or in this process's namespace. */
    public static Kernel open(Optional<String> netns) throws NetlinkException {
        NetlinkSocket routeSocket = NetlinkSocket.route(netns.orElse(null));
        try {
            NetlinkSocket genericSocket = NetlinkSocket.generic(netns.orElse(null));
            try {
                return new Kernel(routeSocket, genericSocket, () -> NetlinkSocket.sockDiag(netns.orElse(null)));
            } catch (NetlinkException | RuntimeException e) {
                genericSocket.close();
                throw e;
            }
        } catch (NetlinkException | RuntimeException e) {
            routeSocket.close();
            throw e;
        }
    }

    public RouteNetlink route() {
        return route;
    }

    public L2tpNetlink l2tp() {
        return l2tp;
    }

    /** The cookie of the namespace the sockets are in (see {@link NetnsId}); empty before Linux 5.14. */
    public OptionalLong netnsCookie() throws NetlinkException {
        return routeSocket.netnsCookie();
    }

    public LiveState read() throws NetlinkException {
        return LiveStateReader.read(l2tp, route);
    }

    /**
     * The UDP tunnels' sockets (see {@link TunnelSocketReader}), by tunnel id; empty when the kernel
     * cannot say (no sock_diag socket, no udp_diag module). Only diagnose asks: apply never opens it.
     */
    public Optional<Map<Long, TunnelSocket>> tunnelSockets(Collection<Tunnel> tunnels) {
        if (sockDiagOpener == null) {
            return Optional.empty();
        }
        try {
            if (sockDiagSocket == null) {
                sockDiagSocket = sockDiagOpener.open();
            }
        } catch (NetlinkException e) {
            return Optional.empty();
        }
        return TunnelSocketReader.read(new SockDiagNetlink(sockDiagSocket), tunnels);
    }

    @Override
    public void close() {
        try {
            if (sockDiagSocket != null) {
                sockDiagSocket.close();
            }
        } finally {
            try {
                genericSocket.close();
            } finally {
                routeSocket.close();
            }
        }
    }
}
