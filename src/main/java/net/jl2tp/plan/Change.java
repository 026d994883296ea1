package net.jl2tp.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jl2tp.config.SourceMark;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.Link;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;

/**
 * One step of a plan. Each kind knows its phase, the object it touches, why it is there (which
 * field, old -> new) and the config line that asked for it, and how to undo itself.
 */
public sealed interface Change {
    Phase phase();

    ObjectRef target();

    /** What happens, in a few words: {@code create tunnel 3000}. */
    String summary();

    /** Why: the field that differs and how, or "not in the kernel". */
    String reason();

    /** The config line behind the change; empty for removals of what the config no longer has. */
    Optional<SourceMark> origin();

    /** The changes that put back what this one did, in the order to run them. */
    List<Change> undo();

    /** '+' adds, '-' removes, '~' modifies in place, '=' records only. */
    default char sign() {
        return '~';
    }

    /** Answers one question for every kind; the compiler makes each consumer handle each kind. */
    <R> R accept(Visitor<R> visitor);

    /** Only the state record changes: the kernel is not touched (an adoption). */
    default Optional<Adopt> adoption() {
        return Optional.empty();
    }

    /** One method per kind: a new kind does not compile until every visitor handles it. */
    interface Visitor<R> {
        R createTunnel(CreateTunnel c);

        R deleteTunnel(DeleteTunnel c);

        R createSession(CreateSession c);

        R deleteSession(DeleteSession c);

        R modifySession(ModifySession c);

        R createLink(CreateLink c);

        R deleteLink(DeleteLink c);

        R setMtu(SetMtu c);

        R setMaster(SetMaster c);

        R setUp(SetUp c);

        R addAddress(AddAddress c);

        R deleteAddress(DeleteAddress c);

        R adopt(Adopt c);
    }

    record CreateTunnel(Tunnel tunnel, String reason, Optional<SourceMark> origin) implements Change {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.createTunnel(this);
        }

        public Phase phase() {
            return Phase.CREATE_TUNNELS;
        }

        public ObjectRef target() {
            return new ObjectRef.TunnelRef(tunnel.tunnelId());
        }

        public String summary() {
            return "create tunnel " + tunnel.tunnelId() + " (" + Describe.tunnel(tunnel) + ")";
        }

        public List<Change> undo() {
            return List.of(new DeleteTunnel(tunnel, "undo", Optional.empty()));
        }

        public char sign() {
            return '+';
        }
    }

    record DeleteTunnel(Tunnel tunnel, String reason, Optional<SourceMark> origin) implements Change {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteTunnel(this);
        }

        public Phase phase() {
            return Phase.DELETE_TUNNELS;
        }

        public ObjectRef target() {
            return new ObjectRef.TunnelRef(tunnel.tunnelId());
        }

        public String summary() {
            return "delete tunnel " + tunnel.tunnelId();
        }

        public List<Change> undo() {
            return List.of(new CreateTunnel(tunnel, "undo", Optional.empty()));
        }

        public char sign() {
            return '-';
        }
    }

    record CreateSession(Session session, String reason, Optional<SourceMark> origin) implements Change {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.createSession(this);
        }

        public Phase phase() {
            return Phase.CREATE_SESSIONS;
        }

        public ObjectRef target() {
            return new ObjectRef.SessionRef(session.key());
        }

        public String summary() {
            return "create session " + session.sessionId() + " in tunnel " + session.tunnelId() + " ("
                    + Describe.session(session) + ")";
        }

        public List<Change> undo() {
            return List.of(new DeleteSession(session, Optional.empty(), "undo", Optional.empty()));
        }

        public char sign() {
            return '+';
        }
    }

    /**
     * @param interfaceBefore the session interface's settings before the delete, so that an undo
     *     brings back the interface as it was, not only the session
     */
    record DeleteSession(Session session, Optional<Link> interfaceBefore, String reason, Optional<SourceMark> origin)
            implements Change {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteSession(this);
        }

        public Phase phase() {
            return Phase.DELETE_SESSIONS;
        }

        public ObjectRef target() {
            return new ObjectRef.SessionRef(session.key());
        }

        public String summary() {
            return "delete session " + session.sessionId() + " in tunnel " + session.tunnelId() + " ("
                    + session.interfaceName() + ")";
        }

        public List<Change> undo() {
            List<Change> undo = new ArrayList<>();
            undo.add(new CreateSession(session, "undo", Optional.empty()));
            interfaceBefore.ifPresent(link -> undo.addAll(Describe.restore(link)));
            return undo;
        }

        public char sign() {
            return '-';
        }
    }

    /** The one in-place change the kernel offers for an L2TP object: sequencing (SESSION_MODIFY). */
    record ModifySession(Session from, Session to, String reason, Optional<SourceMark> origin) implements Change {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.modifySession(this);
        }

        public Phase phase() {
            return Phase.MODIFY_SESSIONS;
        }

        public ObjectRef target() {
            return new ObjectRef.SessionRef(to.key());
        }

        public String summary() {
            return "modify session " + to.sessionId() + " in tunnel " + to.tunnelId() + " (" + to.interfaceName() + ")";
        }

        public List<Change> undo() {
            return List.of(new ModifySession(to, from, "undo", Optional.empty()));
        }
    }

    /** A bridge or vlan; session interfaces come and go with their sessions. */
    record CreateLink(Link link, String reason, Optional<SourceMark> origin) implements Change {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.createLink(this);
        }

        public Phase phase() {
            return Phase.CREATE_LINKS;
        }

        public ObjectRef target() {
            return new ObjectRef.LinkRef(link.name());
        }

        public String summary() {
            return "create " + Describe.kind(link) + " " + link.name()
                    + link.vlan().map(v -> " (vlan " + v.id() + " on " + v.link() + ")").orElse("");
        }

        public List<Change> undo() {
            return List.of(new DeleteLink(link, Optional.empty(), "undo", Optional.empty()));
        }

        public char sign() {
            return '+';
        }
    }

    record DeleteLink(Link link, Optional<Link> before, String reason, Optional<SourceMark> origin) implements Change {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteLink(this);
        }

        public Phase phase() {
            return Phase.DELETE_LINKS;
        }

        public ObjectRef target() {
            return new ObjectRef.LinkRef(link.name());
        }

        public String summary() {
            return "delete " + Describe.kind(link) + " " + link.name();
        }

        public List<Change> undo() {
            List<Change> undo = new ArrayList<>();
            undo.add(new CreateLink(link, "undo", Optional.empty()));
            before.ifPresent(b -> undo.addAll(Describe.restore(b)));
            return undo;
        }

        public char sign() {
            return '-';
        }
    }

    record SetMtu(String link, OptionalInt from, int to, String reason, Optional<SourceMark> origin) implements Change {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.setMtu(this);
        }

        public Phase phase() {
            return Phase.SET_LINKS;
        }

        public ObjectRef target() {
            return new ObjectRef.LinkRef(link);
        }

        public String summary() {
            return "set " + link + " mtu " + to;
        }

        public List<Change> undo() {
            return from.isPresent() && from.getAsInt() != to
                    ? List.of(new SetMtu(link, OptionalInt.of(to), from.getAsInt(), "undo", Optional.empty()))
                    : List.of();
        }
    }

    /** Attach a link to a bridge, move it to another, or detach it ({@code to} empty). */
    record SetMaster(String link, Optional<String> from, Optional<String> to, String reason, Optional<SourceMark> origin)
            implements Change {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.setMaster(this);
        }

        public Phase phase() {
            return to.isEmpty() ? Phase.DETACH_PORTS : Phase.SET_LINKS;
        }

        public ObjectRef target() {
            return new ObjectRef.LinkRef(link);
        }

        public String summary() {
            if (from.isPresent() && to.isPresent()) {
                return "move " + link + " from bridge " + from.get() + " to bridge " + to.get();
            }
            return to.map(bridge -> "attach " + link + " to bridge " + bridge)
                    .orElseGet(() -> "detach " + link + from.map(b -> " from bridge " + b).orElse(""));
        }

        public List<Change> undo() {
            return List.of(new SetMaster(link, to, from, "undo", Optional.empty()));
        }
    }

    record SetUp(String link, boolean up, String reason, Optional<SourceMark> origin) implements Change {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.setUp(this);
        }

        public Phase phase() {
            return Phase.SET_UP;
        }

        public ObjectRef target() {
            return new ObjectRef.LinkRef(link);
        }

        public String summary() {
            return "set " + link + (up ? " up" : " down");
        }

        public List<Change> undo() {
            return List.of(new SetUp(link, !up, "undo", Optional.empty()));
        }
    }

    record AddAddress(String link, InterfaceAddress address, String reason, Optional<SourceMark> origin)
            implements Change {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.addAddress(this);
        }

        public Phase phase() {
            return Phase.ADD_ADDRESSES;
        }

        public ObjectRef target() {
            return new ObjectRef.LinkRef(link);
        }

        public String summary() {
            return "add address " + address + " to " + link;
        }

        public List<Change> undo() {
            return List.of(new DeleteAddress(link, address, "undo", Optional.empty()));
        }

        public char sign() {
            return '+';
        }
    }

    record DeleteAddress(String link, InterfaceAddress address, String reason, Optional<SourceMark> origin)
            implements Change {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deleteAddress(this);
        }

        public Phase phase() {
            return Phase.DELETE_ADDRESSES;
        }

        public ObjectRef target() {
            return new ObjectRef.LinkRef(link);
        }

        public String summary() {
            return "delete address " + address + " from " + link;
        }

        public List<Change> undo() {
            return List.of(new AddAddress(link, address, "undo", Optional.empty()));
        }

        public char sign() {
            return '-';
        }
    }

    /**
     * An object made outside jl2tp that matches the config: from now on jl2tp owns it. Only the
     * state record changes; the kernel is not touched.
     *
     * @param owned what to record: that one object, with the desired spec the kernel's report matched
     */
    record Adopt(ObjectRef target, NetworkState owned, String reason, Optional<SourceMark> origin) implements Change {
        public <R> R accept(Visitor<R> visitor) {
            return visitor.adopt(this);
        }

        public Phase phase() {
            return Phase.ADOPT;
        }

        public String summary() {
            return "adopt " + target;
        }

        public List<Change> undo() {
            return List.of();
        }

        public char sign() {
            return '=';
        }

        @Override
        public Optional<Adopt> adoption() {
            return Optional.of(this);
        }
    }

    /** Text pieces shared by the change kinds. */
    final class Describe {
        private Describe() {
        }

        static String tunnel(Tunnel t) {
            String ends = IpAddresses.format(t.local()) + " -> " + IpAddresses.format(t.remote());
            return switch (t.encap()) {
                case UDP -> "udp " + ends + ", ports " + t.udpSourcePort() + " -> " + t.udpDestinationPort()
                        + ", peer tunnel " + t.peerTunnelId();
                case IP -> "ip " + ends + ", peer tunnel " + t.peerTunnelId();
            };
        }

        static String session(Session s) {
            return s.interfaceName() + ", peer session " + s.peerSessionId();
        }

        /** The one name of each kind of link, for summaries, reasons and conflicts alike. */
        static String kind(Link link) {
            return switch (link.kind()) {
                case SESSION -> "L2TP session interface";
                case BRIDGE -> "bridge";
                case VLAN -> "vlan";
                case OTHER -> "link";
            };
        }

        /** Puts a recreated interface's settings back as they were. */
        static List<Change> restore(Link before) {
            List<Change> changes = new ArrayList<>();
            before.mtu().ifPresent(mtu -> changes.add(new SetMtu(before.name(), OptionalInt.empty(), mtu, "undo",
                    Optional.empty())));
            before.master().ifPresent(m -> changes.add(new SetMaster(before.name(), Optional.empty(), Optional.of(m),
                    "undo", Optional.empty())));
            for (InterfaceAddress address : before.addresses()) {
                if (!Addresses.isKernelMade(address)) {
                    changes.add(new AddAddress(before.name(), address, "undo", Optional.empty()));
                }
            }
            if (before.up()) {
                changes.add(new SetUp(before.name(), true, "undo", Optional.empty()));
            }
            return changes;
        }
    }
}
