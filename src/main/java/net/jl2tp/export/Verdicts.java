package net.jl2tp.export;

import static net.jl2tp.model.Counter.RX_COOKIE_DISCARDS;
import static net.jl2tp.model.Counter.RX_ERRORS;
import static net.jl2tp.model.Counter.RX_INVALID;
import static net.jl2tp.model.Counter.RX_OOS_PACKETS;
import static net.jl2tp.model.Counter.RX_PACKETS;
import static net.jl2tp.model.Counter.RX_SEQ_DISCARDS;
import static net.jl2tp.model.Counter.TX_ERRORS;
import static net.jl2tp.model.Counter.TX_PACKETS;

import java.util.List;
import java.util.Optional;
import net.jl2tp.export.StatusReport.InterfaceStatus;
import net.jl2tp.model.Counter;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceCounters;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;

/**
 * The rules from counters to a {@link Verdict}, in one place, for diagnose (on the deltas of two
 * samples) and status (on the counters since the session was made). What each kernel counter
 * means is the kernel's (net/l2tp/l2tp_core.c; the README's verdict table cites the lines):
 * a wrong cookie counts rx_cookie_discards and rx_errors; a packet without the sequence number
 * the session requires counts rx_seq_discards and rx_errors, and so does one out of sequence (after
 * a lost one, until the kernel resyncs: loss, not a mismatch, while rx_packets moves); a packet of
 * the wrong L2TP version counts the tunnel's rx_invalid (anyone's packet at the tunnel's port, so
 * this session's problem only while it receives nothing); a packet for a session id the kernel
 * does not know counts nothing at all; a frame the session took and its interface refused
 * (l2tp_eth.c: longer than the interface's MTU) counts the interface's own rx_errors. The first
 * rule that holds gives the verdict.
 */
public final class Verdicts {

    private Verdicts() {
    }

    /**
     * @param live the session as the kernel has it
     * @param configured the session as the config asks for it: its l2spec-type (the kernel does not
     *     report it) and sequencing (the kernel turns send_seq on and off by itself in LAC mode)
     * @param link the session's interface, empty when it is not in the link dump
     * @param linkMoved how far the interface's own counters moved; empty when unknown (not reported,
     *     or the interface was made again)
     * @param arrived what reached the UDP tunnel's socket; empty when unknown
     */
    public static Verdict judge(Session live, Optional<Session> configured, Tunnel tunnel,
            Optional<InterfaceStatus> link, Delta moved, Delta tunnelMoved, Optional<InterfaceCounters> linkMoved,
            Optional<Verdict.Arrived> arrived) {
        if (live.interfaceName() == null) {
            return new Verdict.NoInterface();
        }
        if (link.isEmpty()) {
            return new Verdict.InterfaceMissing(live.interfaceName());
        }
        InterfaceStatus l = link.get();
        if (!l.up() || l.operState().equals("down") || l.operState().equals("lowerlayerdown")) {
            return new Verdict.InterfaceDown(live.interfaceName(), l.up(), l.operState());
        }
        if (moved.reset()) {
            return new Verdict.Reset();
        }
        List<Counter> unknownPackets = moved.unknown().stream().filter(c -> c == TX_PACKETS || c == RX_PACKETS).toList();
        if (!unknownPackets.isEmpty()) {
            return new Verdict.CountersUnknown(unknownPackets);
        }
        Optional<L2specType> l2spec = configured.flatMap(Session::l2specType).or(live::l2specType);
        Sequencing sequencing = configured.map(Session::sequencing).orElse(live.sequencing());
        if (moved.moving(RX_COOKIE_DISCARDS)) {
            return new Verdict.CookieMismatch(moved.value(RX_COOKIE_DISCARDS), live.peerCookie());
        }
        boolean receiving = moved.moving(RX_PACKETS);
        // A session that requires sequence numbers drops every packet without them (l2tp_recv_common),
        // so a peer that sends none leaves rx flat. While rx moves, the peer numbers its packets, and
        // the discards are loss or reordering: without a reorder timeout l2tp_recv_data_seq drops the
        // packets after a lost one until 5 in a row are in sequence. rx_oos_packets counts only
        // numbered packets, queued for reordering: never a mismatch.
        boolean requiresNumbers = sequencing.receive();
        if (requiresNumbers && moved.moving(RX_SEQ_DISCARDS) && !receiving) {
            return new Verdict.SequencingMismatch(moved.value(RX_SEQ_DISCARDS), moved.value(RX_OOS_PACKETS),
                    sequencing);
        }
        long seqLoss = requiresNumbers ? moved.value(RX_SEQ_DISCARDS) : 0;
        // A wrong-version packet is the tunnel's (6.1 counts it before it looks at the session id):
        // a problem of this session only when nothing of its own arrives.
        long tunnelInvalid = tunnelMoved.reset() ? 0 : tunnelMoved.value(RX_INVALID);
        if (!receiving && (tunnelInvalid > 0 || moved.moving(RX_INVALID))) {
            return new Verdict.Invalid(tunnelInvalid, moved.value(RX_INVALID));
        }
        // The session took the frames (rx_packets) and handed them to the interface, which refused
        // some: l2tp_eth_dev_recv counts the interface's rx_errors when dev_forward_skb fails.
        if (receiving && linkMoved.isPresent() && linkMoved.get().rxErrors() > 0) {
            return new Verdict.InterfaceRefused(live.interfaceName(), moved.value(RX_PACKETS),
                    linkMoved.get().rxErrors(), linkMoved.get().rxDropped(), l.mtu());
        }
        // Every drop counts rx_errors; the cookie drops are explained above (none moved to get here),
        // and so are the sequence drops of loss on a session that requires numbers (each an rx error).
        long unexplained = Math.max(moved.value(RX_ERRORS) - seqLoss,
                requiresNumbers ? 0 : moved.value(RX_SEQ_DISCARDS));
        if (unexplained > 0) {
            return new Verdict.L2specSuspect(moved.value(RX_PACKETS), unexplained, l2spec);
        }
        if (moved.moving(TX_ERRORS)) {
            return new Verdict.TxErrors(moved.value(TX_ERRORS));
        }
        boolean sending = moved.moving(TX_PACKETS);
        if (sending && receiving) {
            return new Verdict.Ok(moved.value(TX_PACKETS), moved.value(RX_PACKETS), seqLoss,
                    moved.value(RX_OOS_PACKETS), tunnelInvalid + moved.value(RX_INVALID));
        }
        if (sending) {
            Optional<Boolean> tunnelReceives = tunnelMoved.reset() || tunnelMoved.get(RX_PACKETS).isEmpty()
                    ? Optional.empty() : Optional.of(tunnelMoved.moving(RX_PACKETS));
            return new Verdict.NoReply(moved.value(TX_PACKETS), live.sessionId(), live.peerSessionId(),
                    tunnel.tunnelId(), tunnelReceives,
                    tunnel.encap() == Encap.UDP ? Optional.of(tunnel.udpSourcePort()) : Optional.empty(), arrived,
                    moved.unknown().stream().filter(c -> c == RX_COOKIE_DISCARDS || c == RX_SEQ_DISCARDS
                            || c == RX_ERRORS).toList());
        }
        if (receiving) {
            return new Verdict.L2specSuspect(moved.value(RX_PACKETS), 0, l2spec);
        }
        return new Verdict.NoTraffic();
    }
}
