package net.jl2tp.kernel;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jl2tp.model.Session;
import net.jl2tp.plan.Change;
import net.jl2tp.plan.ObjectRef;

/**
 * Which plan steps may go to the kernel together: a run of steps for one socket in which no step
 * names an object that an earlier step of the run makes or deletes, and none makes or deletes an
 * object an earlier one names. The kernel then answers each as it would alone, whatever the order
 * of the answers before it; a recreated session (delete, then create) always spans two batches.
 */
public final class Batches {
    private Batches() {
    }

    /** The longest run from the front of {@code steps} that can go to the kernel together. */
    public static List<Change> take(List<Change> steps, int max) {
        boolean l2tp = isL2tp(steps.get(0));
        Set<ObjectRef> madeOrDeleted = new HashSet<>();
        Set<ObjectRef> named = new HashSet<>();
        int n = 0;
        for (Change c : steps) {
            if (c.adoption().isPresent() || isL2tp(c) != l2tp || n == max) {
                break;
            }
            Footprint f = c.accept(FOOTPRINT);
            if (n > 0 && (!Collections.disjoint(f.structural(), madeOrDeleted)
                    || !Collections.disjoint(f.named(), madeOrDeleted) || !Collections.disjoint(f.structural(), named))) {
                break;
            }
            madeOrDeleted.addAll(f.structural());
            named.addAll(f.named());
            n++;
        }
        return steps.subList(0, Math.max(n, 1));
    }

    /** L2TP steps go over generic netlink, link steps over rtnetlink: never in one batch. */
    public static boolean isL2tp(Change c) {
        return c.accept(FOOTPRINT).l2tp();
    }

    /** The links whose ifindex a link step's request carries. */
    public static List<String> linkNames(Change c) {
        return c.accept(FOOTPRINT).ifindexes();
    }

    /** Names of the links a step makes or deletes (a session's interface goes with its session). */
    public static List<String> madeOrDeletedLinks(Change c) {
        return c.accept(FOOTPRINT).structural().stream()
                .flatMap(ref -> ref instanceof ObjectRef.LinkRef link ? Stream.of(link.name()) : Stream.empty())
                .toList();
    }

    /**
     * What a step touches: the socket it goes over, the objects it makes or deletes, the ones it
     * only names, and the links whose ifindex its request carries.
     */
    private record Footprint(boolean l2tp, Set<ObjectRef> structural, Set<ObjectRef> named, List<String> ifindexes) {
        static Footprint l2tp(Set<ObjectRef> structural, Set<ObjectRef> named) {
            return new Footprint(true, structural, named, List.of());
        }

        /** A step on existing links: it names them, and carries their ifindexes. */
        static Footprint onLinks(List<String> links) {
            return new Footprint(false, Set.of(), refs(links), links);
        }
    }

    private static Set<ObjectRef> refs(List<String> links) {
        Set<ObjectRef> refs = new HashSet<>();
        links.forEach(name -> refs.add(new ObjectRef.LinkRef(name)));
        return refs;
    }

    private static Footprint session(Session s) {
        Set<ObjectRef> structural = s.interfaceName() == null ? Set.of(new ObjectRef.SessionRef(s.key()))
                : Set.of(new ObjectRef.SessionRef(s.key()), new ObjectRef.LinkRef(s.interfaceName()));
        return Footprint.l2tp(structural, Set.of(new ObjectRef.TunnelRef(s.tunnelId())));
    }

    private static final Change.Visitor<Footprint> FOOTPRINT = new Change.Visitor<>() {
        public Footprint createTunnel(Change.CreateTunnel c) {
            return Footprint.l2tp(Set.of(c.target()), Set.of());
        }

        public Footprint deleteTunnel(Change.DeleteTunnel c) {
            return Footprint.l2tp(Set.of(c.target()), Set.of());
        }

        public Footprint createSession(Change.CreateSession c) {
            return session(c.session());
        }

        public Footprint deleteSession(Change.DeleteSession c) {
            return session(c.session());
        }

        public Footprint modifySession(Change.ModifySession c) {
            return Footprint.l2tp(Set.of(), Set.of(c.target()));
        }

        public Footprint createLink(Change.CreateLink c) {
            List<String> parent = c.link().vlan().map(v -> List.of(v.link())).orElse(List.of());
            return new Footprint(false, Set.of(c.target()), refs(parent), parent);
        }

        public Footprint deleteLink(Change.DeleteLink c) {
            return new Footprint(false, Set.of(c.target()), Set.of(), List.of(c.link().name()));
        }

        public Footprint setMtu(Change.SetMtu c) {
            return Footprint.onLinks(List.of(c.link()));
        }

        public Footprint setMaster(Change.SetMaster c) {
            Footprint f = Footprint.onLinks(c.to().isPresent() ? List.of(c.link(), c.to().get()) : List.of(c.link()));
            // Leaving a bridge depends on the bridge: deleting it in the same batch would detach
            // the port whatever became of this request, and an undo could not put it back.
            Set<ObjectRef> named = new HashSet<>(f.named());
            c.from().ifPresent(bridge -> named.add(new ObjectRef.LinkRef(bridge)));
            return new Footprint(false, Set.of(), named, f.ifindexes());
        }

        public Footprint setUp(Change.SetUp c) {
            return Footprint.onLinks(List.of(c.link()));
        }

        public Footprint addAddress(Change.AddAddress c) {
            return Footprint.onLinks(List.of(c.link()));
        }

        public Footprint deleteAddress(Change.DeleteAddress c) {
            return Footprint.onLinks(List.of(c.link()));
        }

        public Footprint adopt(Change.Adopt c) {
            return new Footprint(false, Set.of(), Set.of(), List.of()); // never sent: only the record changes
        }
    };
}
