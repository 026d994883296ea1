package net.jl2tp.netlink;

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

    @Override
    void close();
}
