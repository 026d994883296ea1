package net.jl2tp.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jl2tp.model.Link;

/**
 * The order a plan's changes run in: phase order, then a stable order inside each phase, by
 * object; bridges and vlans by how many links they stand on, parents first when adding and
 * children first when removing (the kernel removes a vlan with its link, so the child's own delete
 * must come first). Changes to one object in one phase keep the order they were written in.
 */
final class ChangeOrder {
    private final Map<String, Link> want;
    private final Map<String, Link> live;

    private ChangeOrder(Map<String, Link> want, Map<String, Link> live) {
        this.want = want;
        this.live = live;
    }

    /**
     * The changes in the order they run. Each change's key is worked out once, not at every
     * comparison: formatting the ids there made the sort of a 10 000-session plan take seconds.
     *
     * @param want the config's links and {@code live} the kernel's, for how deep a vlan stands
     */
    static List<Change> sort(List<Change> changes, Map<String, Link> want, Map<String, Link> live) {
        ChangeOrder order = new ChangeOrder(want, live);
        record Keyed(Change change, Phase phase, int depth, ObjectKey object) {
        }
        List<Keyed> keyed = new ArrayList<>(changes.size());
        for (Change c : changes) {
            keyed.add(new Keyed(c, c.phase(), order.depthInPhase(c.phase(), c.target()), ObjectKey.of(c.target())));
        }
        keyed.sort(Comparator.comparing(Keyed::phase).thenComparingInt(Keyed::depth).thenComparing(Keyed::object));
        return keyed.stream().map(Keyed::change).toList();
    }

    /** Parents first where links are made, children first where they are deleted; elsewhere no matter. */
    private int depthInPhase(Phase phase, ObjectRef target) {
        if (!(target instanceof ObjectRef.LinkRef link)) {
            return 0;
        }
        return switch (phase) {
            case CREATE_LINKS -> depth(link.name(), want, live);
            // what is deleted stands as the kernel has it now: a vlan whose parent and child swapped
            // places in the config is deleted as it is stacked in the kernel
            case DELETE_LINKS -> -depth(link.name(), live, want);
            default -> 0;
        };
    }

    /** How many vlan levels a link stands on: 0 for anything that is not a vlan. */
    private static int depth(String name, Map<String, Link> first, Map<String, Link> then) {
        int depth = 0;
        Set<String> seen = new HashSet<>();
        Optional<Link> link = linkNamed(name, first, then);
        while (link.isPresent() && link.get().vlan().isPresent() && seen.add(link.get().name())) {
            depth++;
            link = linkNamed(link.get().vlan().get().link(), first, then);
        }
        return depth;
    }

    private static Optional<Link> linkNamed(String name, Map<String, Link> first, Map<String, Link> then) {
        return Optional.ofNullable(first.get(name)).or(() -> Optional.ofNullable(then.get(name)));
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
}
