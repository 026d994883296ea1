package net.jl2tp.netlink;

import static net.jl2tp.netlink.NetlinkConstants.HEADER_LENGTH;
import static net.jl2tp.netlink.NetlinkConstants.NLMSG_DONE;
import static net.jl2tp.netlink.NetlinkConstants.NLMSG_ERROR;
import static net.jl2tp.netlink.NetlinkConstants.NLMSG_NOOP;
import static net.jl2tp.netlink.NetlinkConstants.NLMSG_OVERRUN;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_DUMP_INTR;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_MULTI;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request/reply rules of netlink over any {@link NetlinkTransport}: numbers each request
 * (nlmsg_seq counts up from a start value; nlmsg_pid is left 0 and the kernel fills in the port),
 * reads datagrams until the request's answer is complete, skips messages for other sequence
 * numbers or ports (late answers to an earlier request, notifications), turns NLMSG_ERROR into
 * {@link NetlinkException} and retries dumps the kernel marked NLM_F_DUMP_INTR.
 */
public final class NetlinkClient implements Netlink {
    /** A dump interrupted this many times in a row is reported, not retried again. */
    public static final int MAX_DUMP_ATTEMPTS = 8;
    /** At most this many requests go in one datagram of {@link #executeAll}. */
    public static final int MAX_BATCH_REQUESTS = 64;
    /** And at most this many bytes (the socket's send buffer is 32 KiB). */
    public static final int MAX_BATCH_BYTES = 16 * 1024;

    private final NetlinkTransport transport;
    private int lastSequence;

    public NetlinkClient(NetlinkTransport transport) {
        this(transport, 0);
    }

    /** {@code firstSequence - 1} is the last sequence number taken; tests pin it. */
    public NetlinkClient(NetlinkTransport transport, int firstSequence) {
        this.transport = transport;
        this.lastSequence = firstSequence - 1;
    }

    @Override
    public List<NetlinkMessage> execute(NetlinkRequest request) throws NetlinkException {
        if (request.isDump()) {
            throw new IllegalArgumentException(request.operation() + ": a dump goes through dump()");
        }
        int seq = send(request);
        List<NetlinkMessage> replies = new ArrayList<>();
        while (true) {
            for (NetlinkMessage m : receiveFor(request, seq)) {
                switch (m.type()) {
                    case NLMSG_NOOP -> {
                    }
                    case NLMSG_ERROR -> {
                        throwIfError(request, seq, m);
                        return replies;
                    }
                    case NLMSG_DONE -> {
                        throwIfError(request, seq, m);
                        if (!request.wantsAck()) {
                            return replies;
                        }
                    }
                    case NLMSG_OVERRUN -> throw overrun(request, seq);
                    default -> {
                        replies.add(m);
                        if (!request.wantsAck() && !m.hasFlag(NLM_F_MULTI)) {
                            return replies;
                        }
                    }
                }
            }
        }
    }

    @Override
    public List<NetlinkMessage> dump(NetlinkRequest request) throws NetlinkException {
        if (!request.isDump()) {
            throw new IllegalArgumentException(request.operation() + ": not a dump request (no NLM_F_DUMP)");
        }
        for (int attempt = 1; attempt <= MAX_DUMP_ATTEMPTS; attempt++) {
            int seq = send(request);
            List<NetlinkMessage> replies = new ArrayList<>();
            boolean interrupted = false;
            boolean complete = false;
            while (!complete) {
                for (NetlinkMessage m : receiveFor(request, seq)) {
                    if (complete) {
                        break; // nothing after DONE belongs to this dump
                    }
                    interrupted |= m.hasFlag(NLM_F_DUMP_INTR);
                    switch (m.type()) {
                        case NLMSG_NOOP -> {
                        }
                        case NLMSG_ERROR, NLMSG_DONE -> {
                            throwIfError(request, seq, m);
                            complete = true;
                        }
                        case NLMSG_OVERRUN -> throw overrun(request, seq);
                        default -> {
                            replies.add(m);
                            // A family that answers a dump with one plain message has no DONE to send.
                            complete = !m.hasFlag(NLM_F_MULTI);
                        }
                    }
                }
            }
            if (!interrupted) {
                return replies;
            }
        }
        throw new NetlinkException(request.operation(), Errno.EINTR,
                "the dump was interrupted " + MAX_DUMP_ATTEMPTS + " times in a row", lastSequence,
                "the kernel's state kept changing while it was read; try again");
    }

    /**
     * Requests go out up to {@link #MAX_BATCH_REQUESTS} to a datagram and at most
     * {@link #MAX_BATCH_BYTES} of them (the kernel refuses a datagram over the send buffer), and the
     * acknowledgements of one datagram are all read before the next is sent: even as full error
     * messages with extack, 64 of them stay far below the socket's receive buffer, so none is lost
     * to ENOBUFS. A socket error half-way is thrown as {@link NetlinkBatchInterrupted}, which says
     * which requests went out and which were answered.
     */
    @Override
    public List<NetlinkReply> executeAll(List<NetlinkRequest> requests) throws NetlinkException {
        List<Optional<NetlinkReply>> answers = new ArrayList<>(requests.size());
        requests.forEach(r -> answers.add(Optional.empty()));
        int from = 0;
        int sent = 0;
        try {
            while (from < requests.size()) {
                int to = from;
                int bytes = 0;
                while (to < requests.size() && to - from < MAX_BATCH_REQUESTS
                        && (to == from || bytes + messageSize(requests.get(to)) <= MAX_BATCH_BYTES)) {
                    bytes += messageSize(requests.get(to));
                    to++;
                }
                List<NetlinkMessage> messages = sendDatagram(requests.subList(from, to));
                sent = to;
                receiveAnswers(requests.subList(from, to), messages, answers.subList(from, to));
                from = to;
            }
        } catch (NetlinkException e) {
            // Which requests the kernel took and which it answered: the caller reconciles the rest.
            throw new NetlinkBatchInterrupted(e, answers, sent);
        }
        List<NetlinkReply> replies = new ArrayList<>(requests.size());
        answers.forEach(a -> replies.add(a.orElseThrow()));
        return replies;
    }

    private static int messageSize(NetlinkRequest r) {
        return HEADER_LENGTH + ((r.payload().length + 3) & ~3);
    }

    private List<NetlinkMessage> sendDatagram(List<NetlinkRequest> batch) throws NetlinkException {
        List<NetlinkMessage> messages = new ArrayList<>(batch.size());
        for (NetlinkRequest r : batch) {
            if (r.isDump() || !r.wantsAck()) {
                throw new IllegalArgumentException(r.operation() + ": a batched request needs NLM_F_ACK and no NLM_F_DUMP");
            }
            messages.add(r.toMessage(nextSequence(), 0));
        }
        transport.send(NetlinkMessage.encodeAll(messages));
        return messages;
    }

    /**
     * Reads until every request of one datagram is answered, filling in {@code replies} as each
     * completes. A socket error (ENOBUFS: the kernel dropped an answer; the receive timeout) is
     * followed by reading what is still queued, without waiting: those answers count, and the
     * buffer is free again for what is sent next (the read-back after a lost answer). If that
     * completes the datagram, nothing of it was lost and the batch goes on.
     */
    private void receiveAnswers(List<NetlinkRequest> batch, List<NetlinkMessage> messages,
            List<Optional<NetlinkReply>> replies) throws NetlinkException {
        DatagramAnswers pending = new DatagramAnswers(batch, messages, replies, transport.portId());
        while (pending.open > 0) {
            byte[] datagram;
            try {
                datagram = transport.receive();
            } catch (NetlinkException e) {
                drain(pending);
                if (pending.open > 0) {
                    throw e;
                }
                return;
            }
            pending.take(datagram);
        }
    }

    /** At most this many queued datagrams are read after a socket error (a datagram's answers, and some). */
    private static final int MAX_DRAINED = 4 * MAX_BATCH_REQUESTS;

    private void drain(DatagramAnswers pending) {
        try {
            for (int n = 0; n < MAX_DRAINED && pending.open > 0; n++) {
                Optional<byte[]> datagram = transport.receiveQueued();
                if (datagram.isEmpty()) {
                    return;
                }
                pending.take(datagram.get());
            }
        } catch (NetlinkException e) {
            // the first error is the one reported; what was read until here counts
        }
    }

    /** The answers of one datagram's requests as they come in. */
    private static final class DatagramAnswers {
        private final List<NetlinkRequest> batch;
        private final List<Optional<NetlinkReply>> replies;
        private final Map<Integer, Integer> slot = new HashMap<>();
        private final List<List<NetlinkMessage>> answers;
        private final boolean[] finished;
        private final int port;
        private int open;

        DatagramAnswers(List<NetlinkRequest> batch, List<NetlinkMessage> messages, List<Optional<NetlinkReply>> replies,
                int port) {
            this.batch = batch;
            this.replies = replies;
            this.port = port;
            for (int i = 0; i < messages.size(); i++) {
                slot.put(messages.get(i).sequence(), i);
            }
            answers = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                answers.add(new ArrayList<>());
            }
            finished = new boolean[batch.size()];
            open = batch.size();
        }

        void take(byte[] datagram) throws NetlinkException {
            NetlinkRequest waitingFor = batch.get(firstOpen(finished));
            for (NetlinkMessage m : decode(datagram, waitingFor)) {
                Integer i = slot.get(m.sequence());
                if (i == null || finished[i] || (m.portId() != port && m.portId() != 0)) {
                    continue; // not ours: a late answer to an earlier request
                }
                switch (m.type()) {
                    case NLMSG_NOOP -> {
                    }
                    case NLMSG_ERROR -> {
                        Optional<NetlinkException> error = Optional.empty();
                        try {
                            throwIfError(batch.get(i), m.sequence(), m);
                        } catch (NetlinkProtocolException e) {
                            throw e;
                        } catch (NetlinkException e) {
                            error = Optional.of(e);
                        }
                        replies.set(i, Optional.of(new NetlinkReply(batch.get(i), answers.get(i), error)));
                        finished[i] = true;
                        open--;
                    }
                    case NLMSG_OVERRUN -> throw overrun(batch.get(i), m.sequence());
                    default -> answers.get(i).add(m);
                }
            }
        }
    }

    private static int firstOpen(boolean[] finished) {
        for (int i = 0; i < finished.length; i++) {
            if (!finished[i]) {
                return i;
            }
        }
        throw new IllegalStateException("no request open");
    }

    @Override
    public void close() {
        transport.close();
    }

    private int nextSequence() {
        int seq = ++lastSequence;
        if (seq == 0) {
            seq = ++lastSequence; // 0 is what notifications carry: never wait for it
        }
        return seq;
    }

    private int send(NetlinkRequest request) throws NetlinkException {
        int seq = nextSequence();
        transport.send(request.toMessage(seq, 0).encode());
        return seq;
    }

    /** The next datagram's messages that answer this request (same seq; our port or 0). */
    private List<NetlinkMessage> receiveFor(NetlinkRequest request, int seq) throws NetlinkException {
        List<NetlinkMessage> all = decode(transport.receive(), request);
        List<NetlinkMessage> ours = new ArrayList<>(all.size());
        int port = transport.portId();
        for (NetlinkMessage m : all) {
            if (m.sequence() == seq && (m.portId() == port || m.portId() == 0)) {
                ours.add(m);
            }
        }
        return ours;
    }

    private static List<NetlinkMessage> decode(byte[] datagram, NetlinkRequest request) throws NetlinkProtocolException {
        try {
            return NetlinkMessage.decodeAll(datagram);
        } catch (NetlinkProtocolException e) {
            throw new NetlinkProtocolException(request.operation(), e.detail());
        }
    }

    /** An NLMSG_ERROR or NLMSG_DONE: returns if it says success, else throws the kernel's error. */
    private static void throwIfError(NetlinkRequest request, int seq, NetlinkMessage m) throws NetlinkException {
        NetlinkError e;
        try {
            e = m.type() == NLMSG_ERROR ? NetlinkError.ofError(m) : NetlinkError.ofDone(m);
        } catch (NetlinkProtocolException bad) {
            throw new NetlinkProtocolException(request.operation(), bad.detail());
        }
        if (!e.isAck()) {
            throw e.toException(request.operation(), seq);
        }
    }

    private static NetlinkException overrun(NetlinkRequest request, int seq) {
        return new NetlinkException(request.operation(), Errno.ENOBUFS, "the kernel dropped messages (NLMSG_OVERRUN)", seq, null);
    }
}
