package net.jl2tp.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import net.jl2tp.model.Cookie;
import net.jl2tp.model.Counter;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Sequencing;

/**
 * What the counters say about one session, from {@link Verdicts}: the one answer diagnose gives
 * per session and status gives from the counters since the session was made. Every kind says
 * whether it is a problem (diagnose's exit code), a one-line finding, and its likely cause; being
 * sealed, a new kind cannot be added without all three.
 */
public sealed interface Verdict {

    /** The stable name, for JSON and scripts: {@code ok}, {@code cookie-mismatch}, ... */
    String key();

    /** Whether something is wrong (diagnose exits 5); no traffic, a reset or unknown counters are not. */
    boolean problem();

    /** One line: what the counters show, with the numbers. */
    String finding();

    /** The likely cause, and what to compare or try; empty when there is nothing to do. */
    String cause();

    /**
     * rx and tx both moving; what else moved that is no problem of this session's is noted.
     *
     * @param seqDiscards packets a session that requires sequence numbers dropped for their numbers
     *     while it received others: loss or reordering on the path
     * @param outOfSequence numbered packets queued for reordering (rx_oos_packets)
     * @param tunnelInvalid malformed packets on the tunnel (rx-invalid): someone else's
     */
    record Ok(long sent, long received, long seqDiscards, long outOfSequence, long tunnelInvalid) implements Verdict {
        public Ok(long sent, long received) {
            this(sent, received, 0, 0, 0);
        }

        public String key() {
            return "ok";
        }

        public boolean problem() {
            return false;
        }

        public String finding() {
            StringBuilder b = new StringBuilder("OK: sent " + sent + " packets, received " + received);
            if (seqDiscards > 0 || outOfSequence > 0) {
                b.append("; ").append(seqDiscards).append(" dropped for their sequence numbers, ").append(outOfSequence)
                        .append(" out of sequence");
            }
            if (tunnelInvalid > 0) {
                b.append("; ").append(tunnelInvalid).append(" malformed packets on the tunnel (rx-invalid)");
            }
            return b.toString();
        }

        /** Empty unless something is noted: then what it is, and why it is no mismatch. */
        public String cause() {
            List<String> notes = new ArrayList<>();
            if (seqDiscards > 0 || outOfSequence > 0) {
                notes.add("no sequencing mismatch: this session receives numbered packets, so the peer sends the "
                        + "sequence numbers it requires; the drops are loss or reordering on the path (without a "
                        + "reorder timeout the kernel drops the packets after a lost or late one until 5 in a row are "
                        + "in sequence)");
            }
            if (tunnelInvalid > 0) {
                notes.add("the malformed packets (a wrong L2TP version, or too short) are not this session's, whose "
                        + "traffic arrives: someone else (a scanner, another L2TP speaker) sends to the tunnel's "
                        + "address and port");
            }
            return String.join("; ", notes);
        }
    }

    /** Nothing moved at all. */
    record NoTraffic() implements Verdict {
        public String key() {
            return "no-traffic";
        }

        public boolean problem() {
            return false;
        }

        public String finding() {
            return "no traffic: nothing was sent or received, so nothing can be told";
        }

        public String cause() {
            return "send traffic across the pseudowire (for example ping the far end's address over it) and look again";
        }
    }

    /**
     * How far a UDP tunnel's socket moved between the samples: how much its receive queue grew, in
     * bytes of buffer memory (sock_diag's idiag_rqueue, the socket's sk_rmem_alloc: each datagram's
     * whole buffer, about 1280 bytes for a short one, not its payload), and the datagrams dropped for
     * it (empty: not reported).
     */
    record Arrived(long queueGrowth, OptionalLong drops) {
        boolean nothing() {
            return queueGrowth == 0 && drops.isPresent() && drops.getAsLong() == 0;
        }
    }

    /**
     * tx moving, rx flat: nothing from the peer reaches this session.
     *
     * @param tunnelReceives whether other sessions of the tunnel receive (empty: unknown)
     * @param udpPort the tunnel's local UDP port; empty for IP encapsulation
     * @param arrived what reached that port's socket (empty: unknown, the kernel does not say)
     */
    record NoReply(long sent, long sessionId, long peerSessionId, long tunnelId, Optional<Boolean> tunnelReceives,
            Optional<Integer> udpPort, Optional<Arrived> arrived, List<Counter> unknown) implements Verdict {
        public NoReply {
            unknown = List.copyOf(unknown);
        }

        public String key() {
            return "no-reply";
        }

        public boolean problem() {
            return true;
        }

        public String finding() {
            return "sent " + sent + " packets, received none";
        }

        public String cause() {
            StringBuilder b = new StringBuilder("the peer sends nothing that reaches this session: its session or "
                    + "tunnel is missing or down, a firewall drops it, the remote address or port is wrong, or the ids "
                    + "are crossed. L2TPv3 data packets carry the session id only (not the tunnel id): the peer's "
                    + "session must have session-id " + peerSessionId + " (our peer-session-id) and peer-session-id "
                    + sessionId + " (our session-id).");
            tunnelReceives.ifPresent(r -> b.append(r
                    ? " Other sessions of tunnel " + tunnelId + " receive, so the path works: look at the ids."
                    : " No session of tunnel " + tunnelId + " received anything either."));
            udpPort.ifPresent(p -> b.append(' ').append(port(p)));
            if (!unknown.isEmpty()) {
                b.append(" This kernel does not report ").append(names(unknown))
                        .append(", so drops it would count cannot be ruled out.");
            }
            return b.toString();
        }

        /** What reached the tunnel's UDP port: the kernel hands it a packet for a session id it does not know. */
        private String port(int p) {
            if (arrived.isEmpty()) {
                return "Whether anything arrives at UDP port " + p + " is unknown: its socket was not read (diagnose "
                        + "reads it over sock_diag, which needs the kernel's udp_diag module; `ss -uanm 'sport = :" + p
                        + "'` shows its receive queue and drops).";
            }
            Arrived a = arrived.get();
            if (a.nothing()) {
                return "Nothing arrived at UDP port " + p + ": the peer's packets do not reach this host (a firewall, "
                        + "the peer's remote address or port, its tunnel), or the peer sends none.";
            }
            if (a.queueGrowth() == 0 && a.drops().isEmpty()) {
                return "Nothing new waits at UDP port " + p + ", but the kernel does not report the socket's drops: "
                        + "whether anything arrives there is unknown.";
            }
            return "UDP port " + p + "'s receive queue grew by " + a.queueGrowth() + " bytes of buffer memory"
                    + a.drops().stream().mapToObj(d -> " (" + d + " drops)").findFirst().orElse("")
                    + ": datagrams arrived there for no session here (the kernel hands a packet whose session id it "
                    + "does not know to the tunnel's socket, where nobody reads it): compare the session ids.";
        }
    }

    /** rx_cookie_discards moving. */
    record CookieMismatch(long discards, Optional<Cookie> peerCookie) implements Verdict {
        public String key() {
            return "cookie-mismatch";
        }

        public boolean problem() {
            return true;
        }

        public String finding() {
            return discards + " packets dropped for a wrong cookie";
        }

        public String cause() {
            return peerCookie.map(c -> "the peer's cookie must equal this session's peer-cookie, " + c.hex() + " ("
                    + c.hex().length() / 2 + " bytes)").orElse("this session has no peer-cookie: the peer must send "
                    + "no cookie") + ", and the peer's peer-cookie must equal our cookie";
        }
    }

    /** rx_seq_discards moving and rx_packets flat on a session that requires sequence numbers. */
    record SequencingMismatch(long seqDiscards, long outOfSequence, Sequencing setting) implements Verdict {
        public String key() {
            return "sequencing-mismatch";
        }

        public boolean problem() {
            return true;
        }

        public String finding() {
            return seqDiscards + " packets dropped for their sequence numbers, " + outOfSequence
                    + " out of sequence";
        }

        public String cause() {
            return "the two ends disagree on sequencing: this session has sequencing " + setting.keyword()
                    + " (it drops every packet that carries no sequence number); give both ends the same "
                    + "sequencing (ip l2tp: seq none|send|recv|both), with the default l2spec-type, which carries "
                    + "the numbers";
        }
    }

    /**
     * The tunnel's (or the session's) rx_invalid moving while the session receives nothing: a wrong
     * L2TP version, or too short.
     */
    record Invalid(long tunnelInvalid, long sessionInvalid) implements Verdict {
        public String key() {
            return "invalid";
        }

        public boolean problem() {
            return true;
        }

        public String finding() {
            return tunnelInvalid + " malformed packets on the tunnel (rx-invalid)"
                    + (sessionInvalid > 0 ? ", " + sessionInvalid + " on the session" : "");
        }

        public String cause() {
            return "packets of a wrong L2TP version (or, on kernels before 6.11, too short for an L2TP header) "
                    + "arrive at the tunnel: another L2TP speaker (L2TPv2, a different device) sends to this "
                    + "address and port";
        }
    }

    /**
     * Frames arrive but are not understood: either dropped with no cookie or sequencing rule to
     * explain it ({@code dropped}), or received and never answered.
     */
    record L2specSuspect(long received, long dropped, Optional<L2specType> l2spec) implements Verdict {
        public String key() {
            return "l2spec-suspect";
        }

        public boolean problem() {
            return true;
        }

        public String finding() {
            return dropped > 0 ? dropped + " packets dropped (rx-errors, rx-seq-discards) that no cookie or "
                    + "sequencing setting of this session explains; " + received + " received"
                    : "received " + received + " packets, sent none back";
        }

        public String cause() {
            String ours = l2spec.map(t -> "this session's is " + t.keyword())
                    .orElse("the kernel does not report this session's");
            return "suspect an l2spec-type mismatch (" + ours + "; Linux defaults to default, Cisco to none): "
                    + "with the default sublayer the kernel takes the first 4 bytes of a frame sent without one as "
                    + "the sublayer, and a frame whose first byte has bit 0x40 (a broadcast) then looks sequenced "
                    + "and is dropped out of sequence; without it, a frame sent with one arrives 4 bytes off and "
                    + "nothing here answers it. Or nothing here is addressed (no address on the interface or its "
                    + "bridge)";
        }
    }

    /**
     * The interface's own rx_errors moving while the session receives: frames the session took and
     * the interface refused (l2tp_eth_dev_recv: dev_forward_skb failed), which an interface that is up
     * does for a frame longer than its MTU allows.
     */
    record InterfaceRefused(String name, long received, long refused, long dropped, int mtu) implements Verdict {
        public String key() {
            return "interface-refused";
        }

        public boolean problem() {
            return true;
        }

        public String finding() {
            return "the session received " + received + " packets; interface " + name + " refused " + refused
                    + " of them (its rx-errors; rx-dropped +" + dropped + ")";
        }

        public String cause() {
            return "frames longer than " + name + "'s MTU (" + mtu + ", plus 18 bytes of Ethernet and VLAN header) "
                    + "arrive: the peer's interface has a larger MTU; give both ends the same mtu";
        }
    }

    /** tx_errors moving. */
    record TxErrors(long errors) implements Verdict {
        public String key() {
            return "tx-errors";
        }

        public boolean problem() {
            return true;
        }

        public String finding() {
            return errors + " packets could not be sent (tx errors)";
        }

        public String cause() {
            return "is there a route to the remote address?";
        }
    }

    /** The session has no interface: not an Ethernet pseudowire. */
    record NoInterface() implements Verdict {
        public String key() {
            return "no-interface";
        }

        public boolean problem() {
            return true;
        }

        public String finding() {
            return "the session has no interface (not an Ethernet pseudowire)";
        }

        public String cause() {
            return "";
        }
    }

    /** The session's interface is not in the link dump. */
    record InterfaceMissing(String name) implements Verdict {
        public String key() {
            return "interface-missing";
        }

        public boolean problem() {
            return true;
        }

        public String finding() {
            return "interface " + name + " is missing";
        }

        public String cause() {
            return "";
        }
    }

    /** Down administratively, or up with an operational state of down or lowerlayerdown. */
    record InterfaceDown(String name, boolean adminUp, String operState) implements Verdict {
        public String key() {
            return "interface-down";
        }

        public boolean problem() {
            return true;
        }

        public String finding() {
            return adminUp ? "interface " + name + " is up but its operational state is " + operState
                    : "interface " + name + " is down";
        }

        public String cause() {
            return adminUp ? "" : "ip link set " + name + " up, or up: true in the config";
        }
    }

    /** In the config, not in the kernel. */
    record Missing(long tunnelId, long sessionId) implements Verdict {
        public String key() {
            return "missing";
        }

        public boolean problem() {
            return true;
        }

        public String finding() {
            return "configured but not in the kernel";
        }

        public String cause() {
            return "jl2tp-apply --dry-run shows what apply would create";
        }
    }

    /** A counter went back between the samples: the session was made again. */
    record Reset() implements Verdict {
        public String key() {
            return "reset";
        }

        public boolean problem() {
            return false;
        }

        public String finding() {
            return "the counters went back: the session was deleted and made again between the samples";
        }

        public String cause() {
            return "look again";
        }
    }

    /** The kernel reports no packet counters for the session. */
    record CountersUnknown(List<Counter> unknown) implements Verdict {
        public CountersUnknown {
            unknown = List.copyOf(unknown);
        }

        public String key() {
            return "unknown";
        }

        public boolean problem() {
            return false;
        }

        public String finding() {
            return "this kernel does not report " + names(unknown) + ": nothing can be told";
        }

        public String cause() {
            return "";
        }
    }

    private static String names(List<Counter> counters) {
        return counters.stream().map(Counter::key).collect(Collectors.joining(", "));
    }
}
