package net.jl2tp.apply;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import net.jl2tp.kernel.KernelOps;
import net.jl2tp.model.Link;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.AsBefore;
import net.jl2tp.plan.Before;
import net.jl2tp.plan.Change;
import net.jl2tp.plan.Note;
import net.jl2tp.plan.ObjectRef;
import net.jl2tp.plan.Plan;
import net.jl2tp.plan.Restore;
import net.jl2tp.plan.TryScope;

/**
 * Puts the objects a try touched back as they were before it, and the state record with them.
 *
 * <p>A rollback is the safety net of an operator who may have cut their own connection, so it
 * restores all it can rather than nothing: each round runs the restore plan through the
 * {@link Executor} (all or nothing, undone on failure); an object the kernel refuses to restore
 * (its interface name taken meanwhile, say) is left as it is, with what depends on it, and the
 * next round restores the rest. Then the kernel is read again and compared with the before-state:
 * whatever still differs is reported, object by object. Each round leaves at least one more object
 * alone, so the rounds are bounded by the try's scope.
 */
public final class TryRollback {
    /** @param notRestored one line per object left as it is, with why; empty when all was restored */
    public record Outcome(int changesMade, List<String> notRestored) {
        public boolean complete() {
            return notRestored.isEmpty();
        }
    }

    private TryRollback() {
    }

    public static Outcome run(PendingTry pending, KernelOps ops, StateRecordStore store, Consumer<Change> progress)
            throws NetlinkException, IOException, UnreadableStateRecord {
        Before before = pending.before();
        TryScope scope = before.scope();
        Ownership atStart = store.load();
        Set<ObjectRef> leave = new LinkedHashSet<>();
        Map<ObjectRef, String> why = new LinkedHashMap<>();
        List<String> stopped = new ArrayList<>();
        int made = 0;
        int rounds = scope.tunnels().size() + scope.sessions().size() + scope.links().size() + 2;
        Executor.RecordSink sink = record -> store.save(withoutForeignMadeAgain(record, pending.recordBefore(), atStart, scope));
        for (int round = 0; round < rounds && stopped.isEmpty(); round++) {
            NetworkState live = ops.read();
            Ownership recordNow = store.load();
            Plan plan = Restore.plan(before, live, recordNow, leave);
            if (plan.changes().isEmpty()) {
                break;
            }
            try {
                new Executor(ops, sink, progress, Executor.DEFAULT_CHECKPOINT_INTERVAL).apply(plan, recordNow);
                made += plan.kernelChanges().size();
            } catch (ApplyFailure f) {
                if (!f.undone() || f.step().isEmpty() || leave.contains(f.step().get().target())) {
                    stopped.add("the rollback stopped: " + f.getMessage());
                    break;
                }
                ObjectRef refused = f.step().get().target();
                Set<ObjectRef> with = Restore.dependents(refused, before, live);
                why.put(refused, f.step().get().summary() + " was refused: " + refusal(f)
                        + (with.size() > 1 ? "; left as they are with it: " + others(with, refused) : ""));
                leave.addAll(with);
                leave.add(refused);
            }
        }
        NetworkState live = ops.read();
        Ownership recordNow = store.load();
        List<String> notRestored = new ArrayList<>();
        why.forEach((ref, reason) -> notRestored.add(ref + ": " + reason));
        // What is not as before, from the states themselves: a restore plan skips with a note
        // what it cannot restore (a name taken by another kind of link), and would hide it.
        Set<ObjectRef> differing = AsBefore.differing(before, live);
        Plan left = Restore.plan(before, live, recordNow, Set.of());
        for (ObjectRef ref : differing) {
            if (why.containsKey(ref) || leftWithARefused(ref, why.keySet(), before, live)) {
                continue;
            }
            notRestored.add(ref + ": still not as before the try (" + reasonFor(ref, left) + ")");
        }
        notRestored.addAll(stopped);
        differing.addAll(leave);
        store.save(restoredRecord(recordNow, pending.recordBefore(), scope, differing, !stopped.isEmpty())
                .withoutGone(live));
        return new Outcome(made, notRestored);
    }

    /** Named already: left as it is with an object the kernel refused to restore. */
    private static boolean leftWithARefused(ObjectRef ref, Set<ObjectRef> refused, Before before, NetworkState live) {
        for (ObjectRef r : refused) {
            if (Restore.dependents(r, before, live).contains(ref)) {
                return true;
            }
        }
        return false;
    }

    /** The change that would restore it, or the note that says why none can. */
    private static String reasonFor(ObjectRef ref, Plan plan) {
        for (Change c : plan.changes()) {
            if (c.target().equals(ref)) {
                return "it takes: " + c.summary();
            }
        }
        for (Note n : plan.notes()) {
            if (n.target().equals(ref)) {
                return n.message();
            }
        }
        return "the kernel did not keep what the rollback asked";
    }

    private static String others(Set<ObjectRef> with, ObjectRef refused) {
        List<String> names = new ArrayList<>();
        for (ObjectRef r : with) {
            if (!r.equals(refused)) {
                names.add(r.toString());
            }
        }
        return String.join(", ", names);
    }

    private static String refusal(ApplyFailure f) {
        if (f.failure() instanceof ApplyFailure.Refused r) {
            NetlinkException e = r.error();
            return e.errnoName() + " (" + Errno.description(e.errno()) + ")" + e.extackMessage().map(x -> ": " + x).orElse("");
        }
        return f.getMessage();
    }

    /**
     * The record after the rollback: for each object of the scope restored, what the record said
     * before the try (named or not); for the others, what the record says now. When the rollback
     * stopped short, nothing is known restored: the record stays as the executor left it.
     */
    static Ownership restoredRecord(Ownership now, Ownership before, TryScope scope, Set<ObjectRef> notRestored,
            boolean stopped) {
        if (stopped) {
            return now;
        }
        NetworkState n = now.owned();
        NetworkState b = before.owned();
        TreeMap<Long, Tunnel> tunnels = new TreeMap<>(n.tunnels());
        TreeMap<SessionKey, Session> sessions = new TreeMap<>(n.sessions());
        TreeMap<String, Link> links = new TreeMap<>(n.links());
        TreeMap<String, String> ports = new TreeMap<>(n.foreignPorts());
        for (long id : scope.tunnels()) {
            if (!notRestored.contains(new ObjectRef.TunnelRef(id))) {
                put(tunnels, id, b.tunnels().get(id));
            }
        }
        for (SessionKey key : scope.sessions()) {
            if (!notRestored.contains(new ObjectRef.SessionRef(key))) {
                put(sessions, key, b.sessions().get(key));
            }
        }
        for (String name : scope.links()) {
            if (!notRestored.contains(new ObjectRef.LinkRef(name))) {
                put(links, name, b.links().get(name));
                put(ports, name, b.foreignPorts().get(name));
            }
        }
        return new Ownership(new NetworkState(tunnels, sessions, links, ports));
    }

    /**
     * What the executor records while it restores, less the objects it makes again that were
     * foreign before the try (a tunnel --prune deleted): made by jl2tp or not, they are not jl2tp's.
     */
    static Ownership withoutForeignMadeAgain(Ownership record, Ownership before, Ownership atStart, TryScope scope) {
        NetworkState r = record.owned();
        return new Ownership(r.only(
                id -> !scope.tunnels().contains(id) || before.owned().tunnels().containsKey(id)
                        || atStart.owned().tunnels().containsKey(id),
                key -> !scope.sessions().contains(key) || before.owned().sessions().containsKey(key)
                        || atStart.owned().sessions().containsKey(key),
                name -> !scope.links().contains(name) || before.owned().links().containsKey(name)
                        || atStart.owned().links().containsKey(name),
                port -> true));
    }

    private static <K, V> void put(Map<K, V> map, K key, V value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }
}
