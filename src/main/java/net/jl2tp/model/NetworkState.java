package net.jl2tp.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The L2TP-related state of one network namespace: what the config wants (desired) or what the
 * kernel has (live), in one shape so that the planner compares like with like.
 *
 * @param links desired: the links jl2tp manages (session interfaces, bridges, vlans); live: all
 * @param foreignPorts desired only: links jl2tp does not own (eth0) that a bridge must hold, by
 *     port name to bridge name
 */
public record NetworkState(SortedMap<Long, Tunnel> tunnels, SortedMap<SessionKey, Session> sessions,
        SortedMap<String, Link> links, SortedMap<String, String> foreignPorts) {

    public NetworkState {
        tunnels = Collections.unmodifiableSortedMap(new TreeMap<>(tunnels));
        sessions = Collections.unmodifiableSortedMap(new TreeMap<>(sessions));
        links = Collections.unmodifiableSortedMap(new TreeMap<>(links));
        foreignPorts = Collections.unmodifiableSortedMap(new TreeMap<>(foreignPorts));
    }

    public static NetworkState empty() {
        return new NetworkState(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    /** The objects whose keys pass the tests (tunnel id, session key, link name, port name). */
    public NetworkState only(Predicate<Long> tunnel, Predicate<SessionKey> session, Predicate<String> link,
            Predicate<String> port) {
        return new NetworkState(filtered(tunnels, tunnel), filtered(sessions, session), filtered(links, link),
                filtered(foreignPorts, port));
    }

    private static <K, V> TreeMap<K, V> filtered(SortedMap<K, V> map, Predicate<K> keep) {
        TreeMap<K, V> out = new TreeMap<>();
        map.forEach((k, v) -> {
            if (keep.test(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    public static NetworkState of(Map<Long, Tunnel> tunnels, Map<SessionKey, Session> sessions,
            Map<String, Link> links, Map<String, String> foreignPorts) {
        return new NetworkState(new TreeMap<>(tunnels), new TreeMap<>(sessions), new TreeMap<>(links),
                new TreeMap<>(foreignPorts));
    }
}
