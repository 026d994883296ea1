package net.jl2tp.plan;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import net.jl2tp.model.Link;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;

/**
 * The kernel objects a plan touches, directly or through the kernel's own cascades: what a try must
 * be able to put back. Wider than the plan's targets, because the kernel closes a tunnel's sessions
 * with it, removes a session's interface with the session and a link's vlans with the link, and
 * detaches a bridge's ports when it deletes the bridge.
 */
public record TryScope(Set<Long> tunnels, Set<SessionKey> sessions, Set<String> links) {
    public TryScope {
        tunnels = sorted(tunnels);
        sessions = sorted(sessions);
        links = sorted(links);
    }

    /**
     * @param live the kernel as read for the plan, before the try: the objects the cascades reach
     *     are the ones there then
     */
    public static TryScope of(Plan plan, NetworkState live) {
        Set<Long> tunnels = new TreeSet<>();
        Set<SessionKey> sessions = new TreeSet<>();
        Set<String> links = new TreeSet<>();
        Set<String> deletedLinks = new TreeSet<>();
        for (Change c : plan.changes()) {
            add(c.target(), tunnels, sessions, links);
            sessionsOf(c).forEach(s -> links.add(s.interfaceName()));
            if (c instanceof Change.DeleteLink d) {
                deletedLinks.add(d.link().name());
            }
        }
        // A tunnel takes its sessions with it; a session its interface.
        for (Session s : live.sessions().values()) {
            if (tunnels.contains(s.tunnelId())) {
                sessions.add(s.key());
            }
        }
        for (SessionKey key : sessions) {
            Optional.ofNullable(live.sessions().get(key)).ifPresent(s -> links.add(s.interfaceName()));
        }
        // A link takes the vlans on it, and a deleted bridge detaches its ports: until nothing is added.
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Link l : live.links().values()) {
                boolean onALinkInScope = l.vlan().map(v -> links.contains(v.link())).orElse(false);
                boolean portOfADeletedBridge = l.master().map(deletedLinks::contains).orElse(false);
                if ((onALinkInScope || portOfADeletedBridge) && links.add(l.name())) {
                    grew = true;
                }
            }
        }
        return new TryScope(tunnels, sessions, links);
    }

    public boolean isEmpty() {
        return tunnels.isEmpty() && sessions.isEmpty() && links.isEmpty();
    }

    public boolean contains(ObjectRef ref) {
        if (ref instanceof ObjectRef.TunnelRef t) {
            return tunnels.contains(t.tunnelId());
        }
        if (ref instanceof ObjectRef.SessionRef s) {
            return sessions.contains(s.key());
        }
        return links.contains(((ObjectRef.LinkRef) ref).name());
    }

    /** Every object of the scope, tunnels first, then sessions, then links, each in its order. */
    public Set<ObjectRef> refs() {
        Set<ObjectRef> refs = new LinkedHashSet<>();
        tunnels.forEach(id -> refs.add(new ObjectRef.TunnelRef(id)));
        sessions.forEach(key -> refs.add(new ObjectRef.SessionRef(key)));
        links.forEach(name -> refs.add(new ObjectRef.LinkRef(name)));
        return Collections.unmodifiableSet(refs);
    }

    /** The scope with these objects too. */
    TryScope with(Set<ObjectRef> more) {
        Set<Long> t = new TreeSet<>(tunnels);
        Set<SessionKey> s = new TreeSet<>(sessions);
        Set<String> l = new TreeSet<>(links);
        more.forEach(ref -> add(ref, t, s, l));
        return new TryScope(t, s, l);
    }

    private static void add(ObjectRef ref, Set<Long> tunnels, Set<SessionKey> sessions, Set<String> links) {
        if (ref instanceof ObjectRef.TunnelRef t) {
            tunnels.add(t.tunnelId());
        } else if (ref instanceof ObjectRef.SessionRef s) {
            sessions.add(s.key());
        } else {
            links.add(((ObjectRef.LinkRef) ref).name());
        }
    }

    /** The sessions a change names, whose interfaces it makes or removes. */
    private static List<Session> sessionsOf(Change c) {
        if (c instanceof Change.CreateSession cs) {
            return List.of(cs.session());
        }
        if (c instanceof Change.DeleteSession ds) {
            return List.of(ds.session());
        }
        if (c instanceof Change.ModifySession ms) {
            return List.of(ms.from(), ms.to());
        }
        return List.of();
    }

    private static <T extends Comparable<T>> SortedSet<T> sorted(Set<T> set) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(set));
    }
}
