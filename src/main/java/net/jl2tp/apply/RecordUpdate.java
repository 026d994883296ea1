package net.jl2tp.apply;

import net.jl2tp.model.Ownership;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jl2tp.model.Link;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;
import net.jl2tp.plan.Change;

/**
 * How each change alters what jl2tp owns. The record holds ownership and the specs the kernel
 * cannot report; link settings (mtu, up, addresses) are read from the kernel and not kept here.
 */
final class RecordUpdate {
    private RecordUpdate() {
    }

    static Ownership after(Ownership record, Change change) {
        return after(record, List.of(change));
    }

    /** The record after {@code changes} in order; the maps are copied once, not once a change. */
    static Ownership after(Ownership record, List<Change> changes) {
        if (changes.isEmpty()) {
            return record;
        }
        NetworkState s = record.owned();
        TreeMap<Long, Tunnel> tunnels = new TreeMap<>(s.tunnels());
        TreeMap<SessionKey, Session> sessions = new TreeMap<>(s.sessions());
        TreeMap<String, Link> links = new TreeMap<>(s.links());
        TreeMap<String, String> foreignPorts = new TreeMap<>(s.foreignPorts());
        for (Change change : changes) {
            apply(change, tunnels, sessions, links, foreignPorts);
        }
        return new Ownership(new NetworkState(tunnels, sessions, links, foreignPorts));
    }

    private static void apply(Change change, TreeMap<Long, Tunnel> tunnels, TreeMap<SessionKey, Session> sessions,
            TreeMap<String, Link> links, TreeMap<String, String> foreignPorts) {
        change.accept(new Change.Visitor<Void>() {
            public Void createTunnel(Change.CreateTunnel c) {
                tunnels.put(c.tunnel().tunnelId(), c.tunnel());
                return null;
            }

            public Void deleteTunnel(Change.DeleteTunnel c) {
                tunnels.remove(c.tunnel().tunnelId());
                sessions.keySet().removeIf(k -> k.tunnelId() == c.tunnel().tunnelId()); // the kernel closed them
                return null;
            }

            public Void createSession(Change.CreateSession c) {
                sessions.put(c.session().key(), c.session());
                return null;
            }

            public Void deleteSession(Change.DeleteSession c) {
                sessions.remove(c.session().key());
                return null;
            }

            public Void modifySession(Change.ModifySession c) {
                sessions.computeIfPresent(c.to().key(), (k, old) -> c.to());
                return null;
            }

            public Void createLink(Change.CreateLink c) {
                links.put(c.link().name(), c.link());
                return null;
            }

            public Void deleteLink(Change.DeleteLink c) {
                links.remove(c.link().name());
                return null;
            }

            public Void setMtu(Change.SetMtu c) {
                return null; // the record keeps what jl2tp owns, not its settings
            }

            public Void setMaster(Change.SetMaster c) {
                if (!isOwnedLink(sessions, links, c.link())) {
                    // A link jl2tp does not own, made a port by jl2tp: remember it, to detach it and nothing more.
                    if (c.to().isPresent()) {
                        foreignPorts.put(c.link(), c.to().get());
                    } else {
                        foreignPorts.remove(c.link());
                    }
                }
                return null;
            }

            public Void setUp(Change.SetUp c) {
                return null;
            }

            public Void addAddress(Change.AddAddress c) {
                return null;
            }

            public Void deleteAddress(Change.DeleteAddress c) {
                return null;
            }

            public Void adopt(Change.Adopt c) {
                tunnels.putAll(c.owned().tunnels());
                sessions.putAll(c.owned().sessions());
                links.putAll(c.owned().links());
                return null;
            }
        });
    }

    /** Undoing an adoption: jl2tp gives the objects back, the kernel is not touched. */
    static Ownership unadopt(Ownership record, Change.Adopt adopt) {
        NetworkState s = record.owned();
        TreeMap<Long, Tunnel> tunnels = new TreeMap<>(s.tunnels());
        TreeMap<SessionKey, Session> sessions = new TreeMap<>(s.sessions());
        TreeMap<String, Link> links = new TreeMap<>(s.links());
        tunnels.keySet().removeAll(adopt.owned().tunnels().keySet());
        sessions.keySet().removeAll(adopt.owned().sessions().keySet());
        links.keySet().removeAll(adopt.owned().links().keySet());
        return new Ownership(new NetworkState(tunnels, sessions, links, s.foreignPorts()));
    }

    /**
     * {@code record}, also naming what {@code before} names and it does not: the objects a run
     * deleted, and the ports it detached, written before the undo makes them again.
     */
    static Ownership alsoNaming(Ownership record, Ownership before) {
        NetworkState s = record.owned();
        NetworkState b = before.owned();
        TreeMap<Long, Tunnel> tunnels = new TreeMap<>(b.tunnels());
        TreeMap<SessionKey, Session> sessions = new TreeMap<>(b.sessions());
        TreeMap<String, Link> links = new TreeMap<>(b.links());
        TreeMap<String, String> foreignPorts = new TreeMap<>(b.foreignPorts());
        tunnels.putAll(s.tunnels());
        sessions.putAll(s.sessions());
        links.putAll(s.links());
        foreignPorts.putAll(s.foreignPorts());
        return new Ownership(new NetworkState(tunnels, sessions, links, foreignPorts));
    }

    private static boolean isOwnedLink(Map<SessionKey, Session> sessions, Map<String, Link> links, String name) {
        if (links.containsKey(name)) {
            return true;
        }
        for (Map.Entry<SessionKey, Session> e : sessions.entrySet()) {
            if (name.equals(e.getValue().interfaceName())) {
                return true;
            }
        }
        return false;
    }
}
