package net.jl2tp.netlink;

import java.util.List;
import java.util.Optional;

/**
 * A socket error (ENOBUFS, the receive timeout, a garbled datagram) in the middle of
 * {@link Netlink#executeAll}: besides the error itself, it says how far the batch got. The kernel
 * handles every request of a datagram it was sent, so each request up to {@link #sent()} was
 * carried out or refused even when its answer is missing; the ones after were never sent.
 */
public final class NetlinkBatchInterrupted extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final transient NetlinkException cause;
    private final transient List<Optional<NetlinkReply>> answers;
    private final int sent;

    /** @param answers one per request of the batch, in order: empty when no answer was read */
    public NetlinkBatchInterrupted(NetlinkException cause, List<Optional<NetlinkReply>> answers, int sent) {
        super(cause.operation(), cause.errno(), cause.extackMessage().orElse(null), cause.sequence(),
                cause.hint().orElse(null));
        this.cause = cause;
        this.answers = List.copyOf(answers);
        this.sent = sent;
    }

    /** The socket's error, as it was thrown. */
    public NetlinkException socketError() {
        return cause;
    }

    /** The answer read for each request of the batch, in order; empty where none was read. */
    public List<Optional<NetlinkReply>> answers() {
        return answers;
    }

    /** How many requests, from the first, went to the kernel. */
    public int sent() {
        return sent;
    }
}
