package net.jl2tp.kernel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jl2tp.model.Session;
import net.jl2tp.plan.Change;

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
        Set<String> madeOrDeleted = new HashSet<>();
        Set<String> named = new HashSet<>();
        int n = 0;
        for (Change c : steps) {
            if (c instanceof Change.Adopt || isL2tp(c) != l2tp || n == max) {
                break;
            }
            Keys k = keys(c);
            if (n > 0 && (intersects(k.structural(), madeOrDeleted) || intersects(k.named(), madeOrDeleted)
                    || intersects(k.structural(), named))) {
                break;
            }
            madeOrDeleted.addAll(k.structural());
            named.addAll(k.named());
            n++;
        }
        return steps.subList(0, Math.max(n, 1));
    }

    /** The objects a step makes or deletes, and the ones it only names. */
    private record Keys(Set<String> structural, Set<String> named) {
    }

    private static Keys keys(Change change) {
        if (change instanceof Change.CreateTunnel c) {
            return new Keys(Set.of(tunnelKey(c.tunnel().tunnelId())), Set.of());
        } else if (change instanceof Change.DeleteTunnel c) {
            return new Keys(Set.of(tunnelKey(c.tunnel().tunnelId())), Set.of());
        } else if (change instanceof Change.CreateSession c) {
            return sessionKeys(c.session());
        } else if (change instanceof Change.DeleteSession c) {
            return sessionKeys(c.session());
        } else if (change instanceof Change.ModifySession c) {
            return new Keys(Set.of(), Set.of(sessionKey(c.to())));
        } else if (change instanceof Change.CreateLink c) {
            return new Keys(Set.of(linkKey(c.link().name())),
                    c.link().vlan().map(v -> Set.of(linkKey(v.link()))).orElse(Set.of()));
        } else if (change instanceof Change.DeleteLink c) {
            return new Keys(Set.of(linkKey(c.link().name())), Set.of());
        }
        Set<String> named = new HashSet<>();
        linkNames(change).forEach(name -> named.add(linkKey(name)));
        if (change instanceof Change.SetMaster c) {
            // Leaving a bridge depends on the bridge: deleting it in the same batch would detach
            // the port whatever became of this request, and an undo could not put it back.
            c.from().ifPresent(bridge -> named.add(linkKey(bridge)));
        }
        return new Keys(Set.of(), named);
    }

    private static Keys sessionKeys(Session s) {
        Set<String> structural = s.interfaceName() == null ? Set.of(sessionKey(s))
                : Set.of(sessionKey(s), linkKey(s.interfaceName()));
        return new Keys(structural, Set.of(tunnelKey(s.tunnelId())));
    }

    private static String tunnelKey(long id) {
        return "tunnel " + id;
    }

    private static String sessionKey(Session s) {
        return "session " + s.tunnelId() + "/" + s.sessionId();
    }

    private static String linkKey(String name) {
        return "link " + name;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String s : a) {
            if (b.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** L2TP steps go over generic netlink, link steps over rtnetlink: never in one batch. */
    public static boolean isL2tp(Change c) {
        return c instanceof Change.CreateTunnel || c instanceof Change.DeleteTunnel || c instanceof Change.CreateSession
                || c instanceof Change.DeleteSession || c instanceof Change.ModifySession;
    }

    /** The links whose ifindex a link step's request carries. */
    public static List<String> linkNames(Change change) {
        if (change instanceof Change.CreateLink c) {
            return c.link().vlan().map(v -> List.of(v.link())).orElse(List.of());
        } else if (change instanceof Change.DeleteLink c) {
            return List.of(c.link().name());
        } else if (change instanceof Change.SetMtu c) {
            return List.of(c.link());
        } else if (change instanceof Change.SetUp c) {
            return List.of(c.link());
        } else if (change instanceof Change.SetMaster c) {
            return c.to().isPresent() ? List.of(c.link(), c.to().get()) : List.of(c.link());
        } else if (change instanceof Change.AddAddress c) {
            return List.of(c.link());
        } else if (change instanceof Change.DeleteAddress c) {
            return List.of(c.link());
        }
        return List.of();
    }

    /** Names of the links a step makes or deletes (a session's interface goes with its session). */
    public static List<String> madeOrDeletedLinks(Change c) {
        List<String> names = new ArrayList<>();
        for (String key : keys(c).structural()) {
            if (key.startsWith("link ")) {
                names.add(key.substring("link ".length()));
            }
        }
        return names;
    }
}
