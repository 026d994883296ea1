package net.jl2tp.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jl2tp.apply.StateRecord;
import net.jl2tp.config.SourceMark;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;

/**
 * Works out what to change so that the kernel matches the config. A pure function: no I/O, no
 * clock, no kernel. Only what differs is in the plan; an identical live state gives an empty plan.
 *
 * <p>Rules: a tunnel has no in-place change, so any difference recreates it with its sessions; a
 * session changes sequencing in place and is recreated for anything else; link settings (mtu, up,
 * master, addresses) change in place. Objects neither in the config nor in the state record are
 * foreign: left alone and listed, or deleted with {@code prune} when they are L2TP objects.
 */
public final class Planner {
    private final Desired desired;
    private final NetworkState want;
    private final NetworkState live;
    private final NetworkState owned;
    private final boolean prune;

    private final List<Change> changes = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();
    private final List<Warning> warnings = new ArrayList<>();
    /** Tunnels whose kernel object goes away in this plan (deleted, or deleted to be recreated). */
    private final Set<Long> tunnelsGoing = new HashSet<>();
    /** Sessions created in this plan (new or recreated): their interfaces start from kernel defaults. */
    private final Set<String> freshSessionInterfaces = new HashSet<>();
    /** Interfaces that go away with a session deleted in this plan. */
    private final Set<String> sessionInterfacesGoing = new HashSet<>();
    /** Bridges and vlans deleted in this plan (including those recreated). */
    private final Set<String> linksGoing = new HashSet<>();
    /** Tunnels the config wants whose id a foreign tunnel holds: their sessions are not planned. */
    private final Set<Long> tunnelsInConflict = new HashSet<>();
    /** Bridges and vlans created in this plan. */
    private final Set<String> linksCreated = new HashSet<>();

    private Planner(Desired desired, NetworkState live, StateRecord record, boolean prune) {
        this.desired = desired;
        this.want = desired.state();
        this.live = live;
        this.owned = record.owned();
        this.prune = prune;
        this.warnings.addAll(desired.warnings());
    }

    public static Plan plan(Desired desired, NetworkState live, StateRecord record, boolean prune) {
        Planner planner = new Planner(desired, live, record, prune);
        planner.tunnels();
        planner.sessions();
        planner.links();
        planner.foreignPorts();
        planner.bridgePortMtus();
        return new Plan(planner.order(planner.changes), planner.notes, planner.conflicts, planner.warnings);
    }

    // ---- tunnels ----

    private void tunnels() {
        for (long id : union(want.tunnels().keySet(), live.tunnels().keySet())) {
            Tunnel w = want.tunnels().get(id);
            Tunnel l = live.tunnels().get(id);
            ObjectRef ref = new ObjectRef.TunnelRef(id);
            boolean mine = owned.tunnels().containsKey(id);
            if (l == null) {
                changes.add(new Change.CreateTunnel(w, "not in the kernel", mark(ref)));
            } else if (w == null) {
                if (mine || prune) {
                    tunnelsGoing.add(id);
                    changes.add(new Change.DeleteTunnel(l, mine ? "no longer in the config"
                            : "made outside jl2tp and not in the config (--prune)", Optional.empty()));
                } else {
                    notes.add(new Note(ref, "made outside jl2tp and not in the config: left alone (--prune deletes it)",
                            Optional.empty()));
                }
            } else {
                List<String> diffs = FieldDiff.tunnel(l, w);
                if (diffs.isEmpty()) {
                    if (!mine) {
                        changes.add(new Change.Adopt(ref, onlyTunnel(w), "made outside jl2tp; every field matches the config",
                                mark(ref)));
                    }
                } else if (mine || prune) {
                    String why = String.join(", ", diffs) + "; a tunnel cannot change in place";
                    tunnelsGoing.add(id);
                    changes.add(new Change.DeleteTunnel(l, why, mark(ref, FieldDiff.firstKey(diffs))));
                    changes.add(new Change.CreateTunnel(w, why, mark(ref, FieldDiff.firstKey(diffs))));
                } else {
                    tunnelsInConflict.add(id);
                    conflicts.add(new Conflict(ref, "tunnel-id " + id + " is taken by a tunnel jl2tp did not make, "
                            + "and it differs: " + String.join(", ", diffs)
                            + "; delete it, or run with --prune to replace it", mark(ref, "tunnel-id")));
                }
            }
        }
    }

    // ---- sessions ----

    private void sessions() {
        for (SessionKey key : union(want.sessions().keySet(), live.sessions().keySet())) {
            Session w = want.sessions().get(key);
            Session l = withRecordedFields(live.sessions().get(key));
            ObjectRef ref = new ObjectRef.SessionRef(key);
            boolean mine = owned.sessions().containsKey(key);
            if (tunnelsInConflict.contains(key.tunnelId())) {
                continue;
            }
            if (l != null && tunnelsGoing.contains(key.tunnelId())) {
                // Deleting a tunnel closes its sessions anyway; delete them first, explicitly, so
                // that each can be undone and waited for.
                boolean recreated = want.tunnels().containsKey(key.tunnelId());
                String why = recreated ? "its tunnel is recreated" : "its tunnel is deleted";
                if (!mine && w == null) {
                    why += " (this session was made outside jl2tp)";
                }
                deleteSession(l, why, Optional.empty());
                if (w != null) {
                    createSession(w, why);
                }
                continue;
            }
            if (l == null) {
                createSession(w, "not in the kernel");
            } else if (w == null) {
                if (mine || prune) {
                    deleteSession(l, mine ? "no longer in the config" : "made outside jl2tp and not in the config (--prune)",
                            Optional.empty());
                } else {
                    notes.add(new Note(ref, "made outside jl2tp and not in the config: left alone (--prune deletes it)",
                            Optional.empty()));
                }
            } else {
                List<String> diffs = FieldDiff.session(l, w);
                if (!diffs.isEmpty()) {
                    if (mine || prune) {
                        String why = String.join(", ", diffs) + "; only sequencing changes in place";
                        deleteSession(l, why, mark(ref, FieldDiff.firstKey(diffs)));
                        createSession(w, why);
                    } else {
                        conflicts.add(new Conflict(ref, "session-id " + key.sessionId() + " in tunnel " + key.tunnelId()
                                + " is taken by a session jl2tp did not make, and it differs: " + String.join(", ", diffs)
                                + "; delete it, or run with --prune to replace it", mark(ref, "session-id")));
                    }
                    continue;
                }
                if (l.sequencing() != w.sequencing()) {
                    changes.add(new Change.ModifySession(l, w, "sequencing " + l.sequencing().keyword() + " -> "
                            + w.sequencing().keyword(), mark(ref, "sequencing")));
                }
                if (!mine) {
                    String unchecked = l.l2specType().isEmpty()
                            ? "; the kernel does not report l2spec-type, so " + w.l2specType().get().keyword()
                                    + " is taken on trust" : "";
                    changes.add(new Change.Adopt(ref, onlySession(w), "made outside jl2tp; its reported fields match"
                            + unchecked, mark(ref)));
                }
            }
        }
    }

    /** The kernel does not report l2spec-type: for a session jl2tp made, the record knows it. */
    private Session withRecordedFields(Session live) {
        if (live == null || live.l2specType().isPresent()) {
            return live;
        }
        Session recorded = owned.sessions().get(live.key());
        if (recorded == null) {
            return live;
        }
        return new Session(live.tunnelId(), live.sessionId(), live.peerSessionId(), live.interfaceName(), live.cookie(),
                live.peerCookie(), recorded.l2specType(), live.sequencing());
    }

    private void deleteSession(Session session, String why, Optional<SourceMark> origin) {
        sessionInterfacesGoing.add(session.interfaceName());
        changes.add(new Change.DeleteSession(session, Optional.ofNullable(live.links().get(session.interfaceName())),
                why, origin));
    }

    private void createSession(Session session, String why) {
        freshSessionInterfaces.add(session.interfaceName());
        changes.add(new Change.CreateSession(session, why, mark(new ObjectRef.SessionRef(session.key()))));
    }

    // ---- links: session interfaces, bridges, vlans ----

    private void links() {
        // Removals first, so that a port knows its bridge goes away.
        for (Link l : live.links().values()) {
            Link recorded = owned.links().get(l.name());
            if (!want.links().containsKey(l.name()) && recorded != null && recorded.kind() == l.kind()) {
                deleteLink(l, "no longer in the config", Optional.empty());
            }
        }
        // Parents before children, so that a vlan knows whether its link is recreated.
        for (String name : parentsFirst(want.links())) {
            Link w = want.links().get(name);
            if (w.kind() == LinkKind.SESSION) {
                sessionInterface(w);
            } else {
                bridgeOrVlan(w);
            }
        }
        for (Link l : live.links().values()) {
            if (want.links().containsKey(l.name()) || linksGoing.contains(l.name())) {
                continue;
            }
            if (l.kind() == LinkKind.VLAN && l.vlan().isPresent() && goesAway(l.vlan().get().link())) {
                notes.add(new Note(new ObjectRef.LinkRef(l.name()), "vlan made outside jl2tp on " + l.vlan().get().link()
                        + ": the kernel removes it with its link", Optional.empty()));
            }
        }
    }

    private void sessionInterface(Link w) {
        ObjectRef ref = new ObjectRef.LinkRef(w.name());
        if (freshSessionInterfaces.contains(w.name())) {
            Link taken = live.links().get(w.name());
            if (taken != null && !sessionInterfacesGoing.contains(w.name()) && !linksGoing.contains(w.name())) {
                conflicts.add(new Conflict(ref, "interface name " + w.name() + " is taken by "
                        + (taken.kind() == LinkKind.OTHER ? "an interface" : "a " + describeKind(taken))
                        + " jl2tp did not make; rename the session or remove that interface", mark(ref)));
            }
            settings(w, Optional.empty());
            return;
        }
        settings(w, Optional.ofNullable(live.links().get(w.name())));
    }

    private void bridgeOrVlan(Link w) {
        ObjectRef ref = new ObjectRef.LinkRef(w.name());
        Link l = live.links().get(w.name());
        boolean mine = owned.links().containsKey(w.name());
        if (w.vlan().isPresent()) {
            String parent = w.vlan().get().link();
            if (!want.links().containsKey(parent) && (!live.links().containsKey(parent) || goesAway(parent))) {
                conflicts.add(new Conflict(ref, "vlan " + w.name() + ": link " + parent
                        + " is neither in the config nor in the kernel", mark(ref, "link")));
                return;
            }
        }
        if (l == null) {
            createLink(w, "not in the kernel");
            return;
        }
        if (l.kind() != w.kind()) {
            if (mine) {
                deleteLink(l, "is a " + describeKind(l) + ", the config wants a " + describeKind(w), mark(ref));
                createLink(w, "is a " + describeKind(l) + ", the config wants a " + describeKind(w));
            } else {
                conflicts.add(new Conflict(ref, "interface name " + w.name() + " is taken by a link jl2tp did not make ("
                        + describeKind(l) + "); rename the " + describeKind(w) + " or remove that link", mark(ref)));
            }
            return;
        }
        List<String> diffs = new ArrayList<>();
        if (w.vlan().isPresent() && !w.vlan().equals(l.vlan())) {
            l.vlan().ifPresent(v -> {
                if (!v.link().equals(w.vlan().get().link())) {
                    diffs.add("link " + v.link() + " -> " + w.vlan().get().link());
                }
                if (v.id() != w.vlan().get().id()) {
                    diffs.add("id " + v.id() + " -> " + w.vlan().get().id());
                }
            });
        }
        boolean parentRecreated = w.vlan().map(v -> isFresh(v.link())).orElse(false);
        if (!diffs.isEmpty() || parentRecreated) {
            String why = parentRecreated ? "its link " + w.vlan().get().link() + " is recreated"
                    : String.join(", ", diffs) + "; a vlan cannot change in place";
            if (mine || prune || parentRecreated) {
                deleteLink(l, why, mark(ref, diffs.isEmpty() ? "link" : FieldDiff.firstKey(diffs)));
                createLink(w, why);
            } else {
                conflicts.add(new Conflict(ref, "vlan " + w.name() + " exists, made outside jl2tp, and differs: " + why,
                        mark(ref)));
            }
            return;
        }
        if (!mine) {
            changes.add(new Change.Adopt(ref, onlyLink(w), "made outside jl2tp; " + describeKind(w) + " matches the config",
                    mark(ref)));
        }
        settings(w, Optional.of(l));
    }

    private void createLink(Link w, String why) {
        linksCreated.add(w.name());
        changes.add(new Change.CreateLink(w, why, mark(new ObjectRef.LinkRef(w.name()))));
        settings(w, Optional.empty());
    }

    private void deleteLink(Link l, String why, Optional<SourceMark> origin) {
        linksGoing.add(l.name());
        changes.add(new Change.DeleteLink(l, Optional.of(l), why, origin));
    }

    /**
     * The in-place settings of a link, against what it has now ({@code current} empty: a link this
     * plan creates, which starts down, with no master, no addresses and the kernel's mtu).
     */
    private void settings(Link w, Optional<Link> current) {
        ObjectRef ref = new ObjectRef.LinkRef(w.name());
        String name = w.name();
        OptionalInt mtuNow = current.map(Link::mtu).orElse(OptionalInt.empty());
        if (w.mtu().isPresent() && (mtuNow.isEmpty() || mtuNow.getAsInt() != w.mtu().getAsInt())) {
            String why = (mtuNow.isPresent() ? "mtu " + mtuNow.getAsInt() + " -> " + w.mtu().getAsInt()
                    : "mtu " + w.mtu().getAsInt())
                    + Optional.ofNullable(desired.mtuReasons().get(name)).map(r -> "; " + r).orElse("");
            changes.add(new Change.SetMtu(name, mtuNow, w.mtu().getAsInt(), why, mark(ref, "mtu")));
        }
        Optional<String> masterNow = detachIfBridgeGoes(name, current.flatMap(Link::master), w.master());
        if (!masterNow.equals(w.master())) {
            changes.add(new Change.SetMaster(name, masterNow, w.master(), "master " + masterNow.orElse("none") + " -> "
                    + w.master().orElse("none"), w.master().flatMap(b -> mark(new ObjectRef.LinkRef(b), "interfaces"))));
        }
        List<InterfaceAddress> addressesNow = current.map(Link::addresses).orElse(List.of());
        for (InterfaceAddress a : addressesNow) {
            if (!w.addresses().contains(a) && !Addresses.isKernelMade(a)) {
                changes.add(new Change.DeleteAddress(name, a, "not in the config", mark(ref, "addresses")));
            }
        }
        for (InterfaceAddress a : w.addresses()) {
            if (!addressesNow.contains(a) && (w.up() || !Addresses.waitsForUp(a))) {
                changes.add(new Change.AddAddress(name, a, "not on " + name, mark(ref, "addresses")));
            }
        }
        boolean upNow = current.map(Link::up).orElse(false);
        if (upNow != w.up()) {
            changes.add(new Change.SetUp(name, w.up(), (upNow ? "up" : "down") + " -> " + (w.up() ? "up" : "down"),
                    mark(ref, "up")));
        }
    }

    // ---- foreign bridge ports ----

    private void foreignPorts() {
        for (Map.Entry<String, String> e : want.foreignPorts().entrySet()) {
            String port = e.getKey();
            String bridge = e.getValue();
            ObjectRef bridgeRef = new ObjectRef.LinkRef(bridge);
            Link l = live.links().get(port);
            if (l == null || goesAway(port)) {
                conflicts.add(new Conflict(new ObjectRef.LinkRef(port), "bridge " + bridge + ": port " + port
                        + " is neither in the config nor in the kernel", mark(bridgeRef, "interfaces")));
                continue;
            }
            Optional<String> masterNow = detachIfBridgeGoes(port, l.master(), Optional.of(bridge));
            if (!masterNow.equals(Optional.of(bridge))) {
                changes.add(new Change.SetMaster(port, masterNow, Optional.of(bridge), "master "
                        + masterNow.orElse("none") + " -> " + bridge, mark(bridgeRef, "interfaces")));
            }
        }
        // Links jl2tp does not manage: detached where jl2tp made them ports and the config no longer
        // does, and wherever their bridge goes away (explicitly, so that an undo can put them back).
        for (Link l : live.links().values()) {
            String port = l.name();
            if (want.links().containsKey(port) || want.foreignPorts().containsKey(port) || goesAway(port)
                    || l.master().isEmpty()) {
                continue;
            }
            String bridge = l.master().get();
            if (goesAway(bridge)) {
                changes.add(new Change.SetMaster(port, l.master(), Optional.empty(), "its bridge " + bridge
                        + " is deleted; the link itself is not jl2tp's and stays as it is", Optional.empty()));
            } else if (bridge.equals(owned.foreignPorts().get(port))) {
                changes.add(new Change.SetMaster(port, l.master(), Optional.empty(), "no longer a port in the config; "
                        + "the link itself is not jl2tp's and stays as it is", Optional.empty()));
            }
        }
    }

    /**
     * A port whose bridge this plan deletes is detached first, in its own step (the kernel would
     * detach it with the delete, but then an undo could not put it back). Returns its master after that.
     */
    private Optional<String> detachIfBridgeGoes(String port, Optional<String> masterNow, Optional<String> wanted) {
        if (masterNow.isEmpty() || !goesAway(masterNow.get())) {
            return masterNow;
        }
        String bridge = masterNow.get();
        changes.add(new Change.SetMaster(port, masterNow, Optional.empty(), "its bridge " + bridge + " is deleted"
                + (wanted.equals(masterNow) ? " and made again" : ""), Optional.empty()));
        return Optional.empty();
    }

    // ---- warnings ----

    /**
     * A bridge forwards a frame only if it fits the MTU of the port it leaves by: ports of different
     * MTUs mean that frames from the larger side are silently dropped on the smaller.
     */
    private void bridgePortMtus() {
        // Ports by bridge, in one pass: looking for each bridge's ports among all links grew with
        // bridges x links.
        Map<String, TreeMap<String, Integer>> mtusByBridge = new HashMap<>();
        for (Link bridge : want.links().values()) {
            if (bridge.kind() == LinkKind.BRIDGE) {
                mtusByBridge.put(bridge.name(), new TreeMap<>());
            }
        }
        for (Link l : want.links().values()) {
            TreeMap<String, Integer> mtus = l.master().map(mtusByBridge::get).orElse(null);
            if (mtus != null) {
                mtuAfterPlan(l.name()).ifPresent(mtu -> mtus.put(l.name(), mtu));
            }
        }
        want.foreignPorts().forEach((port, b) -> {
            TreeMap<String, Integer> mtus = mtusByBridge.get(b);
            if (mtus != null) {
                mtuAfterPlan(port).ifPresent(mtu -> mtus.put(port, mtu));
            }
        });
        for (Link bridge : want.links().values()) {
            if (bridge.kind() != LinkKind.BRIDGE) {
                continue;
            }
            TreeMap<String, Integer> mtus = mtusByBridge.get(bridge.name());
            if (new HashSet<>(mtus.values()).size() > 1) {
                int smallest = mtus.values().stream().min(Integer::compare).get();
                List<String> ports = mtus.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
                ObjectRef ref = new ObjectRef.LinkRef(bridge.name());
                warnings.add(new Warning(ref, "bridge " + bridge.name() + " has ports of different MTUs ("
                        + String.join(", ", ports) + "): a bridge drops frames larger than the MTU of the port they "
                        + "leave by, so hosts behind the larger ports must send no frame over " + smallest + " bytes",
                        mark(ref, "interfaces")));
            }
        }
    }

    /** A link's MTU once the plan ran, as far as it is known: wanted, else kept, else a vlan's parent's. */
    private OptionalInt mtuAfterPlan(String name) {
        Link w = want.links().get(name);
        if (w != null && w.mtu().isPresent()) {
            return w.mtu();
        }
        Link l = live.links().get(name);
        if (l != null && !goesAway(name) && !isFresh(name)) {
            return l.mtu();
        }
        if (w != null && w.vlan().isPresent() && !w.vlan().get().link().equals(name)) {
            return mtuAfterPlan(w.vlan().get().link());
        }
        return OptionalInt.empty();
    }

    // ---- helpers ----

    /** A link that will not exist as it is now once the plan ran (deleted, or deleted and made again). */
    private boolean goesAway(String name) {
        return linksGoing.contains(name) || sessionInterfacesGoing.contains(name);
    }

    /** A link that this plan creates (or recreates). */
    private boolean isFresh(String name) {
        return freshSessionInterfaces.contains(name) || linksCreated.contains(name);
    }

    private Optional<SourceMark> mark(ObjectRef ref) {
        return desired.markOf(ref);
    }

    private Optional<SourceMark> mark(ObjectRef ref, String key) {
        return desired.markOf(ref, key);
    }

    private static String describeKind(Link l) {
        return switch (l.kind()) {
            case SESSION -> "L2TP session interface";
            case BRIDGE -> "bridge";
            case VLAN -> "vlan";
            case OTHER -> "link";
        };
    }

    private static NetworkState onlyTunnel(Tunnel t) {
        return NetworkState.of(Map.of(t.tunnelId(), t), Map.of(), Map.of(), Map.of());
    }

    private static NetworkState onlySession(Session s) {
        return NetworkState.of(Map.of(), Map.of(s.key(), s), Map.of(), Map.of());
    }

    private static NetworkState onlyLink(Link l) {
        return NetworkState.of(Map.of(), Map.of(), Map.of(l.name(), l), Map.of());
    }

    private static <K extends Comparable<K>> TreeSet<K> union(Set<K> a, Set<K> b) {
        TreeSet<K> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Link names with every vlan after the link it stands on; otherwise by name. */
    private static List<String> parentsFirst(Map<String, Link> links) {
        LinkedHashSet<String> ordered = new LinkedHashSet<>();
        for (String name : new TreeMap<>(links).keySet()) {
            visit(name, links, ordered, new HashSet<>());
        }
        return new ArrayList<>(ordered);
    }

    private static void visit(String name, Map<String, Link> links, Set<String> ordered, Set<String> path) {
        Link link = links.get(name);
        if (link == null || ordered.contains(name) || !path.add(name)) {
            return;
        }
        link.vlan().ifPresent(v -> visit(v.link(), links, ordered, path));
        ordered.add(name);
    }

    /**
     * Phase order, then a stable order inside each phase: by object; bridges and vlans by how many
     * links they stand on, parents first when adding and children first when removing (the kernel
     * removes a vlan with its link, so the child's own delete must come first).
     *
     * <p>Each change's key is worked out once, not at every comparison: formatting the ids there
     * made the sort of a 10 000-session plan take seconds.
     */
    private List<Change> order(List<Change> changes) {
        record Keyed(Change change, Phase phase, int depth, ObjectKey object) {
        }
        List<Keyed> keyed = new ArrayList<>(changes.size());
        for (Change c : changes) {
            int depth = 0;
            if (c instanceof Change.CreateLink create) {
                depth = depth(create.link().name());
            } else if (c instanceof Change.DeleteLink delete) {
                depth = -depth(delete.link().name());
            }
            keyed.add(new Keyed(c, c.phase(), depth, ObjectKey.of(c.target())));
        }
        keyed.sort(Comparator.comparing(Keyed::phase).thenComparingInt(Keyed::depth)
                .thenComparing(Keyed::object));
        return keyed.stream().map(Keyed::change).toList();
    }

    /**
     * The order of objects inside a phase: tunnels by id, then sessions by tunnel id and session id,
     * then links by name. (The same order as comparing "1 %010d", "2 %010d/%010d" and "3 " + name,
     * ids being unsigned 32-bit numbers.)
     */
    private record ObjectKey(int rank, long first, long second, String name) implements Comparable<ObjectKey> {
        private static final Comparator<ObjectKey> ORDER = Comparator.comparingInt(ObjectKey::rank)
                .thenComparingLong(ObjectKey::first).thenComparingLong(ObjectKey::second)
                .thenComparing(ObjectKey::name);

        static ObjectKey of(ObjectRef ref) {
            if (ref instanceof ObjectRef.TunnelRef t) {
                return new ObjectKey(1, t.tunnelId(), 0, "");
            }
            if (ref instanceof ObjectRef.SessionRef s) {
                return new ObjectKey(2, s.key().tunnelId(), s.key().sessionId(), "");
            }
            return new ObjectKey(3, 0, 0, ((ObjectRef.LinkRef) ref).name());
        }

        @Override
        public int compareTo(ObjectKey other) {
            return ORDER.compare(this, other);
        }
    }

    /** How many vlan levels a link stands on: 0 for anything that is not a vlan. */
    private int depth(String name) {
        int depth = 0;
        Set<String> seen = new HashSet<>();
        Optional<Link> link = linkNamed(name);
        while (link.isPresent() && link.get().vlan().isPresent() && seen.add(link.get().name())) {
            depth++;
            link = linkNamed(link.get().vlan().get().link());
        }
        return depth;
    }

    private Optional<Link> linkNamed(String name) {
        return Optional.ofNullable(want.links().get(name)).or(() -> Optional.ofNullable(live.links().get(name)));
    }
}
