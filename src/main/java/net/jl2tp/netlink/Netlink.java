package net.jl2tp.netlink;

import java.util.List;
import java.util.OptionalLong;

/**
 * The one way the product talks to the kernel: a request out, the replies back, or a
 * {@link NetlinkException}. Implemented by the jnr-ffi socket (net.jl2tp.netlink.ffi.NetlinkSocket)
 * and, for unit tests, by a function from requests to replies (FakeNetlink in the tests).
 * One instance speaks one netlink protocol (route or generic); it is not thread-safe.
 */
public interface Netlink extends AutoCloseable {

    /**
     * Sends a non-dump request. With NLM_F_ACK in its flags, returns the replies received before the
     * kernel's acknowledgement (often none; a GET's answer); without, returns the first reply
     * (e.g. RTM_GETROUTE's route). An NLMSG_ERROR with a non-zero errno becomes a NetlinkException
     * carrying the request's operation, the errno, the extack message and the sequence number.
     */
    List<NetlinkMessage> execute(NetlinkRequest request) throws NetlinkException;

    /**
     * Sends a dump request (NLM_F_DUMP) and returns every message of the multi-part answer up to
     * NLMSG_DONE. If the kernel marks the dump NLM_F_DUMP_INTR (its state changed meanwhile), the
     * dump is run again, a bounded number of times.
     */
    List<NetlinkMessage> dump(NetlinkRequest request) throws NetlinkException;

    /**
     * Sends several requests, each with NLM_F_ACK, many to a datagram, and returns one reply each,
     * in order. The kernel handles every request of a datagram whatever happened to the ones before
     * it, so a reply's error concerns its own request only. A NetlinkException thrown by this method
     * itself means the socket failed, and the outcome of the requests not yet answered is unknown.
     */
    List<NetlinkReply> executeAll(List<NetlinkRequest> requests) throws NetlinkException;

    /**
     * The cookie of the network namespace this socket speaks to (SO_NETNS_COOKIE, Linux 5.14+): a
     * number no other namespace gets before the next boot, unlike the namespace's inode. Empty when
     * the kernel or the implementation has none.
     */
    default OptionalLong netnsCookie() throws NetlinkException {
        return OptionalLong.empty();
    }

    @Override
    void close();
}
