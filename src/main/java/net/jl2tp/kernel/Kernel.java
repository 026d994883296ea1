package net.jl2tp.kernel;

import net.jl2tp.model.LiveState;

import java.util.Optional;
import java.util.OptionalLong;
import net.jl2tp.netlink.Netlink;
import net.jl2tp.netlink.NetlinkException;
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

    public Kernel(Netlink routeSocket, Netlink genericSocket) throws NetlinkException {
        this.routeSocket = routeSocket;
        this.genericSocket = genericSocket;
        this.route = new RouteNetlink(routeSocket);
        this.l2tp = L2tpNetlink.open(genericSocket);
    }

    /** Opens sockets in /run/netns/NAME, or in this process's namespace. */
    public static Kernel open(Optional<String> netns) throws NetlinkException {
        NetlinkSocket routeSocket = NetlinkSocket.route(netns.orElse(null));
        try {
            NetlinkSocket genericSocket = NetlinkSocket.generic(netns.orElse(null));
            try {
                return new Kernel(routeSocket, genericSocket);
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

    @Override
    public void close() {
        try {
            genericSocket.close();
        } finally {
            routeSocket.close();
        }
    }
}
