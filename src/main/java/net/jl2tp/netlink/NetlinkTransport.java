package net.jl2tp.netlink;

import java.util.Optional;

/**
 * Datagrams in and out of one netlink socket: what {@link NetlinkClient} needs from the socket
 * (the jnr-ffi one in production, a fake in tests).
 */
public interface NetlinkTransport extends AutoCloseable {

    /** The socket's port id (nl_pid from getsockname); replies carry it. */
    int portId();

    /** Sends one datagram holding one whole message. */
    void send(byte[] datagram) throws NetlinkException;

    /** Blocks for the next datagram (one or more messages). */
    byte[] receive() throws NetlinkException;

    /**
     * The next datagram if one is already queued, without waiting. After a socket error in the
     * middle of a batch, the answers still queued are read with this: they say what became of
     * their requests, and reading them frees the buffer for what is sent next.
     */
    default Optional<byte[]> receiveQueued() throws NetlinkException {
        return Optional.empty();
    }

    @Override
    void close();
}
