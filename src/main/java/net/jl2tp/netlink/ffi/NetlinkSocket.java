package net.jl2tp.netlink.ffi;

import java.util.List;
import java.util.OptionalLong;

import net.jl2tp.netlink.Netlink;
import net.jl2tp.netlink.NetlinkClient;
import net.jl2tp.netlink.NetlinkConstants;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkReply;
import net.jl2tp.netlink.NetlinkRequest;

/**
 * A real netlink socket: {@link Netlink} over the kernel. One per protocol the product speaks
 * (NETLINK_ROUTE for links, addresses, routes; NETLINK_GENERIC for L2TP; NETLINK_SOCK_DIAG for the
 * UDP tunnels' sockets). Not thread-safe.
 *
 * <pre>{@code
 * try (NetlinkSocket route = NetlinkSocket.route(null);          // this namespace
 *      NetlinkSocket genl = NetlinkSocket.generic("site-a")) {   // /run/netns/site-a
 *     ...
 * }
 * }</pre>
 */
public final class NetlinkSocket implements Netlink {
    private final NativeNetlink transport;
    private final NetlinkClient client;

    private NetlinkSocket(NativeNetlink transport) {
        this.transport = transport;
        // Start sequence numbers at a time-derived value, as iproute2 does, so a reply meant for an
        // earlier process that had the same port is never taken for ours.
        this.client = new NetlinkClient(transport, (int) (System.currentTimeMillis() / 1000));
    }

    /**
     * Opens a socket of {@code protocol} in the network namespace {@code netnsName} (a name under
     * /run/netns), or in the caller's namespace when it is null.
     */
    public static NetlinkSocket open(int protocol, String netnsName) throws NetlinkException {
        NativeNetlink t = netnsName == null ? NativeNetlink.open(protocol) : NativeNetlink.openInNamespace(protocol, netnsName);
        return new NetlinkSocket(t);
    }

    /**
     * Loads jnr-ffi's binding of libc and opens and closes one socket, on a daemon thread: the
     * binding is generated code (the first socket took 360-600 ms on the build machine, 3.7 s in
     * the emulated benchmark VM), and this lets it overlap the config's reading and validation. A
     * failure here is dropped: the first real socket meets it again and reports it. Calling this is
     * never required.
     */
    public static void prepareInBackground() {
        Thread thread = new Thread(() -> {
            try {
                NativeNetlink.open(NetlinkConstants.NETLINK_ROUTE).close();
            } catch (Throwable e) { // a warm-up thread never prints a stack trace
                // the run's own first socket meets it again and reports it, with its context
            }
        }, "jl2tp-netlink-bootstrap");
        thread.setDaemon(true);
        thread.start();
    }

    public static NetlinkSocket route(String netnsName) throws NetlinkException {
        return open(NetlinkConstants.NETLINK_ROUTE, netnsName);
    }

    public static NetlinkSocket generic(String netnsName) throws NetlinkException {
        return open(NetlinkConstants.NETLINK_GENERIC, netnsName);
    }

    /** NETLINK_SOCK_DIAG: the UDP tunnels' sockets, for diagnose. */
    public static NetlinkSocket sockDiag(String netnsName) throws NetlinkException {
        return open(NetlinkConstants.NETLINK_SOCK_DIAG, netnsName);
    }

    public int portId() {
        return transport.portId();
    }

    @Override
    public OptionalLong netnsCookie() throws NetlinkException {
        return transport.netnsCookie();
    }

    @Override
    public List<NetlinkMessage> execute(NetlinkRequest request) throws NetlinkException {
        return client.execute(request);
    }

    @Override
    public List<NetlinkMessage> dump(NetlinkRequest request) throws NetlinkException {
        return client.dump(request);
    }

    @Override
    public List<NetlinkReply> executeAll(List<NetlinkRequest> requests) throws NetlinkException {
        return client.executeAll(requests);
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "NetlinkSocket[" + transport + "]";
    }
}
