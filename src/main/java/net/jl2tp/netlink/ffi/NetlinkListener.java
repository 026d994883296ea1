package net.jl2tp.netlink.ffi;

import java.util.List;
import java.util.Optional;
import net.jl2tp.netlink.NetlinkException;

/**
 * A netlink socket that only listens: joined to multicast groups, it receives the kernel's
 * notifications (rtnetlink's link and address groups, a generic netlink family's group). It sends
 * nothing, so every datagram it reads is a notification. An overrun (the kernel dropped messages
 * because the receive buffer was full) is a NetlinkException with errno ENOBUFS; the socket stays
 * usable after it. Not thread-safe.
 */
public final class NetlinkListener implements AutoCloseable {
    private final NativeNetlink socket;

    private NetlinkListener(NativeNetlink socket) {
        this.socket = socket;
    }

    /**
     * A socket of {@code protocol} in the namespace /run/netns/NAME (this one when null), joined to
     * {@code groups}.
     */
    public static NetlinkListener open(int protocol, String netnsName, List<Integer> groups) throws NetlinkException {
        NativeNetlink s = netnsName == null ? NativeNetlink.open(protocol) : NativeNetlink.openInNamespace(protocol, netnsName);
        try {
            for (int group : groups) {
                s.joinGroup(group);
            }
        } catch (NetlinkException | RuntimeException e) {
            s.close();
            throw e;
        }
        return new NetlinkListener(s);
    }

    /**
     * Waits up to {@code timeoutMillis} until one of {@code listeners} has something to read
     * (or a signal comes); returns a bit mask of the ready ones by position (0: none).
     */
    public static long awaitInput(List<NetlinkListener> listeners, int timeoutMillis) throws NetlinkException {
        NativeNetlink[] sockets = listeners.stream().map(l -> l.socket).toArray(NativeNetlink[]::new);
        return NativeNetlink.awaitInput(sockets, timeoutMillis);
    }

    /** The next datagram already queued, without waiting; ENOBUFS after an overrun. */
    public Optional<byte[]> receiveQueued() throws NetlinkException {
        return socket.receiveQueued();
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "NetlinkListener[" + socket + "]";
    }
}
