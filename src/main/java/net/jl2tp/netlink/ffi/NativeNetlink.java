package net.jl2tp.netlink.ffi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalLong;

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
 * setsockopt, getsockopt, sendto, recvfrom, poll, close), and the open/setns/close that
 * {@link NetworkNamespaceJoin} needs. A failed call's errno (jnr's LastError, read on the thread
 * that made the call) becomes a NetlinkException here, or is returned negated to the join.
 *
 * <p>Nothing here depends on the word size or the byte order: every structure passed to the kernel
 * is a byte array in native order whose layout is the same on every Linux (sockaddr_nl), or is
 * sized from jnr's runtime (struct timeval: two C longs); receiving uses recvfrom(2) into a plain
 * buffer, so no struct msghdr or iovec is laid out by hand.
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
        long recvfrom(int fd, Pointer buffer, @size_t long length, int flags, @Out byte[] address,
                @In @Out int[] addressLength);

        @SaveError
        int poll(@In @Out byte[] fds, @size_t long count, int timeoutMillis);

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
    /** struct pollfd: fd (int), events (short), revents (short) on every Linux. */
    private static final int POLLFD_LENGTH = 8;
    private static final short POLLIN = 0x1;
    private static final short POLLERR = 0x8;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;
    /** struct sockaddr_nl: family (u16), pad (u16), nl_pid (u32), nl_groups (u32) on every Linux. */
    private static final int SOCKADDR_NL_LENGTH = 12;
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
    /** The sender of the last datagram received (struct sockaddr_nl). */
    private final byte[] sender = new byte[SOCKADDR_NL_LENGTH];
    private final int[] senderLength = new int[1];
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
        buffer = Memory.allocateDirect(runtime, bufferSize);
    }

    static LibC lib() {
        LibC l = libc;
        if (l == null) {
            synchronized (NativeNetlink.class) {
                if (libc == null) {
                    LibC loaded = LibraryLoader.create(LibC.class).load("c");
                    runtime = Runtime.getRuntime(loaded);
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
        return new NativeNetlink(NetworkNamespaceJoin.socketIn(name, protocol), "network namespace " + name);
    }

    /** open(2) read-only and close-on-exec: the descriptor, or minus errno. */
    static int openReadOnly(String path) {
        int fd = lib().open(path, O_RDONLY | O_CLOEXEC);
        return fd < 0 ? -errno() : fd;
    }

    /** setns(2) into the network namespace {@code namespaceFd}, for the calling thread only: 0, or minus errno. */
    static int joinNetworkNamespace(int namespaceFd) {
        return lib().setns(namespaceFd, CLONE_NEWNET) < 0 ? -errno() : 0;
    }

    static void closeDescriptor(int fd) {
        lib().close(fd);
    }

    static int createSocket(int protocol) throws NetlinkException {
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
        byte[] timeout = timeval(RECEIVE_TIMEOUT_SECONDS);
        check(c.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length), "setsockopt SO_RCVTIMEO");
        check(c.bind(fd, sockaddr(0), SOCKADDR_NL_LENGTH), "bind netlink socket");
        byte[] bound = new byte[SOCKADDR_NL_LENGTH];
        int[] length = {SOCKADDR_NL_LENGTH};
        check(c.getsockname(fd, bound, length), "getsockname");
        return ByteBuffer.wrap(bound).order(ByteOrder.nativeOrder()).getInt(4);
    }

    /**
     * struct timeval as SO_RCVTIMEO reads it: tv_sec and tv_usec, each a C long (4 bytes on 32-bit
     * Linux, 8 on 64-bit), in native order.
     */
    private static byte[] timeval(long seconds) {
        ByteBuffer b = ByteBuffer.allocate(2 * runtime.longSize()).order(ByteOrder.nativeOrder());
        if (runtime.longSize() == Long.BYTES) {
            b.putLong(seconds).putLong(0);
        } else {
            b.putInt(Math.toIntExact(seconds)).putInt(0);
        }
        return b.array();
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
     * Joins multicast group {@code group} (NETLINK_ADD_MEMBERSHIP): unlike bind's nl_groups
     * bitmask, which reaches groups 1 to 32 only, this takes any group number, as generic netlink
     * families' groups need (their ids are given out at registration).
     */
    void joinGroup(int group) throws NetlinkException {
        ensureOpen();
        setInt(fd, NetlinkConstants.SOL_NETLINK, NetlinkConstants.NETLINK_ADD_MEMBERSHIP, group,
                "NETLINK_ADD_MEMBERSHIP " + group + " (" + where + ")");
    }

    /**
     * poll(2) for input on {@code sockets}, up to {@code timeoutMillis}: which of them have a
     * datagram or an error (an overrun: ENOBUFS) waiting, as a bit mask by position. A signal
     * that interrupts the wait is a timeout: the caller looks at its stop flag and polls again.
     */
    static long awaitInput(NativeNetlink[] sockets, int timeoutMillis) throws NetlinkException {
        if (sockets.length > Long.SIZE) {
            throw new IllegalArgumentException("at most 64 sockets, not " + sockets.length);
        }
        ByteBuffer fds = ByteBuffer.allocate(sockets.length * POLLFD_LENGTH).order(ByteOrder.nativeOrder());
        for (NativeNetlink s : sockets) {
            s.ensureOpen();
            fds.putInt(s.fd).putShort(POLLIN).putShort((short) 0);
        }
        byte[] array = fds.array();
        if (lib().poll(array, sockets.length, timeoutMillis) < 0) {
            int err = errno();
            if (err == Errno.EINTR) {
                return 0;
            }
            throw new NetlinkException("poll netlink sockets", err, null, 0, NetlinkExceptionHints.of(err));
        }
        ByteBuffer result = ByteBuffer.wrap(array).order(ByteOrder.nativeOrder());
        long ready = 0;
        for (int i = 0; i < sockets.length; i++) {
            if ((result.getShort(i * POLLFD_LENGTH + 6) & (POLLIN | POLLERR)) != 0) {
                ready |= 1L << i;
            }
        }
        return ready;
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
            // MSG_TRUNC again: a netlink socket then returns the datagram's whole length even when
            // the buffer held less of it, which is how a cut reply shows without recvmsg's flags.
            long n = receiveInto(MSG_TRUNC | wait);
            if (n < 0) {
                return Optional.empty(); // taken between the peek and the read: not by us, but nothing is queued
            }
            if (n > bufferSize) {
                throw new NetlinkException("receive from netlink (" + where + ")", Errno.EMSGSIZE,
                        "a " + n + "-byte reply did not fit the buffer", 0, null);
            }
            if (senderPortId() != 0) {
                continue; // not from the kernel: another process wrote to our port
            }
            byte[] out = new byte[(int) n];
            buffer.get(0, out, 0, out.length);
            return Optional.of(out);
        }
    }

    /** nl_pid of the last sender: 0 is the kernel. */
    private int senderPortId() throws NetlinkException {
        if (senderLength[0] < SOCKADDR_NL_LENGTH) {
            throw new NetlinkException("receive from netlink (" + where + ")", Errno.EPROTO,
                    "the sender's address had " + senderLength[0] + " bytes, not " + SOCKADDR_NL_LENGTH, 0, null);
        }
        return ByteBuffer.wrap(sender).order(ByteOrder.nativeOrder()).getInt(4);
    }

    private long receiveInto(int flags) throws NetlinkException {
        while (true) {
            senderLength[0] = SOCKADDR_NL_LENGTH;
            long n = lib().recvfrom(fd, buffer, bufferSize, flags, sender, senderLength);
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
