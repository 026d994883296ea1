package net.jl2tp.apply;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Function;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;

/**
 * What changed between two readings of one namespace, object by object, each with whose it is.
 * Tunnels and sessions are reported whoever they belong to (a foreign one informs; it is never
 * touched); links only when the state record owns them or the config names them: an unrelated
 * interface of the host (eth0's addresses, a container's veth) is not jl2tp's business.
 */
public final class DriftDiff {
    private DriftDiff() {
    }

    /**
     * @param record what jl2tp made (the state record as read with {@code after})
     * @param config what the config asks for (its tunnels, sessions and links)
     */
    public static List<Drift> between(NetworkState before, NetworkState after, Ownership record, NetworkState config) {
        List<Drift> out = new ArrayList<>();
        compare(before.tunnels(), after.tunnels(), "tunnel", String::valueOf, id -> ofTunnel(id, record, config), out);
        compare(before.sessions(), after.sessions(), "session", key -> sessionName(key, before, after), key -> {
            Session s = after.sessions().getOrDefault(key, before.sessions().get(key));
            return ofSession(key, s == null ? null : s.interfaceName(), record, config);
        }, out);
        compare(before.links(), after.links(), "link", Function.identity(), name -> ofLink(name, record, config), out);
        out.removeIf(d -> d.kind().equals("link") && d.relation() == Drift.Relation.foreign);
        return out;
    }

    /**
     * What someone else changed while jl2tp applied (the watch's own reconcile): only foreign
     * objects, which an apply never touches, except that {@code --prune} deletes them, so a
     * foreign one removed then is the apply's doing. A change to an owned or colliding object
     * meanwhile cannot be told from the apply's own; the apply's verification reads those back.
     */
    public static List<Drift> byOthersDuringApply(NetworkState before, NetworkState after, Ownership record,
            NetworkState config, boolean prune) {
        return between(before, after, record, config).stream().filter(d -> d.relation() == Drift.Relation.foreign)
                .filter(d -> !(prune && d.change().equals("removed"))).toList();
    }

    /** Whose tunnel {@code id} is: the record's, else the config's, else foreign. */
    public static Drift.Relation ofTunnel(long id, Ownership record, NetworkState config) {
        return relation(record.owned().tunnels().containsKey(id), config.tunnels().containsKey(id));
    }

    /**
     * Whose session {@code key} (with interface {@code interfaceName}, or null) is: colliding when
     * the config names it by its ids, or gives its interface name to one of its own.
     */
    public static Drift.Relation ofSession(SessionKey key, String interfaceName, Ownership record, NetworkState config) {
        // A session without an interface (PPP over L2TPv3, made by a daemon) names nothing.
        boolean named = config.sessions().containsKey(key) || interfaceName != null && config.links().containsKey(interfaceName);
        return relation(record.owned().sessions().containsKey(key), named);
    }

    /** Whose link {@code name} is: a session interface is the record's when its session is (the record names the session). */
    public static Drift.Relation ofLink(String name, Ownership record, NetworkState config) {
        NetworkState owned = record.owned();
        boolean ownedInterface = owned.sessions().values().stream().anyMatch(s -> name.equals(s.interfaceName()));
        return relation(owned.links().containsKey(name) || ownedInterface, config.links().containsKey(name));
    }

    private static Drift.Relation relation(boolean owned, boolean named) {
        return owned ? Drift.Relation.owned : named ? Drift.Relation.colliding : Drift.Relation.foreign;
    }

    private static String sessionName(SessionKey key, NetworkState before, NetworkState after) {
        Session s = after.sessions().getOrDefault(key, before.sessions().get(key));
        return key + (s == null || s.interfaceName() == null ? "" : " (" + s.interfaceName() + ")");
    }

    private static <K, V extends Record> void compare(SortedMap<K, V> before, SortedMap<K, V> after, String kind,
            Function<K, String> name, Function<K, Drift.Relation> relation, List<Drift> out) {
        TreeSet<K> keys = new TreeSet<>(before.comparator());
        keys.addAll(before.keySet());
        keys.addAll(after.keySet());
        for (K key : keys) {
            V was = before.get(key);
            V now = after.get(key);
            if (Objects.equals(was, now)) {
                continue;
            }
            String change = was == null ? "added" : now == null ? "removed" : "changed";
            List<String> details = was != null && now != null ? fields(was, now) : List.of();
            out.add(new Drift(kind, name.apply(key), change, details, relation.apply(key)));
        }
    }

    /** Each record component that differs, {@code name: old -> new}. */
    static List<String> fields(Record was, Record now) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : was.getClass().getRecordComponents()) {
            Object a = value(c, was);
            Object b = value(c, now);
            if (!Objects.equals(a, b)) {
                out.add(c.getName() + ": " + shown(a) + " -> " + shown(b));
            }
        }
        return out;
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }

    /** Optional.empty as "none", Optional.of(x) as x: the event says what, not how Java holds it. */
    private static String shown(Object value) {
        if (value instanceof java.util.Optional<?> o) {
            return o.map(String::valueOf).orElse("none");
        }
        if (value instanceof java.util.OptionalInt o) {
            return o.isPresent() ? String.valueOf(o.getAsInt()) : "none";
        }
        if (value instanceof java.net.InetAddress a) {
            return a.getHostAddress();
        }
        return String.valueOf(value);
    }
}
