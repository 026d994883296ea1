package net.jl2tp.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;

/**
 * The rollback of a try: the changes that put the objects a plan touched back the way they were. A
 * pure function, like the planner, but a diff of its own: the planner weighs the config and who
 * made what, a rollback only what was there against what is there now, foreign or not.
 *
 * <p>Rules: a tunnel, and a session in anything but sequencing, cannot change in place, so they are
 * made again with every field; a bridge or vlan of another kind or on another link is made again;
 * a vlan on a link that is made again is made again; a link jl2tp does not make (eth0) only gets its
 * bridge back. Whatever is made again starts from the kernel's defaults and gets its settings (mtu,
 * master, addresses, up) back; whatever stays gets the settings that differ. What the caller leaves
 * alone is not touched, nor what cannot be restored without it, nor what would remove it.
 */
public final class Restore {
    private static final String NOT_IN_THE_KERNEL = "as before the try: not in the kernel";
    private static final String NOT_THERE_BEFORE = "as before the try: not there before it";
    private static final String AS_BEFORE = "as before the try: ";

    private final TryScope scope;
    private final NetworkState was;
    private final NetworkState live;
    private final Set<ObjectRef> left;

    /** The live tunnels this rollback deletes, and the tunnels it makes (new or again). */
    private final SortedMap<Long, Tunnel> tunnelsGoing = new TreeMap<>();
    private final SortedMap<Long, Tunnel> tunnelsMade = new TreeMap<>();
    private final SortedMap<SessionKey, Session> sessionsGoing = new TreeMap<>();
    private final SortedMap<SessionKey, Session> sessionsMade = new TreeMap<>();
    private final Set<String> interfacesGoing = new HashSet<>();
    private final Set<String> interfacesMade = new HashSet<>();
    private final Map<String, Boolean> linksGoing = new TreeMap<>();

    private final List<Change> changes = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();

    private Restore(Before before, NetworkState live, Set<ObjectRef> left) {
        this.scope = before.scope();
        this.was = before.state();
        this.live = live;
        this.left = left;
        decideTunnels();
        decideSessions();
    }

    /**
     * The changes that make the scope's objects in {@code live} what they were in {@code before}:
     * made again with every field, deleted if they did not exist, settings put back. {@code recordNow}:
     * the state record now, for the l2spec types the kernel does not report. Objects in
     * {@code leaveAsTheyAre} and everything that depends on them are not touched; each gets a Note saying so.
     * So is an object whose restore would remove or make one of those (a tunnel whose session is left
     * alone, a session whose interface is, a bridge whose port is).
     */
    public static Plan plan(Before before, NetworkState live, Ownership recordNow, Set<ObjectRef> leaveAsTheyAre) {
        NetworkState known = withRecordedL2spec(live, recordNow);
        Map<ObjectRef, String> leftBecause = new LinkedHashMap<>();
        Set<ObjectRef> asked = new TryScope(Set.of(), Set.of(), Set.of()).with(leaveAsTheyAre).refs();
        asked.forEach(ref -> leftBecause.put(ref, "as asked"));
        Dependents dependents = new Dependents(before, live);
        asked.forEach(ref -> dependents.leave(ref, "as asked", leftBecause));
        while (true) {
            Restore restore = new Restore(before, known, leftBecause.keySet());
            if (leftBecause.isEmpty()) {
                return restore.write(leftBecause, asked);
            }
            boolean more = false;
            for (ObjectRef touched : restore.touched()) {
                Optional<ObjectRef> hurt = dependents.of(touched).stream()
                        .filter(d -> !d.equals(touched) && leftBecause.containsKey(d)).findFirst();
                if (hurt.isPresent()) {
                    dependents.leave(touched, "restoring it would change " + hurt.get() + ", which is left as it is",
                            leftBecause);
                    more = true;
                }
            }
            if (!more) {
                return restore.write(leftBecause, asked);
            }
        }
    }

    /**
     * The objects that cannot be restored without {@code ref}: itself, a tunnel's sessions, a
     * session's interface, the vlans on a link (transitively), a bridge's ports; as before the try
     * and as now.
     */
    public static Set<ObjectRef> dependents(ObjectRef ref, Before before, NetworkState live) {
        return new Dependents(before, live).of(ref);
    }

    /** Who stands on whom, before and now, indexed once: a plan asks for every object it touches. */
    private static final class Dependents {
        private final Map<Long, Set<SessionKey>> sessionsOfTunnel = new HashMap<>();
        private final Map<SessionKey, Set<String>> interfacesOfSession = new HashMap<>();
        /** The vlans on a link and the ports of a bridge, by that link's name. */
        private final Map<String, Set<String>> standingOn = new HashMap<>();

        Dependents(Before before, NetworkState live) {
            for (NetworkState state : List.of(before.state(), live)) {
                for (Session s : state.sessions().values()) {
                    sessionsOfTunnel.computeIfAbsent(s.tunnelId(), k -> new TreeSet<>()).add(s.key());
                    interfacesOfSession.computeIfAbsent(s.key(), k -> new TreeSet<>()).add(s.interfaceName());
                }
                for (Link l : state.links().values()) {
                    Stream.concat(l.vlan().map(Link.VlanOf::link).stream(), l.master().stream())
                            .forEach(under -> standingOn.computeIfAbsent(under, k -> new TreeSet<>()).add(l.name()));
                }
            }
        }

        Set<ObjectRef> of(ObjectRef ref) {
            Set<ObjectRef> found = new LinkedHashSet<>();
            Deque<ObjectRef> next = new ArrayDeque<>(List.of(ref));
            while (!next.isEmpty()) {
                ObjectRef r = next.removeFirst();
                if (!found.add(r)) {
                    continue;
                }
                if (r instanceof ObjectRef.TunnelRef t) {
                    sessionsOfTunnel.getOrDefault(t.tunnelId(), Set.of()).forEach(k -> next.add(new ObjectRef.SessionRef(k)));
                } else if (r instanceof ObjectRef.SessionRef s) {
                    interfacesOfSession.getOrDefault(s.key(), Set.of()).forEach(n -> next.add(new ObjectRef.LinkRef(n)));
                } else {
                    standingOn.getOrDefault(((ObjectRef.LinkRef) r).name(), Set.of())
                            .forEach(n -> next.add(new ObjectRef.LinkRef(n)));
                }
            }
            return Collections.unmodifiableSet(found);
        }

        void leave(ObjectRef ref, String why, Map<ObjectRef, String> left) {
            for (ObjectRef d : of(ref)) {
                left.putIfAbsent(d, d.equals(ref) ? why
                        : "it cannot be restored without " + ref + ", which is left as it is");
            }
        }
    }

    private static NetworkState withRecordedL2spec(NetworkState live, Ownership record) {
        Map<SessionKey, Session> sessions = new TreeMap<>();
        live.sessions().forEach((key, s) -> sessions.put(key, Before.withRecordedL2spec(s, record)));
        return NetworkState.of(live.tunnels(), sessions, live.links(), live.foreignPorts());
    }

    // ---- what happens to each object ----

    private void decideTunnels() {
        for (long id : scope.tunnels()) {
            if (left.contains(new ObjectRef.TunnelRef(id))) {
                continue;
            }
            Tunnel b = was.tunnels().get(id);
            Tunnel l = live.tunnels().get(id);
            if (l != null && !l.equals(b)) {
                tunnelsGoing.put(id, l);
            }
            if (b != null && (l == null || tunnelsGoing.containsKey(id))) {
                tunnelsMade.put(id, b);
            }
        }
    }

    /** The scope's sessions, and every session now in a tunnel that goes (the kernel closes them with it). */
    private void decideSessions() {
        Set<SessionKey> keys = new TreeSet<>(scope.sessions());
        live.sessions().keySet().stream().filter(k -> tunnelsGoing.containsKey(k.tunnelId())).forEach(keys::add);
        for (SessionKey key : keys) {
            if (left.contains(new ObjectRef.SessionRef(key))) {
                continue;
            }
            Session b = was.sessions().get(key);
            Session l = live.sessions().get(key);
            if (l != null && (tunnelsGoing.containsKey(key.tunnelId()) || b == null || !FieldDiff.session(l, b).isEmpty())) {
                sessionsGoing.put(key, l);
                interfacesGoing.add(l.interfaceName());
            }
            if (b != null && (l == null || sessionsGoing.containsKey(key))) {
                sessionsMade.put(key, b);
                interfacesMade.add(b.interfaceName());
            }
        }
    }

    /**
     * A link now in the kernel that will not be there as it is once the rollback ran: a session
     * interface whose session goes, a bridge or vlan of the scope that did not exist, was of another
     * kind or on another link, or stands on a link that goes.
     */
    private boolean goes(String name) {
        Boolean known = linksGoing.get(name);
        if (known != null) {
            return known;
        }
        linksGoing.put(name, false); // a vlan loop (the kernel has none) ends here
        Link l = live.links().get(name);
        boolean goes = l != null && switch (l.kind()) {
            case SESSION -> interfacesGoing.contains(name);
            case OTHER -> false;
            case BRIDGE, VLAN -> scope.links().contains(name) && !left.contains(new ObjectRef.LinkRef(name))
                    && linkWhy(was.links().get(name), l).isPresent();
        };
        linksGoing.put(name, goes);
        return goes;
    }

    /** Why a bridge or vlan now in the kernel is not the one that was there, if it is not. */
    private Optional<String> linkWhy(Link b, Link l) {
        if (b == null) {
            return Optional.of(NOT_THERE_BEFORE);
        }
        if (b.kind() != l.kind()) {
            return Optional.of(AS_BEFORE + "was a " + kind(b) + ", is a " + kind(l));
        }
        if (!b.vlan().equals(l.vlan())) {
            return Optional.of(AS_BEFORE + "was " + vlanText(b) + ", is " + vlanText(l));
        }
        Optional<String> parent = l.vlan().map(Link.VlanOf::link).filter(this::goes);
        return parent.map(p -> "its link " + p + " is deleted" + (made(p) ? " and made again" : ""));
    }

    /** A bridge or vlan (or session interface) this rollback makes, new or again. */
    private boolean made(String name) {
        if (interfacesMade.contains(name)) {
            return true;
        }
        Link b = was.links().get(name);
        Link l = live.links().get(name);
        return b != null && isBridgeOrVlan(b) && !left.contains(new ObjectRef.LinkRef(name))
                && (l == null || goes(name));
    }

    /** What this rollback deletes or makes (a session made makes its interface). */
    private Set<ObjectRef> touched() {
        Set<ObjectRef> touched = new LinkedHashSet<>();
        tunnelsGoing.keySet().forEach(id -> touched.add(new ObjectRef.TunnelRef(id)));
        Stream.concat(sessionsGoing.keySet().stream(), sessionsMade.keySet().stream())
                .forEach(key -> touched.add(new ObjectRef.SessionRef(key)));
        for (String name : scope.links()) {
            Link l = live.links().get(name);
            if (l != null && isBridgeOrVlan(l) && goes(name)) {
                touched.add(new ObjectRef.LinkRef(name));
            }
        }
        return touched;
    }

    // ---- the changes ----

    private Plan write(Map<ObjectRef, String> leftBecause, Set<ObjectRef> asked) {
        tunnels();
        sessions();
        scope.links().stream().filter(name -> !left.contains(new ObjectRef.LinkRef(name))).forEach(this::link);
        goingWithTheirLink();
        for (ObjectRef ref : new TryScope(Set.of(), Set.of(), Set.of()).with(leftBecause.keySet()).refs()) {
            if (scope.contains(ref) || asked.contains(ref)) {
                notes.add(new Note(ref, "left as it is: " + leftBecause.get(ref), Optional.empty()));
            }
        }
        return new Plan(inOrder(), notes, List.of(), List.of());
    }

    /**
     * ChangeOrder's order, with links made parents first as they were and deleted children first
     * as they are now: a try may have turned a vlan's link into a vlan on it (the kernel removes
     * the child with its parent, so the child's own delete must come first).
     */
    private List<Change> inOrder() {
        List<Change> sorted = ChangeOrder.sort(changes, was.links(), live.links());
        List<Change> deletes = sorted.stream().filter(c -> c.phase() == Phase.DELETE_LINKS).toList();
        List<Change> inOrder = new ArrayList<>(sorted.stream().filter(c -> c.phase().compareTo(Phase.DELETE_LINKS) < 0)
                .toList());
        inOrder.addAll(ChangeOrder.sort(deletes, live.links(), live.links()));
        inOrder.addAll(sorted.stream().filter(c -> c.phase().compareTo(Phase.DELETE_LINKS) > 0).toList());
        return inOrder;
    }

    private void tunnels() {
        for (long id : keysOf(tunnelsGoing, tunnelsMade)) {
            Tunnel l = tunnelsGoing.get(id);
            Tunnel b = tunnelsMade.get(id);
            String why = l == null ? NOT_IN_THE_KERNEL
                    : b == null ? NOT_THERE_BEFORE
                    : AS_BEFORE + Diff.join(FieldDiff.tunnel(l, b)) + "; a tunnel cannot change in place";
            if (l != null) {
                changes.add(new Change.DeleteTunnel(l, why, Optional.empty()));
            }
            if (b != null) {
                changes.add(new Change.CreateTunnel(b, why, Optional.empty()));
            }
        }
    }

    /** Deleted before their tunnel, explicitly, as the planner does: each can be undone and waited for. */
    private void sessions() {
        for (SessionKey key : keysOf(sessionsGoing, sessionsMade)) {
            Session l = sessionsGoing.get(key);
            Session b = sessionsMade.get(key);
            String why = tunnelsGoing.containsKey(key.tunnelId())
                    ? (tunnelsMade.containsKey(key.tunnelId()) ? "its tunnel is made again" : "its tunnel is deleted")
                    : l == null ? NOT_IN_THE_KERNEL
                    : b == null ? NOT_THERE_BEFORE
                    : AS_BEFORE + Diff.join(FieldDiff.session(l, b)) + "; only sequencing changes in place";
            if (l != null) {
                changes.add(new Change.DeleteSession(l, Optional.ofNullable(live.links().get(l.interfaceName())), why,
                        Optional.empty()));
            }
            if (b != null) {
                changes.add(new Change.CreateSession(b, why, Optional.empty()));
                Optional.ofNullable(was.links().get(b.interfaceName())).ifPresent(i -> settings(i, Optional.empty()));
            }
        }
        for (SessionKey key : scope.sessions()) {
            Session b = was.sessions().get(key);
            Session l = live.sessions().get(key);
            if (b != null && l != null && !sessionsGoing.containsKey(key) && !left.contains(new ObjectRef.SessionRef(key))
                    && b.sequencing() != l.sequencing()) {
                changes.add(new Change.ModifySession(l, b, AS_BEFORE + "sequencing " + l.sequencing().keyword() + " -> "
                        + b.sequencing().keyword(), Optional.empty()));
            }
        }
    }

    private void link(String name) {
        Link b = was.links().get(name);
        Link l = live.links().get(name);
        ObjectRef ref = new ObjectRef.LinkRef(name);
        if (l != null && isBridgeOrVlan(l) && goes(name)) {
            delete(l);
        }
        if (interfacesMade.contains(name)) {
            return; // its settings come with its session
        }
        if (b == null) {
            if (l != null && !goes(name)) {
                notes.add(new Note(ref, "not there before the try, and not a " + kind(l)
                        + " the rollback deletes: left as it is", Optional.empty()));
            }
            return;
        }
        if (b.kind() == LinkKind.OTHER) {
            if (l == null) {
                notes.add(new Note(ref, "not in the kernel now; jl2tp does not make such a link: nothing to put back",
                        Optional.empty()));
            } else {
                master(name, l.master(), b.master());
            }
            return;
        }
        if (made(name)) {
            changes.add(new Change.CreateLink(b, l == null ? NOT_IN_THE_KERNEL : linkWhy(b, l).orElseThrow(),
                    Optional.empty()));
            settings(b, Optional.empty());
        } else if (l != null && l.kind() == b.kind() && !goes(name)) {
            settings(b, Optional.of(l));
        } else {
            notes.add(new Note(ref, "cannot be made again as it was (a " + kind(b) + "): "
                    + (l == null || goes(name) ? "its session is not made again" : "the name is taken by a " + kind(l)),
                    Optional.empty()));
        }
    }

    /**
     * A bridge's ports that stay are detached first, in their own step, as the planner does (the
     * kernel would detach them with the delete, but then an undo could not put them back).
     */
    private void delete(Link l) {
        for (Link port : live.links().values()) {
            if (port.master().equals(Optional.of(l.name())) && !goes(port.name())
                    && !left.contains(new ObjectRef.LinkRef(port.name()))) {
                changes.add(new Change.SetMaster(port.name(), port.master(), Optional.empty(), "its bridge " + l.name()
                        + " is deleted" + (made(l.name()) ? " and made again" : ""), Optional.empty()));
            }
        }
        changes.add(new Change.DeleteLink(l, Optional.of(l), linkWhy(was.links().get(l.name()), l).orElseThrow(),
                Optional.empty()));
    }

    /** A vlan made meanwhile, outside the scope, on a link the rollback deletes: worth a word. */
    private void goingWithTheirLink() {
        for (Link l : live.links().values()) {
            Optional<String> parent = l.vlan().map(Link.VlanOf::link).filter(this::goes);
            if (!scope.links().contains(l.name()) && parent.isPresent()) {
                notes.add(new Note(new ObjectRef.LinkRef(l.name()), "vlan made outside the try on " + parent.get()
                        + ", which the rollback deletes: the kernel removes it with its link", Optional.empty()));
            }
        }
    }

    /**
     * A link's in-place settings back as they were, against what it has now ({@code current} empty:
     * a link the rollback makes, which starts down, with no master, no addresses, the kernel's mtu).
     */
    private void settings(Link b, Optional<Link> current) {
        String name = b.name();
        OptionalInt mtuNow = current.map(Link::mtu).orElse(OptionalInt.empty());
        if (b.mtu().isPresent() && !mtuNow.equals(b.mtu())) {
            changes.add(new Change.SetMtu(name, mtuNow, b.mtu().getAsInt(), AS_BEFORE + "mtu "
                    + (mtuNow.isPresent() ? mtuNow.getAsInt() + " -> " : "") + b.mtu().getAsInt(), Optional.empty()));
        }
        master(name, current.flatMap(Link::master), b.master());
        List<InterfaceAddress> addressesNow = current.map(Link::addresses).orElse(List.of());
        for (InterfaceAddress a : addressesNow) {
            if (!b.addresses().contains(a) && !Addresses.isKernelMade(a)) {
                changes.add(new Change.DeleteAddress(name, a, AS_BEFORE + "not on " + name, Optional.empty()));
            }
        }
        for (InterfaceAddress a : b.addresses()) {
            if (!addressesNow.contains(a) && !Addresses.isKernelMade(a)) {
                changes.add(new Change.AddAddress(name, a, AS_BEFORE + "on " + name, Optional.empty()));
            }
        }
        boolean upNow = current.map(Link::up).orElse(false);
        if (upNow != b.up()) {
            changes.add(new Change.SetUp(name, b.up(), AS_BEFORE + (upNow ? "up" : "down") + " -> "
                    + (b.up() ? "up" : "down"), Optional.empty()));
        }
    }

    /** A bridge that goes has had its ports detached already ({@link #delete}). */
    private void master(String name, Optional<String> now, Optional<String> was) {
        Optional<String> after = now.filter(bridge -> !goes(bridge));
        if (!after.equals(was)) {
            changes.add(new Change.SetMaster(name, after, was, AS_BEFORE + "master " + after.orElse("none") + " -> "
                    + was.orElse("none"), Optional.empty()));
        }
    }

    /** The objects deleted or made, in their order. */
    private static <K> Set<K> keysOf(SortedMap<K, ?> going, SortedMap<K, ?> made) {
        Set<K> keys = new TreeSet<>(going.keySet());
        keys.addAll(made.keySet());
        return keys;
    }

    private static boolean isBridgeOrVlan(Link link) {
        return link.kind() == LinkKind.BRIDGE || link.kind() == LinkKind.VLAN;
    }

    private static String kind(Link link) {
        return Change.Describe.kind(link);
    }

    private static String vlanText(Link link) {
        return link.vlan().map(v -> "vlan " + v.id() + " on " + v.link()).orElse("no vlan");
    }
}
