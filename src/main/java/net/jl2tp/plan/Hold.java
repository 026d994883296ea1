package net.jl2tp.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.Link;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;

/**
 * Tunnels that cannot come up yet (their local address is absent or tentative, or nothing routes
 * to their remote from it) are held: they, their sessions, the sessions' interfaces and the vlans
 * on those are taken out of the desired state, the live state and the record alike, so that the
 * plan neither makes nor deletes them, and the rest of the config is applied. The held part of the
 * record is put back whenever the record is saved.
 */
public record Hold(Desired desired, NetworkState live, Ownership record, NetworkState heldRecord) {

    public static Hold of(Desired desired, NetworkState live, Ownership record, Set<Long> tunnels) {
        Set<String> links = new HashSet<>();
        for (NetworkState state : new NetworkState[] {desired.state(), live, record.owned()}) {
            for (Session s : state.sessions().values()) {
                if (tunnels.contains(s.tunnelId()) && s.interfaceName() != null) {
                    links.add(s.interfaceName());
                }
            }
        }
        boolean grew = true;
        while (grew) { // vlans on held interfaces, and vlans on those
            grew = false;
            for (NetworkState state : new NetworkState[] {desired.state(), live, record.owned()}) {
                for (Link l : state.links().values()) {
                    if (l.vlan().isPresent() && links.contains(l.vlan().get().link()) && links.add(l.name())) {
                        grew = true;
                    }
                }
            }
        }
        // A held tunnel's objects are not applied this run: no warnings about them either (its
        // sessions' "mtu auto: no route" is only the absent local address again).
        List<Warning> warnings = desired.warnings().stream().filter(w -> !isHeld(w.target(), tunnels, links)).toList();
        Desired held = new Desired(without(desired.state(), tunnels, links), desired.marks(), desired.labels(),
                desired.sessionMtus(), desired.mtuReasons(), warnings);
        NetworkState owned = record.owned();
        NetworkState heldRecord = owned.only(tunnels::contains, k -> tunnels.contains(k.tunnelId()), links::contains,
                port -> false);
        return new Hold(held, without(live, tunnels, links), new Ownership(without(owned, tunnels, links)), heldRecord);
    }

    private static boolean isHeld(ObjectRef target, Set<Long> tunnels, Set<String> links) {
        if (target instanceof ObjectRef.TunnelRef t) {
            return tunnels.contains(t.tunnelId());
        } else if (target instanceof ObjectRef.SessionRef r) {
            return tunnels.contains(r.key().tunnelId());
        }
        return target instanceof ObjectRef.LinkRef l && links.contains(l.name());
    }

    /** The record to save: what the apply recorded, with the held tunnels' part as it was. */
    public Ownership restore(Ownership saved) {
        NetworkState s = saved.owned();
        TreeMap<Long, Tunnel> tunnels = new TreeMap<>(s.tunnels());
        TreeMap<SessionKey, Session> sessions = new TreeMap<>(s.sessions());
        TreeMap<String, Link> links = new TreeMap<>(s.links());
        tunnels.putAll(heldRecord.tunnels());
        sessions.putAll(heldRecord.sessions());
        links.putAll(heldRecord.links());
        return new Ownership(new NetworkState(tunnels, sessions, links, s.foreignPorts()));
    }

    private static NetworkState without(NetworkState state, Set<Long> tunnels, Set<String> links) {
        return state.only(id -> !tunnels.contains(id), k -> !tunnels.contains(k.tunnelId()),
                name -> !links.contains(name), port -> true);
    }
}
