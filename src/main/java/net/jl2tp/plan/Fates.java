package net.jl2tp.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jl2tp.config.SourceMark;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;

/**
 * Every object's fate in one plan, decided before any change is written: tunnels first; then
 * sessions, which follow their tunnel's (a tunnel that goes takes its sessions with it, the
 * sessions of a tunnel in conflict are not planned); then the config's bridges and vlans, each vlan
 * after the link it stands on (a vlan on a link made again is made again), and the kernel's links
 * beyond the config. Session interfaces come and go with their sessions. Nothing changes once
 * decided; the questions the changes ask (does a link go away, is it made fresh) are answered here.
 *
 * <p>Rules: a tunnel has no in-place change, so any difference replaces it; a session changes
 * sequencing in place and is replaced for anything else; a vlan is replaced for a new link or id.
 * jl2tp replaces and deletes what it made, and with {@code --prune} the L2TP objects it did not
 * make; anything else in the way is a conflict.
 */
final class Fates {
    private static final String NOT_IN_THE_KERNEL = "not in the kernel";

    private final Desired desired;
    private final NetworkState want;
    private final NetworkState live;
    private final NetworkState owned;
    private final boolean prune;

    private final SortedMap<Long, Fate<Tunnel>> tunnels;
    /** Without the sessions of tunnels in conflict: those are not planned. */
    private final SortedMap<SessionKey, Fate<Session>> sessions;
    /** The interfaces of the sessions this plan makes (new or again): they start from kernel defaults. */
    private final Set<String> freshInterfaces;
    /** The interfaces that go away with a session this plan deletes. */
    private final Set<String> interfacesGoing;
    /** The config's links, each vlan after the link it stands on; otherwise by name. */
    private final List<String> wantedLinks;
    /** The config's bridges and vlans, and every link the kernel has that the config does not. */
    private final Map<String, Fate<Link>> links;

    private Fates(Desired desired, NetworkState live, NetworkState owned, boolean prune) {
        this.desired = desired;
        this.want = desired.state();
        this.live = live;
        this.owned = owned;
        this.prune = prune;
        this.tunnels = decideEach(want.tunnels().keySet(), live.tunnels().keySet(), id -> true, this::tunnel);
        this.sessions = decideEach(want.sessions().keySet(), live.sessions().keySet(),
                key -> !tunnelOf(key).map(Fate::inConflict).orElse(false), key -> session(key, tunnelOf(key)));
        this.freshInterfaces = interfaces(sessions.values().stream().flatMap(f -> f.made().stream()));
        this.interfacesGoing = interfaces(sessions.values().stream().flatMap(f -> f.going().stream()));
        this.wantedLinks = parentsFirst(want.links());
        this.links = decideLinks();
    }

    static Fates decide(Desired desired, NetworkState live, NetworkState owned, boolean prune) {
        return new Fates(desired, live, owned, prune);
    }

    SortedMap<Long, Fate<Tunnel>> tunnels() {
        return tunnels;
    }

    SortedMap<SessionKey, Fate<Session>> sessions() {
        return sessions;
    }

    List<String> wantedLinks() {
        return wantedLinks;
    }

    /** A bridge's or vlan's of the config, or a link's of the kernel beyond the config. */
    Fate<Link> link(String name) {
        return links.get(name);
    }

    /** A link that will not exist as it is now once the plan ran (deleted, or deleted and made again). */
    boolean goesAway(String name) {
        return goesAway(links, name);
    }

    /** A link that this plan makes (new or again). */
    boolean isFresh(String name) {
        return isFresh(links, name);
    }

    /** A session interface this plan makes, with its session. */
    boolean isFreshInterface(String name) {
        return freshInterfaces.contains(name);
    }

    // ---- tunnels ----

    private Fate<Tunnel> tunnel(long id) {
        Tunnel w = want.tunnels().get(id);
        Tunnel l = live.tunnels().get(id);
        ObjectRef ref = new ObjectRef.TunnelRef(id);
        boolean mine = owned.tunnels().containsKey(id);
        if (l == null) {
            return new Fate.Create<>(w, NOT_IN_THE_KERNEL);
        }
        if (w == null) {
            return deleteOrLeaveAlone(mine, l);
        }
        List<Diff> diffs = FieldDiff.tunnel(l, w);
        if (diffs.isEmpty()) {
            return mine ? new Fate.Keep<>(l, w) : new Fate.Adopt<>(l, w, "made outside jl2tp; every field matches the config");
        }
        return mayReplace(mine)
                ? new Fate.Replace<>(l, w, Diff.join(diffs) + "; a tunnel cannot change in place", mark(ref, diffs.get(0).key()))
                : new Fate.Conflict<>(takenAndDiffers("tunnel-id " + id, "tunnel", diffs), mark(ref, "tunnel-id"));
    }

    private Optional<Fate<Tunnel>> tunnelOf(SessionKey session) {
        return Optional.ofNullable(tunnels.get(session.tunnelId()));
    }

    // ---- sessions ----

    private Fate<Session> session(SessionKey key, Optional<Fate<Tunnel>> tunnel) {
        Session w = want.sessions().get(key);
        Session l = withRecordedFields(live.sessions().get(key));
        ObjectRef ref = new ObjectRef.SessionRef(key);
        boolean mine = owned.sessions().containsKey(key);
        if (l != null && tunnel.map(Fate::goes).orElse(false)) {
            // Deleting a tunnel closes its sessions anyway; delete them first, explicitly, so
            // that each can be undone and waited for.
            String why = (tunnel.get().fresh() ? "its tunnel is recreated" : "its tunnel is deleted")
                    + (!mine && w == null ? " (this session was made outside jl2tp)" : "");
            return w == null ? new Fate.Delete<>(l, why, Optional.empty()) : new Fate.Replace<>(l, w, why, Optional.empty());
        }
        if (l == null) {
            return new Fate.Create<>(w, NOT_IN_THE_KERNEL);
        }
        if (w == null) {
            return deleteOrLeaveAlone(mine, l);
        }
        List<Diff> diffs = FieldDiff.session(l, w);
        if (!diffs.isEmpty()) {
            return mayReplace(mine)
                    ? new Fate.Replace<>(l, w, Diff.join(diffs) + "; only sequencing changes in place",
                            mark(ref, diffs.get(0).key()))
                    : new Fate.Conflict<>(takenAndDiffers("session-id " + key.sessionId() + " in tunnel " + key.tunnelId(),
                            "session", diffs), mark(ref, "session-id"));
        }
        if (mine) {
            return new Fate.Keep<>(l, w);
        }
        String unchecked = l.l2specType().isEmpty()
                ? "; the kernel does not report l2spec-type, so " + w.l2specType().get().keyword() + " is taken on trust"
                : "";
        return new Fate.Adopt<>(l, w, "made outside jl2tp; its reported fields match" + unchecked);
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

    private static Set<String> interfaces(Stream<Session> sessions) {
        Set<String> names = sessions.map(Session::interfaceName).collect(Collectors.toCollection(HashSet::new));
        return Collections.unmodifiableSet(names);
    }

    // ---- links: bridges and vlans ----

    /**
     * The kernel's links beyond the config first (the ones jl2tp made go), then the config's bridges
     * and vlans parents first, so that a vlan knows whether its link goes or is made again.
     */
    private Map<String, Fate<Link>> decideLinks() {
        Map<String, Fate<Link>> decided = new LinkedHashMap<>();
        for (Link l : live.links().values()) {
            if (!want.links().containsKey(l.name())) {
                Link recorded = owned.links().get(l.name());
                decided.put(l.name(), recorded != null && recorded.kind() == l.kind()
                        ? new Fate.Delete<>(l, "no longer in the config", Optional.empty()) : new Fate.LeftAlone<>(l));
            }
        }
        for (String name : wantedLinks) {
            Link w = want.links().get(name);
            if (w.kind() != LinkKind.SESSION) {
                decided.put(name, bridgeOrVlan(w, decided));
            }
        }
        return Collections.unmodifiableMap(decided);
    }

    private Fate<Link> bridgeOrVlan(Link w, Map<String, Fate<Link>> decided) {
        ObjectRef ref = new ObjectRef.LinkRef(w.name());
        Link l = live.links().get(w.name());
        boolean mine = owned.links().containsKey(w.name());
        Optional<String> parent = w.vlan().map(Link.VlanOf::link);
        if (parent.isPresent() && !want.links().containsKey(parent.get())
                && (!live.links().containsKey(parent.get()) || goesAway(decided, parent.get()))) {
            return new Fate.Conflict<>("vlan " + w.name() + ": link " + parent.get()
                    + " is neither in the config nor in the kernel", mark(ref, "link"));
        }
        if (l == null) {
            return new Fate.Create<>(w, NOT_IN_THE_KERNEL);
        }
        if (l.kind() != w.kind()) {
            // Never someone else's link of another kind, even with --prune.
            return mine
                    ? new Fate.Replace<>(l, w, "is a " + kind(l) + ", the config wants a " + kind(w), mark(ref))
                    : new Fate.Conflict<>("interface name " + w.name() + " is taken by a link jl2tp did not make ("
                            + kind(l) + "); rename the " + kind(w) + " or remove that link", mark(ref));
        }
        List<Diff> diffs = FieldDiff.vlan(l, w);
        boolean parentMadeAgain = parent.isPresent() && isFresh(decided, parent.get());
        if (diffs.isEmpty() && !parentMadeAgain) {
            return mine ? new Fate.Keep<>(l, w) : new Fate.Adopt<>(l, w, "made outside jl2tp; " + kind(w) + " matches the config");
        }
        String why = parentMadeAgain ? "its link " + parent.get() + " is recreated"
                : Diff.join(diffs) + "; a vlan cannot change in place";
        return mayReplace(mine) || parentMadeAgain
                ? new Fate.Replace<>(l, w, why, mark(ref, diffs.isEmpty() ? "link" : diffs.get(0).key()))
                : new Fate.Conflict<>("vlan " + w.name() + " exists, made outside jl2tp, and differs: " + why, mark(ref));
    }

    private boolean goesAway(Map<String, Fate<Link>> links, String name) {
        return interfacesGoing.contains(name) || Optional.ofNullable(links.get(name)).map(Fate::goes).orElse(false);
    }

    private boolean isFresh(Map<String, Fate<Link>> links, String name) {
        return freshInterfaces.contains(name) || Optional.ofNullable(links.get(name)).map(Fate::fresh).orElse(false);
    }

    // ---- the rules every kind shares ----

    /** jl2tp deletes and replaces what it made, and with --prune what it did not. */
    private boolean mayReplace(boolean mine) {
        return mine || prune;
    }

    private <T> Fate<T> deleteOrLeaveAlone(boolean mine, T live) {
        if (!mayReplace(mine)) {
            return new Fate.LeftAlone<>(live);
        }
        return new Fate.Delete<>(live, mine ? "no longer in the config" : "made outside jl2tp and not in the config (--prune)",
                Optional.empty());
    }

    private static String takenAndDiffers(String id, String kind, List<Diff> diffs) {
        return id + " is taken by a " + kind + " jl2tp did not make, and it differs: " + Diff.join(diffs)
                + "; delete it, or run with --prune to replace it";
    }

    private Optional<SourceMark> mark(ObjectRef ref) {
        return desired.markOf(ref);
    }

    private Optional<SourceMark> mark(ObjectRef ref, String key) {
        return desired.markOf(ref, key);
    }

    private static String kind(Link link) {
        return Change.Describe.kind(link);
    }

    private static <K extends Comparable<K>, T> SortedMap<K, Fate<T>> decideEach(Set<K> wanted, Set<K> present,
            Predicate<K> planned, Function<K, Fate<T>> decide) {
        TreeSet<K> all = new TreeSet<>(wanted);
        all.addAll(present);
        SortedMap<K, Fate<T>> fates = new TreeMap<>();
        for (K key : all) {
            if (planned.test(key)) {
                fates.put(key, decide.apply(key));
            }
        }
        return Collections.unmodifiableSortedMap(fates);
    }

    /** Link names with every vlan after the link it stands on; otherwise by name. */
    private static List<String> parentsFirst(Map<String, Link> links) {
        LinkedHashSet<String> ordered = new LinkedHashSet<>();
        for (String name : new TreeMap<>(links).keySet()) {
            visit(name, links, ordered, new HashSet<>());
        }
        return List.copyOf(ordered);
    }

    private static void visit(String name, Map<String, Link> links, Set<String> ordered, Set<String> path) {
        Link link = links.get(name);
        if (link == null || ordered.contains(name) || !path.add(name)) {
            return;
        }
        link.vlan().ifPresent(v -> visit(v.link(), links, ordered, path));
        ordered.add(name);
    }
}
