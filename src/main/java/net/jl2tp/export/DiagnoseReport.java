package net.jl2tp.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import net.jl2tp.export.StatusReport.SessionStatus;
import net.jl2tp.export.StatusReport.TunnelStatus;
import net.jl2tp.json.Tree;
import net.jl2tp.model.Counter;
import net.jl2tp.model.Counters;
import net.jl2tp.model.InterfaceCounters;
import net.jl2tp.model.LiveState;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.TunnelSocket;

/**
 * What {@code jl2tp-apply diagnose} shows: one {@link Verdict} per session from how its counters
 * moved between two samples, with the deltas as evidence: every session in the kernel, and every
 * configured session missing there.
 */
public record DiagnoseReport(long intervalSeconds, List<Diagnosis> sessions) {

    public DiagnoseReport {
        sessions = List.copyOf(sessions);
    }

    /**
     * @param interfaceName empty when the session has none
     * @param moved the session's counters' deltas; empty for a session missing from the kernel
     * @param tunnelMoved its tunnel's
     * @param linkMoved its interface's own counters' deltas; empty when unknown
     */
    public record Diagnosis(long tunnelId, long sessionId, Optional<String> interfaceName, Verdict verdict,
            Optional<Delta> moved, Optional<Delta> tunnelMoved, Optional<InterfaceCounters> linkMoved) {
    }

    /**
     * @param configured the state this host's config asks for, for the sessions that should be there
     *     and their l2spec-type (the kernel does not report it); empty when the config cannot be had
     * @param socketsBefore the UDP tunnels' sockets at the first sample, by tunnel id; empty when the
     *     kernel cannot say
     * @param socketsAfter the same at the second
     */
    public static DiagnoseReport of(long intervalSeconds, LiveState before, LiveState after,
            Optional<NetworkState> configured, Optional<Map<Long, TunnelSocket>> socketsBefore,
            Optional<Map<Long, TunnelSocket>> socketsAfter) {
        List<Diagnosis> out = new ArrayList<>();
        for (TunnelStatus t : StatusReport.of(after).tunnels()) {
            long tunnelId = t.tunnel().tunnelId();
            Delta tunnelMoved = moved(before.tunnelStats().get(tunnelId), t.counters());
            for (SessionStatus s : t.sessions()) {
                Session session = s.session();
                Optional<Session> wanted = configured.map(c -> c.sessions().get(session.key()));
                Delta moved = moved(before.sessionStats().get(session.key()), s.counters());
                Optional<InterfaceCounters> linkMoved = linkMoved(before, after, session.interfaceName());
                Verdict verdict = Verdicts.judge(session, wanted, t.tunnel(), s.link(), moved, tunnelMoved, linkMoved,
                        arrived(socketsBefore, socketsAfter, tunnelId));
                out.add(new Diagnosis(tunnelId, session.sessionId(), Optional.ofNullable(session.interfaceName()), verdict,
                        Optional.of(moved), Optional.of(tunnelMoved), linkMoved));
            }
        }
        configured.ifPresent(c -> c.sessions().values().stream()
                .filter(s -> !after.state().sessions().containsKey(s.key()))
                .forEach(s -> out.add(new Diagnosis(s.tunnelId(), s.sessionId(), Optional.ofNullable(s.interfaceName()),
                        new Verdict.Missing(s.tunnelId(), s.sessionId()), Optional.empty(), Optional.empty(),
                        Optional.empty()))));
        out.sort((a, b) -> a.tunnelId() != b.tunnelId() ? Long.compare(a.tunnelId(), b.tunnelId())
                : Long.compare(a.sessionId(), b.sessionId()));
        return new DiagnoseReport(intervalSeconds, out);
    }

    /** Since the first sample; a session made after it, since it was made. */
    private static Delta moved(Counters before, Counters after) {
        return before == null ? Delta.since(after) : Delta.between(before, after);
    }

    /**
     * How far the interface's own counters moved; empty when either sample lacks them, or one went
     * back (the interface was made again with the session).
     */
    private static Optional<InterfaceCounters> linkMoved(LiveState before, LiveState after, String name) {
        if (name == null || !before.linkStatus().containsKey(name) || !after.linkStatus().containsKey(name)) {
            return Optional.empty();
        }
        Optional<InterfaceCounters> b = before.linkStatus().get(name).counters();
        Optional<InterfaceCounters> a = after.linkStatus().get(name).counters();
        if (b.isEmpty() || a.isEmpty()) {
            return Optional.empty();
        }
        InterfaceCounters x = a.get();
        InterfaceCounters y = b.get();
        InterfaceCounters d = new InterfaceCounters(x.rxPackets() - y.rxPackets(), x.txPackets() - y.txPackets(),
                x.rxErrors() - y.rxErrors(), x.rxDropped() - y.rxDropped(), x.txDropped() - y.txDropped());
        boolean wentBack = d.rxPackets() < 0 || d.txPackets() < 0 || d.rxErrors() < 0 || d.rxDropped() < 0
                || d.txDropped() < 0;
        return wentBack ? Optional.empty() : Optional.of(d);
    }

    /**
     * What reached a tunnel's socket between the samples; empty when unknown (not read, or not in
     * both samples: the tunnel was made in between, or has no socket of its own).
     */
    private static Optional<Verdict.Arrived> arrived(Optional<Map<Long, TunnelSocket>> before,
            Optional<Map<Long, TunnelSocket>> after, long tunnelId) {
        TunnelSocket b = before.map(m -> m.get(tunnelId)).orElse(null);
        TunnelSocket a = after.map(m -> m.get(tunnelId)).orElse(null);
        if (b == null || a == null) {
            return Optional.empty();
        }
        // Nobody reads the kernel's tunnel socket: its queue (buffer memory) only grows, until it is full and drops.
        OptionalLong drops = b.drops().isPresent() && a.drops().isPresent()
                ? OptionalLong.of(Math.max(0, a.drops().getAsLong() - b.drops().getAsLong())) : OptionalLong.empty();
        return Optional.of(new Verdict.Arrived(Math.max(0, a.receiveQueue() - b.receiveQueue()), drops));
    }

    /** Whether any session has a verdict that is a problem (diagnose's exit code). */
    public boolean hasProblem() {
        return sessions.stream().anyMatch(d -> d.verdict().problem());
    }

    /** A table of the verdicts, then each session's finding, evidence and likely cause. */
    public String toText() {
        if (sessions.isEmpty()) {
            return "no L2TP sessions in the kernel or the config\n";
        }
        TextTable table = new TextTable("TUNNEL", "SESSION", "INTERFACE", "VERDICT").rightAligned(0, 1);
        StringBuilder details = new StringBuilder();
        for (Diagnosis d : sessions) {
            String name = d.interfaceName().orElse("-");
            table.row(Long.toString(d.tunnelId()), Long.toString(d.sessionId()), name, d.verdict().key());
            details.append('\n').append("session ").append(d.tunnelId()).append('/').append(d.sessionId()).append(" (")
                    .append(name).append("): ").append(d.verdict().finding()).append('\n');
            d.moved().ifPresent(m -> details.append("  session moved: ").append(evidence(m)).append('\n'));
            d.tunnelMoved().ifPresent(m -> details.append("  tunnel ").append(d.tunnelId()).append(" moved: ")
                    .append(evidence(m)).append('\n'));
            if (d.moved().isPresent() && d.interfaceName().isPresent()) {
                details.append("  interface ").append(name).append(" moved: ")
                        .append(d.linkMoved().map(DiagnoseReport::evidence).orElse("unknown")).append('\n');
            }
            if (!d.verdict().cause().isEmpty()) {
                details.append("  likely cause: ").append(d.verdict().cause()).append('\n');
            }
        }
        return "Counters sampled " + intervalSeconds + " s apart.\n\n" + table + details;
    }

    /** tx-packets +5, ..., rx-invalid unknown. */
    private static String evidence(Delta d) {
        String counters = java.util.Arrays.stream(Counter.values())
                .map(c -> c.key() + " " + signed(d.get(c)))
                .collect(Collectors.joining(", "));
        return d.reset() ? counters + " (went back: made again)" : counters;
    }

    /** The interface's own counters: rx-packets +5, ... */
    private static String evidence(InterfaceCounters c) {
        return "rx-packets +" + c.rxPackets() + ", rx-errors +" + c.rxErrors() + ", rx-dropped +" + c.rxDropped()
                + ", tx-packets +" + c.txPackets() + ", tx-dropped +" + c.txDropped();
    }

    /** The interface's own counters' deltas as JSON. */
    private static Tree linkTree(InterfaceCounters c) {
        return Tree.mapping().put("rx-packets", c.rxPackets()).put("rx-errors", c.rxErrors())
                .put("rx-dropped", c.rxDropped()).put("tx-packets", c.txPackets()).put("tx-dropped", c.txDropped())
                .build();
    }

    private static String signed(OptionalLong value) {
        return value.isPresent() ? "+" + value.getAsLong() : "unknown";
    }

    /** The JSON document: every key always present; a delta the kernel cannot give is null. */
    public Tree.Mapping toTree() {
        List<Tree> items = new ArrayList<>();
        for (Diagnosis d : sessions) {
            items.add(Tree.mapping()
                    .put("tunnel-id", d.tunnelId())
                    .put("session-id", d.sessionId())
                    .put("interface", d.interfaceName().orElse(null))
                    .put("verdict", d.verdict().key())
                    .put("problem", d.verdict().problem())
                    .put("finding", d.verdict().finding())
                    .put("cause", d.verdict().cause())
                    .put("counters-moved", d.moved().<Tree>map(m -> StatusReport.counters(m.moved())).orElse(new Tree.Null()))
                    .put("counters-went-back", d.moved().<Tree>map(m -> Tree.bool(m.reset())).orElse(new Tree.Null()))
                    .put("tunnel-counters-moved", d.tunnelMoved().<Tree>map(m -> StatusReport.counters(m.moved()))
                            .orElse(new Tree.Null()))
                    .put("interface-counters-moved", d.linkMoved().map(DiagnoseReport::linkTree).orElse(new Tree.Null()))
                    .build());
        }
        return Tree.mapping().put("interval-seconds", intervalSeconds).put("sessions", new Tree.Sequence(items))
                .put("problem", hasProblem()).build();
    }
}
