package net.jl2tp.netlink.ffi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkConstants;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkTransport;

/**
 * The product's only jnr-ffi code: one AF_NETLINK socket through libc (socket, bind, getsockname,
 * setsockopt, getsockopt, sendto, recvmsg, close) and the network-namespace switch (open + setns). A failed call's
 * errno (jnr's LastError, read on the thread that made the call) becomes a NetlinkException here.
 *
 * <p>Network namespace: the socket for {@code --netns NAME} is created on a dedicated, short-lived
 * thread that first joins /run/netns/NAME with setns(CLONE_NEWNET). setns changes only the calling
 * thread, and a socket keeps the namespace it was created in, so the socket works from any thread
 * afterwards while the JVM's own threads never leave their namespace. Switching the caller's thread
 * and switching back was the other way; it was not taken because a failed switch-back would leave
 * a JVM thread in the wrong namespace with nothing to notice it, and the throw-away thread has no
 * state to restore.
 */
final class NativeNetlink implements NetlinkTransport {

    /** libc, as declared in the man pages; arrays are passed as pointers to their copies. */
    public interface LibC {
        @SaveError
        int socket(int domain, int type, int protocol);

        @SaveError
        int bind(int fd, @In byte[] address, int addressLength);

        @SaveError
        int getsockname(int fd, @Out byte[] address, @In @Out int[] addressLength);

        @SaveError
        int setsockopt(int fd, int level, int option, @In byte[] value, int valueLength);

        @SaveError
        int getsockopt(int fd, int level, int option, @Out byte[] value, @In @Out int[] valueLength);

        @SaveError
        @ssize_t
        long sendto(int fd, @In byte[] buffer, @size_t long length, int flags, @In byte[] address, int addressLength);

        @SaveError
        @ssize_t
        long recvmsg(int fd, Pointer message, int flags);

        @SaveError
        int close(int fd);

        @SaveError
        int open(String path, int flags);

        @SaveError
        int setns(int fd, int namespaceType);
    }

    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_SNDBUF = 7;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_RCVBUFFORCE = 33;
    /** Linux 5.14+: the u64 cookie of the socket's network namespace, unique until reboot. */
    private static final int SO_NETNS_COOKIE = 71;
    private static final int ENOPROTOOPT = 92;
    private static final int MSG_PEEK = 0x2;
    private static final int MSG_TRUNC = 0x20;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int SOCKADDR_NL_LENGTH = 12;
    /** x86-64 / aarch64 layout of struct msghdr and struct iovec. */
    private static final int MSGHDR_LENGTH = 56;
    private static final int IOVEC_LENGTH = 16;
    private static final int RECEIVE_BUFFER = 1 << 20;
    private static final int SEND_BUFFER = 1 << 15;
    /** A kernel that has not answered in this long will not: report it instead of hanging. */
    static final int RECEIVE_TIMEOUT_SECONDS = 60;

    private static volatile LibC libc;
    private static volatile Runtime runtime;

    private final int fd;
    private final int portId;
    private final String where;
    private Pointer buffer;
    private int bufferSize = 32 * 1024;
    private final Pointer iov;
    private final Pointer address;
    private final Pointer header;
    private boolean closed;

    private NativeNetlink(int fd, String where) throws NetlinkException {
        this.fd = fd;
        this.where = where;
        try {
            this.portId = configure(fd);
        } catch (NetlinkException e) {
            lib().close(fd);
            throw e;
        }
        Runtime rt = runtime;
        buffer = Memory.allocateDirect(rt, bufferSize);
        iov = Memory.allocateDirect(rt, IOVEC_LENGTH);
        address = Memory.allocateDirect(rt, SOCKADDR_NL_LENGTH);
        header = Memory.allocateDirect(rt, MSGHDR_LENGTH);
    }

    static LibC lib() {
        LibC l = libc;
        if (l == null) {
            synchronized (NativeNetlink.class) {
                if (libc == null) {
                    LibC loaded = LibraryLoader.create(LibC.class).load("c");
                    Runtime rt = Runtime.getRuntime(loaded);
                    if (rt.addressSize() != 8) {
                        // msghdr/iovec offsets below are those of 64-bit Linux (x86-64, aarch64)
                        throw new UnsupportedOperationException("netlink socket: only 64-bit Linux is supported");
                    }
                    runtime = rt;
                    libc = loaded;
                }
                l = libc;
            }
        }
        return l;
    }

    private static int errno() {
        return LastError.getLastError(runtime);
    }

    /** A netlink socket of {@code protocol} in this thread's network namespace. */
    static NativeNetlink open(int protocol) throws NetlinkException {
        return new NativeNetlink(createSocket(protocol), "this network namespace");
    }

    /** A netlink socket of {@code protocol} in the named namespace (/run/netns/NAME). */
    static NativeNetlink openInNamespace(int protocol, String name) throws NetlinkException {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new NetlinkException("open network namespace " + name, Errno.EINVAL, "not a name under /run/netns", 0, null);
        }
        LibC c = lib();
        String path = "/run/netns/" + name;
        int nsFd = c.open(path, O_RDONLY | O_CLOEXEC);
        if (nsFd < 0) {
            int err = errno();
            throw new NetlinkException("open network namespace " + path, err, null, 0,
                    err == Errno.ENOENT ? "no such namespace: `ip netns list` shows the names there are" : NetlinkExceptionHints.of(err));
        }
        AtomicReference<Object> result = new AtomicReference<>();
        Thread joiner = new Thread(() -> {
            // Runs in its own thread: setns applies to this thread only, and it ends right after.
            if (c.setns(nsFd, CLONE_NEWNET) < 0) {
                result.set(new NetlinkException("enter network namespace " + name, errno(), null, 0,
                        "entering a network namespace needs CAP_SYS_ADMIN: run as root"));
                return;
            }
            try {
                result.set(createSocket(protocol));
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
            c.close(nsFd);
        }
        Object r = result.get();
        if (r instanceof NetlinkException e) {
            throw e;
        }
        if (!(r instanceof Integer socketFd)) {
            throw new NetlinkException("enter network namespace " + name, Errno.EINTR, "the namespace thread ended without a socket", 0, null);
        }
        return new NativeNetlink(socketFd, "network namespace " + name);
    }

    private static int createSocket(int protocol) throws NetlinkException {
        LibC c = lib();
        int s = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
        if (s < 0) {
            int err = errno();
            throw new NetlinkException("open netlink socket (protocol " + protocol + ")", err, null, 0, NetlinkExceptionHints.of(err));
        }
        return s;
    }

    /** Buffers, extended acks, strict dump checks, bind to a kernel-chosen port; returns the port. */
    private static int configure(int fd) throws NetlinkException {
        LibC c = lib();
        setInt(fd, SOL_SOCKET, SO_SNDBUF, SEND_BUFFER, "SO_SNDBUF");
        setReceiveBuffer(fd);
        setInt(fd, NetlinkConstants.SOL_NETLINK, NetlinkConstants.NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
        capAcks(fd);
        setInt(fd, NetlinkConstants.SOL_NETLINK, NetlinkConstants.NETLINK_GET_STRICT_CHK, 1, "NETLINK_GET_STRICT_CHK");
        byte[] timeout = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(RECEIVE_TIMEOUT_SECONDS).putLong(0).array();
        check(c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length), "setsockopt SO_RCVTIMEO");
        check(c.bind(fd, sockaddr(0), SOCKADDR_NL_LENGTH), "bind netlink socket");
        byte[] bound = new byte[SOCKADDR_NL_LENGTH];
        int[] length = {SOCKADDR_NL_LENGTH};
        check(c.getsockname(fd, bound, length), "getsockname");
        return ByteBuffer.wrap(bound).order(ByteOrder.nativeOrder()).getInt(4);
    }

    /**
     * The cookie of the network namespace this socket lives in (SO_NETNS_COOKIE): unlike the
     * namespace's inode number, it is never given to another namespace before the next boot.
     * Empty on kernels older than 5.14, which do not have it (ENOPROTOOPT).
     */
    OptionalLong netnsCookie() throws NetlinkException {
        ensureOpen();
        byte[] value = new byte[Long.BYTES];
        int[] length = {value.length};
        if (lib().getsockopt(fd, SOL_SOCKET, SO_NETNS_COOKIE, value, length) < 0) {
            int err = errno();
            if (err == ENOPROTOOPT) {
                return OptionalLong.empty();
            }
            throw new NetlinkException("getsockopt SO_NETNS_COOKIE (" + where + ")", err, null, 0, NetlinkExceptionHints.of(err));
        }
        if (length[0] != Long.BYTES) {
            throw new NetlinkException("getsockopt SO_NETNS_COOKIE (" + where + ")", Errno.EPROTO,
                    "the kernel returned " + length[0] + " bytes, not 8", 0, null);
        }
        return OptionalLong.of(ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getLong());
    }

    /**
     * The acknowledgements of a whole datagram (64 requests) wait in the receive buffer until they
     * are read, each counted at its buffer's true size (about a kilobyte for an ack). SO_RCVBUF is
     * cut to net.core.rmem_max, which an administrator may have set low (a KernelTest lowers it to
     * 4 KiB: then a batch overflowed with ENOBUFS); SO_RCVBUFFORCE, allowed with CAP_NET_ADMIN (which
     * every change needs anyway), is not. A user without it (show, status) gets SO_RCVBUF.
     */
    private static void setReceiveBuffer(int fd) throws NetlinkException {
        byte[] v = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(RECEIVE_BUFFER).array();
        if (lib().setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, v, 4) < 0) {
            int err = errno();
            if (err != Errno.EPERM) {
                throw new NetlinkException("setsockopt SO_RCVBUFFORCE", err, null, 0, NetlinkExceptionHints.of(err));
            }
            setInt(fd, SOL_SOCKET, SO_RCVBUF, RECEIVE_BUFFER, "SO_RCVBUF");
        }
    }

    /**
     * NETLINK_CAP_ACK (Linux 4.3): an error acknowledgement no longer carries a copy of the refused
     * request, only its header (NLM_F_CAPPED), so a batch of refusals takes a fraction of the
     * receive buffer. NetlinkError reads both forms; jl2tp never uses the echoed request.
     */
    private static void capAcks(int fd) throws NetlinkException {
        setInt(fd, NetlinkConstants.SOL_NETLINK, NetlinkConstants.NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
    }

    private static void setInt(int fd, int level, int option, int value, String name) throws NetlinkException {
        byte[] v = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
        check(lib().setsockopt(fd, level, option, v, 4), "setsockopt " + name);
    }

    private static void check(int rc, String operation) throws NetlinkException {
        if (rc < 0) {
            int err = errno();
            throw new NetlinkException(operation, err, null, 0, NetlinkExceptionHints.of(err));
        }
    }

    private static byte[] sockaddr(int pid) {
        return ByteBuffer.allocate(SOCKADDR_NL_LENGTH).order(ByteOrder.nativeOrder())
                .putShort((short) AF_NETLINK).putShort((short) 0).putInt(pid).putInt(0).array();
    }

    @Override
    public int portId() {
        return portId;
    }

    @Override
    public void send(byte[] datagram) throws NetlinkException {
        ensureOpen();
        byte[] kernel = sockaddr(0);
        while (true) {
            long n = lib().sendto(fd, datagram, datagram.length, 0, kernel, kernel.length);
            if (n >= 0) {
                if (n != datagram.length) {
                    throw new NetlinkException("send to netlink (" + where + ")", Errno.EMSGSIZE,
                            "sent " + n + " of " + datagram.length + " bytes", 0, null);
                }
                return;
            }
            int err = errno();
            if (err != Errno.EINTR) {
                throw new NetlinkException("send to netlink (" + where + ")", err, null, 0, NetlinkExceptionHints.of(err));
            }
        }
    }

    @Override
    public byte[] receive() throws NetlinkException {
        return receive(0).orElseThrow();
    }

    /** recvmsg without waiting: what is still queued after a socket error (see NetlinkTransport). */
    @Override
    public Optional<byte[]> receiveQueued() throws NetlinkException {
        return receive(MSG_DONTWAIT);
    }

    /** The next datagram from the kernel; empty only with MSG_DONTWAIT, when none is queued. */
    private Optional<byte[]> receive(int wait) throws NetlinkException {
        ensureOpen();
        while (true) {
            // Peek with MSG_TRUNC: the kernel tells the whole datagram's size without consuming it.
            long size = receiveInto(MSG_PEEK | MSG_TRUNC | wait);
            if (size < 0) {
                return Optional.empty();
            }
            if (size > bufferSize) {
                bufferSize = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(size, bufferSize * 2L));
                buffer = Memory.allocateDirect(runtime, bufferSize);
            }
            long n = receiveInto(wait);
            if (n < 0) {
                return Optional.empty(); // taken between the peek and the read: not by us, but nothing is queued
            }
            int flags = header.getInt(48);
            if ((flags & MSG_TRUNC) != 0) {
                throw new NetlinkException("receive from netlink (" + where + ")", Errno.EMSGSIZE,
                        "a " + n + "-byte reply did not fit the buffer", 0, null);
            }
            int senderPid = address.getInt(4);
            if (senderPid != 0) {
                continue; // not from the kernel: another process wrote to our port
            }
            byte[] out = new byte[(int) n];
            buffer.get(0, out, 0, out.length);
            return Optional.of(out);
        }
    }

    private long receiveInto(int flags) throws NetlinkException {
        iov.putAddress(0, buffer.address());
        iov.putLong(8, bufferSize);
        header.putAddress(0, address.address());
        header.putInt(8, SOCKADDR_NL_LENGTH);
        header.putInt(12, 0);
        header.putAddress(16, iov.address());
        header.putLong(24, 1);
        header.putAddress(32, 0L);
        header.putLong(40, 0);
        header.putInt(48, 0);
        header.putInt(52, 0);
        while (true) {
            long n = lib().recvmsg(fd, header, flags);
            if (n >= 0) {
                return n;
            }
            int err = errno();
            if (err == Errno.EINTR) {
                continue;
            }
            if (err == Errno.EAGAIN && (flags & MSG_DONTWAIT) != 0) {
                return -1; // nothing queued
            }
            String extra = err == Errno.EAGAIN ? "no answer from the kernel in " + RECEIVE_TIMEOUT_SECONDS + " s"
                    : err == Errno.ENOBUFS ? "the socket's receive buffer overflowed; messages were lost" : null;
            throw new NetlinkException("receive from netlink (" + where + ")", err, extra, 0, NetlinkExceptionHints.of(err));
        }
    }

    private void ensureOpen() throws NetlinkException {
        if (closed) {
            throw new NetlinkException("use netlink socket", Errno.EBADF, "the socket is closed", 0, null);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            lib().close(fd);
        }
    }

    @Override
    public String toString() {
        return "NativeNetlink[fd=" + fd + ", port=" + portId + ", " + where + ", receive buffer " + bufferSize + " bytes]";
    }
}
