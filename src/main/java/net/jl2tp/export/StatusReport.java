package net.jl2tp.export;

import net.jl2tp.json.Tree;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import net.jl2tp.model.Counter;
import net.jl2tp.model.LiveState;
import net.jl2tp.model.Encap;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;
import net.jl2tp.model.Counters;

/**
 * What {@code jl2tp-apply status} shows: each tunnel and its sessions, the session interface's
 * state, and the kernel's counters, with each session's {@link Verdict} from the counters since the
 * session was made (the rules diagnose applies to its deltas), listed when it is a problem.
 */
public record StatusReport(List<TunnelStatus> tunnels) {

    public StatusReport {
        tunnels = List.copyOf(tunnels);
    }

    public record TunnelStatus(Tunnel tunnel, Counters counters, List<SessionStatus> sessions) {
        public TunnelStatus {
            sessions = List.copyOf(sessions);
        }
    }

    /**
     * @param link empty when the session has no interface, or its interface was not in the link dump
     * @param verdict what the counters since the session was made say ({@link Verdicts}, as diagnose)
     */
    public record SessionStatus(Session session, Optional<InterfaceStatus> link, Counters counters, Verdict verdict) {
        /** The verdict when it is a problem, as status lists it. */
        public List<String> problems() {
            return verdict.problem() ? List.of(line(verdict)) : List.of();
        }
    }

    /** A verdict on one line: the finding, then its cause. */
    static String line(Verdict verdict) {
        return verdict.cause().isEmpty() ? verdict.finding() : verdict.finding() + ": " + verdict.cause();
    }

    /**
     * @param up administratively up (IFF_UP)
     * @param operState the kernel's operational state, lower case: an l2tpeth interface that is up
     *     reports "unknown" (it has no carrier of its own)
     * @param bridge the bridge it is a port of
     */
    public record InterfaceStatus(boolean up, String operState, int mtu, Optional<String> bridge, List<VlanOn> vlans) {
        public InterfaceStatus {
            vlans = List.copyOf(vlans);
        }
    }

    public record VlanOn(String name, int id) {
    }

    public static StatusReport of(LiveState live) {
        List<TunnelStatus> tunnels = new ArrayList<>();
        for (Tunnel tunnel : live.state().tunnels().values()) {
            List<SessionStatus> sessions = new ArrayList<>();
            for (Session session : live.state().sessions().values()) {
                if (session.tunnelId() == tunnel.tunnelId()) {
                    sessions.add(session(session, tunnel, live));
                }
            }
            tunnels.add(new TunnelStatus(tunnel, live.tunnelStats().getOrDefault(tunnel.tunnelId(), Counters.UNKNOWN),
                    sessions));
        }
        return new StatusReport(tunnels);
    }

    private static SessionStatus session(Session session, Tunnel tunnel, LiveState live) {
        Counters counters = live.sessionStats().getOrDefault(session.key(), Counters.UNKNOWN);
        String name = session.interfaceName();
        Link link = name == null ? null : live.state().links().get(name);
        Optional<InterfaceStatus> status = Optional.empty();
        if (link != null) {
            LiveState.LinkStatus linkStatus = live.linkStatus().get(name);
            String oper = linkStatus == null ? "unknown" : linkStatus.operState().replace("_", "").toLowerCase(Locale.ROOT);
            List<VlanOn> vlans = live.state().links().values().stream()
                    .filter(l -> l.kind() == LinkKind.VLAN && l.vlan().isPresent() && l.vlan().get().link().equals(name))
                    .map(l -> new VlanOn(l.name(), l.vlan().get().id()))
                    .toList();
            status = Optional.of(new InterfaceStatus(link.up(), oper, link.mtu().orElse(0), link.master(), vlans));
        }
        LiveState.LinkStatus linkStatus = name == null ? null : live.linkStatus().get(name);
        return new SessionStatus(session, status, counters, Verdicts.judge(session, Optional.empty(), tunnel, status,
                Delta.since(counters), Delta.since(live.tunnelStats().getOrDefault(tunnel.tunnelId(), Counters.UNKNOWN)),
                linkStatus == null ? Optional.empty() : linkStatus.counters(), Optional.empty()));
    }

    /** The JSON document: every key always present (null when the kernel has no value). */
    public Tree.Mapping toTree() {
        List<Tree> tunnelItems = new ArrayList<>();
        for (TunnelStatus t : tunnels) {
            Tunnel tunnel = t.tunnel();
            boolean udp = tunnel.encap() == Encap.UDP;
            List<Tree> sessionItems = new ArrayList<>();
            for (SessionStatus s : t.sessions()) {
                Tree.MappingBuilder m = Tree.mapping()
                        .put("session-id", s.session().sessionId())
                        .put("peer-session-id", s.session().peerSessionId())
                        .put("interface", s.session().interfaceName());
                Optional<InterfaceStatus> link = s.link();
                m.put("up", link.<Tree>map(l -> Tree.bool(l.up())).orElse(new Tree.Null()))
                        .put("oper-state", link.map(InterfaceStatus::operState).orElse(null))
                        .put("mtu", link.<Tree>map(l -> Tree.number(l.mtu())).orElse(new Tree.Null()))
                        .put("bridge", link.flatMap(InterfaceStatus::bridge).orElse(null))
                        .put("vlans", new Tree.Sequence(link.map(InterfaceStatus::vlans).orElse(List.of()).stream()
                                .map(v -> (Tree) Tree.mapping().put("name", v.name()).put("id", v.id()).build())
                                .toList()))
                        .put("counters", counters(s.counters()))
                        .put("verdict", s.verdict().key())
                        .put("problems", new Tree.Sequence(s.problems().stream().map(p -> (Tree) Tree.text(p)).toList()));
                sessionItems.add(m.build());
            }
            tunnelItems.add(Tree.mapping()
                    .put("tunnel-id", tunnel.tunnelId())
                    .put("peer-tunnel-id", tunnel.peerTunnelId())
                    .put("encap", tunnel.encap().keyword())
                    .put("local", IpAddresses.format(tunnel.local()))
                    .put("remote", IpAddresses.format(tunnel.remote()))
                    .put("udp-source-port", udp ? Tree.number(tunnel.udpSourcePort()) : new Tree.Null())
                    .put("udp-destination-port", udp ? Tree.number(tunnel.udpDestinationPort()) : new Tree.Null())
                    .put("counters", counters(t.counters()))
                    .put("sessions", new Tree.Sequence(sessionItems))
                    .build());
        }
        return Tree.mapping().put("tunnels", new Tree.Sequence(tunnelItems)).build();
    }

    /** Each counter by its key; null when the kernel does not report it. */
    static Tree counters(Counters c) {
        Tree.MappingBuilder m = Tree.mapping();
        for (Counter counter : Counter.values()) {
            OptionalLong value = c.get(counter);
            m.put(counter.key(), value.isPresent() ? Tree.number(value.getAsLong()) : new Tree.Null());
        }
        return m.build();
    }

    /** Three aligned tables (tunnels, sessions, counters), then the problems, for a terminal. */
    public String toText() {
        if (tunnels.isEmpty()) {
            return "no L2TP tunnels\n";
        }
        TextTable tunnelTable = new TextTable("TUNNEL", "PEER", "ENCAP", "LOCAL", "REMOTE", "SESSIONS")
                .rightAligned(0, 1, 5);
        TextTable sessionTable = new TextTable("TUNNEL", "SESSION", "PEER", "INTERFACE", "LINK", "OPER", "MTU",
                "BRIDGE", "VLANS").rightAligned(0, 1, 2, 6);
        TextTable counterTable = new TextTable("TUNNEL", "SESSION", "INTERFACE", "TX-PKT", "TX-BYTE", "TX-ERR",
                "RX-PKT", "RX-BYTE", "RX-ERR", "SEQ-DISC", "OOS", "COOKIE-DISC", "INVALID")
                .rightAligned(0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        List<String> problems = new ArrayList<>();
        for (TunnelStatus t : tunnels) {
            Tunnel tunnel = t.tunnel();
            String id = Long.toString(tunnel.tunnelId());
            tunnelTable.row(id, Long.toString(tunnel.peerTunnelId()), tunnel.encap().keyword(),
                    endpoint(tunnel, tunnel.local(), tunnel.udpSourcePort()),
                    endpoint(tunnel, tunnel.remote(), tunnel.udpDestinationPort()),
                    Integer.toString(t.sessions().size()));
            counterTable.row(counterCells(id, "-", "-", t.counters()));
            for (SessionStatus s : t.sessions()) {
                String sessionId = Long.toString(s.session().sessionId());
                String name = s.session().interfaceName() == null ? "-" : s.session().interfaceName();
                Optional<InterfaceStatus> link = s.link();
                sessionTable.row(id, sessionId, Long.toString(s.session().peerSessionId()), name,
                        link.map(l -> l.up() ? "up" : "down").orElse("-"),
                        link.map(InterfaceStatus::operState).orElse("-"),
                        link.map(l -> Integer.toString(l.mtu())).orElse("-"),
                        link.flatMap(InterfaceStatus::bridge).orElse("-"),
                        link.map(l -> l.vlans().isEmpty() ? "-"
                                : String.join(",", l.vlans().stream().map(VlanOn::name).toList())).orElse("-"));
                counterTable.row(counterCells(id, sessionId, name, s.counters()));
                for (String problem : s.problems()) {
                    problems.add("session " + id + "/" + sessionId + " (" + name + "): " + problem);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(tunnelTable).append('\n').append(sessionTable).append('\n').append(counterTable);
        if (!problems.isEmpty()) {
            out.append('\n').append("PROBLEMS\n");
            problems.forEach(p -> out.append(p).append('\n'));
        }
        return out.toString();
    }

    private static String[] counterCells(String tunnel, String session, String name, Counters c) {
        List<String> cells = new ArrayList<>(List.of(tunnel, session, name));
        for (Counter counter : Counter.values()) { // the order of the header
            cells.add(cell(c.get(counter)));
        }
        return cells.toArray(String[]::new);
    }

    /** A counter in a table: "unknown" when the kernel does not report it, never 0. */
    static String cell(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "unknown";
    }

    /** 192.0.2.1:5000, [2001:db8::1]:5000, or the bare address for IP encapsulation. */
    static String endpoint(Tunnel tunnel, InetAddress address, int port) {
        String text = IpAddresses.format(address);
        if (tunnel.encap() != Encap.UDP) {
            return text;
        }
        return (tunnel.isIpv6() ? "[" + text + "]" : text) + ":" + port;
    }
}
