package net.jl2tp.netlink.ffi;

import java.util.concurrent.atomic.AtomicReference;

import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;

/**
 * A netlink socket made inside a named network namespace (/run/netns/NAME) without moving any of
 * the JVM's threads there. The system calls are {@link NativeNetlink}'s; this class only orders them.
 *
 * <p>The socket is created on a dedicated, short-lived thread that first joins the namespace with
 * setns(CLONE_NEWNET). setns changes only the calling thread, and a socket keeps the namespace it
 * was created in, so the socket works from any thread afterwards while the JVM's own threads never
 * leave their namespace. Switching the caller's thread and switching back was the other way; it was
 * not taken because a failed switch-back would leave a JVM thread in the wrong namespace with
 * nothing to notice it, and the throw-away thread has no state to restore.
 */
final class NetworkNamespaceJoin {
    private NetworkNamespaceJoin() {
    }

    /** The descriptor of a new netlink socket of {@code protocol} in the namespace {@code name}. */
    static int socketIn(String name, int protocol) throws NetlinkException {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new NetlinkException("open network namespace " + name, Errno.EINVAL, "not a name under /run/netns", 0, null);
        }
        String path = "/run/netns/" + name;
        int nsFd = NativeNetlink.openReadOnly(path);
        if (nsFd < 0) {
            int err = -nsFd;
            throw new NetlinkException("open network namespace " + path, err, null, 0,
                    err == Errno.ENOENT ? "no such namespace: `ip netns list` shows the names there are" : NetlinkExceptionHints.of(err));
        }
        AtomicReference<Object> result = new AtomicReference<>();
        Thread joiner = new Thread(() -> {
            // Runs in its own thread: setns applies to this thread only, and it ends right after.
            int joined = NativeNetlink.joinNetworkNamespace(nsFd);
            if (joined < 0) {
                result.set(new NetlinkException("enter network namespace " + name, -joined, null, 0,
                        "entering a network namespace needs CAP_SYS_ADMIN: run as root"));
                return;
            }
            try {
                result.set(NativeNetlink.createSocket(protocol));
            } catch (NetlinkException e) {
                result.set(e);
            }
        }, "jl2tp-netns-" + name);
        joiner.setDaemon(true);
        joiner.start();
        try {
            joiner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkException("enter network namespace " + name, Errno.EINTR);
        } finally {
            NativeNetlink.closeDescriptor(nsFd);
        }
        Object r = result.get();
        if (r instanceof NetlinkException e) {
            throw e;
        }
        if (!(r instanceof Integer socketFd)) {
            throw new NetlinkException("enter network namespace " + name, Errno.EINTR, "the namespace thread ended without a socket", 0, null);
        }
        return socketFd;
    }
}
