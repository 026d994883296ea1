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
 * the session requires counts rx_seq_discards and rx_errors, and so does one out of sequence; a
 * packet of the wrong L2TP version counts the tunnel's rx_invalid; a packet for a session id the
 * kernel does not know counts nothing at all; a frame the session took and its interface refused
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
        boolean seqMoving = moved.moving(RX_SEQ_DISCARDS) || moved.moving(RX_OOS_PACKETS);
        if (seqMoving && sequencing.receive()) {
            return new Verdict.SequencingMismatch(moved.value(RX_SEQ_DISCARDS), moved.value(RX_OOS_PACKETS), sequencing);
        }
        long tunnelInvalid = tunnelMoved.reset() ? 0 : tunnelMoved.value(RX_INVALID);
        if (tunnelInvalid > 0 || moved.moving(RX_INVALID)) {
            return new Verdict.Invalid(tunnelInvalid, moved.value(RX_INVALID));
        }
        // The session took the frames (rx_packets) and handed them to the interface, which refused
        // some: l2tp_eth_dev_recv counts the interface's rx_errors when dev_forward_skb fails.
        if (moved.moving(RX_PACKETS) && linkMoved.isPresent() && linkMoved.get().rxErrors() > 0) {
            return new Verdict.InterfaceRefused(live.interfaceName(), moved.value(RX_PACKETS),
                    linkMoved.get().rxErrors(), linkMoved.get().rxDropped(), l.mtu());
        }
        // Every drop counts rx_errors; the cookie drops are explained above (none moved to get here).
        long unexplained = Math.max(moved.value(RX_ERRORS), moved.value(RX_SEQ_DISCARDS));
        if (unexplained > 0) {
            return new Verdict.L2specSuspect(moved.value(RX_PACKETS), unexplained, l2spec);
        }
        if (moved.moving(TX_ERRORS)) {
            return new Verdict.TxErrors(moved.value(TX_ERRORS));
        }
        boolean sending = moved.moving(TX_PACKETS);
        boolean receiving = moved.moving(RX_PACKETS);
        if (sending && receiving) {
            return new Verdict.Ok(moved.value(TX_PACKETS), moved.value(RX_PACKETS));
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
