package net.jl2tp.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A kernel in a function, for unit tests (the shape of mdlayher's nltest.Dial): each request the
 * product sends is decoded and handed to the handler, whose answer (datagrams of messages) is what
 * the product then receives. It checks what a kernel cannot: every request is one well-formed
 * message with NLM_F_REQUEST, nlmsg_pid 0 and a sequence number above the previous one. Replies are
 * stamped with the request's sequence number and this socket's port, as the kernel does.
 *
 * <pre>{@code
 * FakeNetlink fake = FakeNetlink.of(req -> List.of(FakeNetlink.ack(req)));
 * try (Netlink nl = fake.netlink()) { ... }
 * assertThat(fake.requests()).hasSize(1);
 * }</pre>
 */
public final class FakeNetlink implements NetlinkTransport {
    public static final int PORT = 4242;

    /** Answers one request with datagrams, each a list of messages. */
    public interface Kernel {
        List<List<NetlinkMessage>> answer(NetlinkMessage request) throws NetlinkException;
    }

    private final Kernel kernel;
    private final List<NetlinkMessage> requests = new ArrayList<>();
    private final Deque<byte[]> pending = new ArrayDeque<>();
    private final List<byte[]> injected = new ArrayList<>();
    private int lastSequence = Integer.MIN_VALUE;
    private boolean closed;
    private int datagrams;
    private int sends;
    private int receives;
    private int failingSend = -1;
    private int failingReceive = -1;

    private FakeNetlink(Kernel kernel) {
        this.kernel = kernel;
    }

    /** All replies to a request in one datagram. */
    public static FakeNetlink of(Function<NetlinkMessage, List<NetlinkMessage>> handler) {
        return new FakeNetlink(req -> List.of(handler.apply(req)));
    }

    /** Full control: the handler chooses how replies are split into datagrams, and may throw. */
    public static FakeNetlink withDatagrams(Kernel kernel) {
        return new FakeNetlink(kernel);
    }

    public Netlink netlink() {
        return new NetlinkClient(this, 1);
    }

    /** Raw bytes delivered before the next answer (garbage, a late reply to an old request). */
    public FakeNetlink inject(byte[] datagram) {
        injected.add(datagram);
        return this;
    }

    /** The Nth send from now on (1: the next) fails with ENOBUFS, the datagram not taken. */
    public FakeNetlink failingSend(int n) {
        failingSend = sends + n;
        return this;
    }

    /**
     * The Nth receive from now on (1: the next) fails with ENOBUFS, as a socket whose buffer
     * overflowed: the datagram it would have read is dropped.
     */
    public FakeNetlink failingReceive(int n) {
        failingReceive = receives + n;
        return this;
    }

    public List<NetlinkMessage> requests() {
        return requests;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public int portId() {
        return PORT;
    }

    @Override
    public void send(byte[] datagram) throws NetlinkException {
        if (closed) {
            throw new AssertionError("send on a closed netlink socket");
        }
        if (++sends == failingSend) {
            throw new NetlinkException("send to netlink", Errno.ENOBUFS);
        }
        List<NetlinkMessage> sent = NetlinkMessage.decodeAll(datagram);
        if (sent.isEmpty()) {
            throw new AssertionError("a datagram without a request");
        }
        datagrams++;
        pending.addAll(injected);
        injected.clear();
        // A kernel handles each message of a datagram in turn and answers each (netlink_rcv_skb).
        for (NetlinkMessage request : sent) {
            if ((request.flags() & NetlinkConstants.NLM_F_REQUEST) == 0) {
                throw new AssertionError("request without NLM_F_REQUEST: " + request);
            }
            if (request.portId() != 0) {
                throw new AssertionError("requests leave nlmsg_pid 0 for the kernel to fill in: " + request);
            }
            if (lastSequence != Integer.MIN_VALUE && request.sequence() <= lastSequence) {
                throw new AssertionError("sequence " + request.sequence() + " does not follow " + lastSequence);
            }
            lastSequence = request.sequence();
            requests.add(request);
            for (List<NetlinkMessage> datagramReplies : kernel.answer(request)) {
                List<NetlinkMessage> stamped = new ArrayList<>();
                for (NetlinkMessage m : datagramReplies) {
                    stamped.add(m.withHeader(request.sequence(), PORT));
                }
                pending.add(NetlinkMessage.encodeAll(stamped));
            }
        }
    }

    /** How many datagrams the product sent (several requests may share one). */
    public int datagrams() {
        return datagrams;
    }

    @Override
    public byte[] receive() throws NetlinkException {
        if (++receives == failingReceive) {
            pending.poll();
            throw new NetlinkException("receive from netlink", Errno.ENOBUFS, "messages were lost", 0, null);
        }
        if (pending.isEmpty()) {
            throw new AssertionError("the product waits for a reply the fake kernel did not send");
        }
        return pending.poll();
    }

    @Override
    public Optional<byte[]> receiveQueued() {
        return Optional.ofNullable(pending.poll());
    }

    @Override
    public void close() {
        closed = true;
    }

    // Replies as the kernel builds them (sequence and port are stamped by send()).

    public static NetlinkMessage ack(NetlinkMessage request) {
        return error(request, 0, null);
    }

    /** NLMSG_ERROR echoing the request's header, with an extack message when {@code extack} is set. */
    public static NetlinkMessage error(NetlinkMessage request, int errno, String extack) {
        int flags = NetlinkConstants.NLM_F_CAPPED;
        AttributeEncoder e = new AttributeEncoder(ByteBuffer.allocate(20).order(ByteOrder.nativeOrder())
                .putInt(-errno).putInt(request.length()).putShort((short) request.type()).putShort((short) request.flags())
                .putInt(request.sequence()).putInt(request.portId()).array());
        if (extack != null) {
            flags |= NetlinkConstants.NLM_F_ACK_TLVS;
            e.string(NetlinkConstants.NLMSGERR_ATTR_MSG, extack);
        }
        return new NetlinkMessage(NetlinkConstants.NLMSG_ERROR, flags, 0, 0, e.encode());
    }

    public static NetlinkMessage done() {
        return new NetlinkMessage(NetlinkConstants.NLMSG_DONE, NetlinkConstants.NLM_F_MULTI, 0, 0, new byte[4]);
    }

    /** A part of a dump answer. */
    public static NetlinkMessage multi(int type, byte[] payload) {
        return new NetlinkMessage(type, NetlinkConstants.NLM_F_MULTI, 0, 0, payload);
    }

    public static NetlinkMessage reply(int type, int flags, byte[] payload) {
        return new NetlinkMessage(type, flags, 0, 0, payload);
    }
}
