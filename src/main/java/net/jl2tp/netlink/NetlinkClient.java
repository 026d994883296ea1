package net.jl2tp.netlink;

import static net.jl2tp.netlink.NetlinkConstants.NLMSG_DONE;
import static net.jl2tp.netlink.NetlinkConstants.NLMSG_ERROR;
import static net.jl2tp.netlink.NetlinkConstants.NLMSG_NOOP;
import static net.jl2tp.netlink.NetlinkConstants.NLMSG_OVERRUN;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_DUMP_INTR;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_MULTI;

import java.util.ArrayList;
import java.util.List;

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

    @Override
    public void close() {
        transport.close();
    }

    private int send(NetlinkRequest request) throws NetlinkException {
        int seq = ++lastSequence;
        if (seq == 0) {
            seq = ++lastSequence; // 0 is what notifications carry: never wait for it
        }
        transport.send(request.toMessage(seq, 0).encode());
        return seq;
    }

    /** The next datagram's messages that answer this request (same seq; our port or 0). */
    private List<NetlinkMessage> receiveFor(NetlinkRequest request, int seq) throws NetlinkException {
        byte[] datagram = transport.receive();
        List<NetlinkMessage> all;
        try {
            all = NetlinkMessage.decodeAll(datagram);
        } catch (NetlinkProtocolException e) {
            throw new NetlinkProtocolException(request.operation(), e.detail());
        }
        List<NetlinkMessage> ours = new ArrayList<>(all.size());
        int port = transport.portId();
        for (NetlinkMessage m : all) {
            if (m.sequence() == seq && (m.portId() == port || m.portId() == 0)) {
                ours.add(m);
            }
        }
        return ours;
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
