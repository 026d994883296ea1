package net.jl2tp.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.jl2tp.model.Ownership;
import net.jl2tp.config.SourceMark;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;

/**
 * Works out what to change so that the kernel matches the config. A pure function: no I/O, no
 * clock, no kernel. Only what differs is in the plan; an identical live state gives an empty plan.
 *
 * <p>First every object's fate is decided ({@link Fates}: keep, adopt, create, delete, replace,
 * conflict, leave alone); then each fate is written out as changes, a conflict or a note, and each
 * link the config has gets its in-place settings (mtu, master, addresses, up) against what it will
 * start from. Objects neither in the config nor in the state record are foreign: left alone and
 * listed, or deleted with {@code prune} when they are L2TP objects.
 */
public final class Planner {
    private static final String FOREIGN_LEFT_ALONE =
            "made outside jl2tp and not in the config: left alone (--prune deletes it)";

    private final Desired desired;
    private final NetworkState want;
    private final NetworkState live;
    private final Fates fates;

    private final List<Change> changes = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();

    private Planner(Desired desired, NetworkState live, Fates fates) {
        this.desired = desired;
        this.want = desired.state();
        this.live = live;
        this.fates = fates;
    }

    public static Plan plan(Desired desired, NetworkState live, Ownership record, boolean prune) {
        Fates fates = Fates.decide(desired, live, record.owned(), prune);
        Planner planner = new Planner(desired, live, fates);
        // The fates are decided; this order is only the order of the notes and conflicts.
        planner.tunnels();
        planner.sessions();
        planner.links();
        planner.foreignPorts(record.owned().foreignPorts());
        List<Warning> warnings = new ArrayList<>(desired.warnings());
        warnings.addAll(BridgeMtuWarnings.of(desired, live, fates));
        return new Plan(ChangeOrder.sort(planner.changes, desired.state().links(), live.links()), planner.notes,
                planner.conflicts, warnings);
    }

    // ---- tunnels and sessions ----

    private void tunnels() {
        fates.tunnels().forEach((id, fate) -> fate.accept(new Written<Tunnel>(new ObjectRef.TunnelRef(id)) {
            public void create(Tunnel wanted, String why) {
                changes.add(new Change.CreateTunnel(wanted, why, mark(ref)));
            }

            public void delete(Tunnel live, String why, Optional<SourceMark> origin) {
                changes.add(new Change.DeleteTunnel(live, why, origin));
            }

            /** Made again for the field that differs, so both point at its line. */
            public void replace(Tunnel live, Tunnel wanted, String why, Optional<SourceMark> origin) {
                changes.add(new Change.DeleteTunnel(live, why, origin));
                changes.add(new Change.CreateTunnel(wanted, why, origin));
            }

            public void keep(Tunnel live, Tunnel wanted) {
            }

            NetworkState only(Tunnel t) {
                return NetworkState.of(Map.of(t.tunnelId(), t), Map.of(), Map.of(), Map.of());
            }
        }));
    }

    private void sessions() {
        fates.sessions().forEach((key, fate) -> fate.accept(new Written<Session>(new ObjectRef.SessionRef(key)) {
            public void create(Session wanted, String why) {
                changes.add(new Change.CreateSession(wanted, why, mark(ref)));
            }

            public void delete(Session live, String why, Optional<SourceMark> origin) {
                changes.add(new Change.DeleteSession(live, Optional.ofNullable(Planner.this.live.links()
                        .get(live.interfaceName())), why, origin));
            }

            /** Sequencing, the one field that changes in place. */
            public void keep(Session live, Session wanted) {
                if (live.sequencing() != wanted.sequencing()) {
                    changes.add(new Change.ModifySession(live, wanted, "sequencing " + live.sequencing().keyword() + " -> "
                            + wanted.sequencing().keyword(), mark(ref, "sequencing")));
                }
            }

            NetworkState only(Session s) {
                return NetworkState.of(Map.of(), Map.of(s.key(), s), Map.of(), Map.of());
            }
        }));
    }

    // ---- links: session interfaces, bridges, vlans ----

    private void links() {
        // The config's links in the order of their fates (each vlan after its link), so that their
        // conflicts read in that order; then the kernel's links beyond the config.
        for (String name : fates.wantedLinks()) {
            Link w = want.links().get(name);
            if (w.kind() == LinkKind.SESSION) {
                sessionInterface(w);
            } else {
                fates.link(name).accept(new LinkWritten(name));
            }
        }
        for (Link l : live.links().values()) {
            if (!want.links().containsKey(l.name())) {
                fates.link(l.name()).accept(new LinkWritten(l.name()));
            }
        }
    }

    /** A session interface comes and goes with its session; a fresh one starts from kernel defaults. */
    private void sessionInterface(Link w) {
        if (!fates.isFreshInterface(w.name())) {
            settings(w, Optional.ofNullable(live.links().get(w.name())));
            return;
        }
        Link taken = live.links().get(w.name());
        if (taken != null && !fates.goesAway(w.name())) {
            ObjectRef ref = new ObjectRef.LinkRef(w.name());
            conflicts.add(new Conflict(ref, "interface name " + w.name() + " is taken by "
                    + (taken.kind() == LinkKind.OTHER ? "an interface" : "a " + Change.Describe.kind(taken))
                    + " jl2tp did not make; rename the session or remove that interface", mark(ref)));
        }
        settings(w, Optional.empty());
    }

    /** A bridge or vlan: made, deleted or replaced itself; in-place settings when it stays or is made. */
    private final class LinkWritten extends Written<Link> {
        LinkWritten(String name) {
            super(new ObjectRef.LinkRef(name));
        }

        public void create(Link wanted, String why) {
            changes.add(new Change.CreateLink(wanted, why, mark(ref)));
            settings(wanted, Optional.empty());
        }

        public void delete(Link live, String why, Optional<SourceMark> origin) {
            changes.add(new Change.DeleteLink(live, Optional.of(live), why, origin));
        }

        public void keep(Link live, Link wanted) {
            settings(wanted, Optional.of(live));
        }

        /** Only a vlan on a link that goes is worth a word: the kernel removes it with its link. */
        public void leaveAlone(Link live) {
            if (live.kind() == LinkKind.VLAN && live.vlan().isPresent() && fates.goesAway(live.vlan().get().link())) {
                notes.add(new Note(ref, "vlan made outside jl2tp on " + live.vlan().get().link()
                        + ": the kernel removes it with its link", Optional.empty()));
            }
        }

        NetworkState only(Link l) {
            return NetworkState.of(Map.of(), Map.of(), Map.of(l.name(), l), Map.of());
        }
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

    /** @param portsMadeBefore the links that jl2tp made ports without owning them, by port to bridge */
    private void foreignPorts(Map<String, String> portsMadeBefore) {
        for (Map.Entry<String, String> e : want.foreignPorts().entrySet()) {
            String port = e.getKey();
            String bridge = e.getValue();
            ObjectRef bridgeRef = new ObjectRef.LinkRef(bridge);
            Link l = live.links().get(port);
            if (l == null || fates.goesAway(port)) {
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
            if (want.links().containsKey(port) || want.foreignPorts().containsKey(port) || fates.goesAway(port)
                    || l.master().isEmpty()) {
                continue;
            }
            String bridge = l.master().get();
            if (fates.goesAway(bridge)) {
                changes.add(new Change.SetMaster(port, l.master(), Optional.empty(), "its bridge " + bridge
                        + " is deleted; the link itself is not jl2tp's and stays as it is", Optional.empty()));
            } else if (bridge.equals(portsMadeBefore.get(port))) {
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
        if (masterNow.isEmpty() || !fates.goesAway(masterNow.get())) {
            return masterNow;
        }
        String bridge = masterNow.get();
        changes.add(new Change.SetMaster(port, masterNow, Optional.empty(), "its bridge " + bridge + " is deleted"
                + (wanted.equals(masterNow) ? " and made again" : ""), Optional.empty()));
        return Optional.empty();
    }

    // ---- what every kind writes alike ----

    /**
     * Writes one object's fate into the plan. What every kind does alike is here: a conflict, a
     * note for a foreign object left alone, an adoption (recorded, then in-place settings as kept),
     * a replacement (the delete, then the create); each kind writes its own creates and deletes.
     */
    private abstract class Written<T> implements Fate.Visitor<T> {
        final ObjectRef ref;

        Written(ObjectRef ref) {
            this.ref = ref;
        }

        /** The state record's entry for an adopted object: that object alone. */
        abstract NetworkState only(T wanted);

        public void adopt(T live, T wanted, String why) {
            changes.add(new Change.Adopt(ref, only(wanted), why, mark(ref)));
            keep(live, wanted);
        }

        public void replace(T live, T wanted, String why, Optional<SourceMark> origin) {
            delete(live, why, origin);
            create(wanted, why);
        }

        public void conflict(String message, Optional<SourceMark> origin) {
            conflicts.add(new Conflict(ref, message, origin));
        }

        public void leaveAlone(T live) {
            notes.add(new Note(ref, FOREIGN_LEFT_ALONE, Optional.empty()));
        }
    }

    private Optional<SourceMark> mark(ObjectRef ref) {
        return desired.markOf(ref);
    }

    private Optional<SourceMark> mark(ObjectRef ref, String key) {
        return desired.markOf(ref, key);
    }
}
