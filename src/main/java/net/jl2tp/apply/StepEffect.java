package net.jl2tp.apply;

import java.util.Optional;
import java.util.OptionalInt;
import net.jl2tp.model.Link;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.plan.Change;

/**
 * Whether the kernel's state shows a step's effect. The planner plans a step only where the state
 * differs from its result, and the steps of one batch never touch an object another of them makes
 * or deletes (kernel.Batches), so, read back after the batch, a step shows its effect exactly when
 * it took effect: the judgement after a lost answer.
 */
final class StepEffect {
    private StepEffect() {
    }

    static boolean shows(Change change, NetworkState live) {
        return change.accept(new Change.Visitor<>() {
            public Boolean createTunnel(Change.CreateTunnel c) {
                return live.tunnels().containsKey(c.tunnel().tunnelId());
            }

            public Boolean deleteTunnel(Change.DeleteTunnel c) {
                return !live.tunnels().containsKey(c.tunnel().tunnelId());
            }

            public Boolean createSession(Change.CreateSession c) {
                return live.sessions().containsKey(c.session().key());
            }

            public Boolean deleteSession(Change.DeleteSession c) {
                return !live.sessions().containsKey(c.session().key()) && !hasLink(live, c.session().interfaceName());
            }

            public Boolean modifySession(Change.ModifySession c) {
                Session s = live.sessions().get(c.to().key());
                return s != null && s.sequencing().equals(c.to().sequencing());
            }

            public Boolean createLink(Change.CreateLink c) {
                return live.links().containsKey(c.link().name());
            }

            public Boolean deleteLink(Change.DeleteLink c) {
                return !live.links().containsKey(c.link().name());
            }

            public Boolean setMtu(Change.SetMtu c) {
                return link(live, c.link()).map(l -> l.mtu().equals(OptionalInt.of(c.to()))).orElse(false);
            }

            public Boolean setMaster(Change.SetMaster c) {
                return link(live, c.link()).map(l -> l.master().equals(c.to())).orElse(false);
            }

            public Boolean setUp(Change.SetUp c) {
                return link(live, c.link()).map(l -> l.up() == c.up()).orElse(false);
            }

            public Boolean addAddress(Change.AddAddress c) {
                return link(live, c.link()).map(l -> l.addresses().contains(c.address())).orElse(false);
            }

            public Boolean deleteAddress(Change.DeleteAddress c) {
                // On a link that is gone there is nothing to put the address back on: not done.
                return link(live, c.link()).map(l -> !l.addresses().contains(c.address())).orElse(false);
            }

            public Boolean adopt(Change.Adopt c) {
                return false; // an adoption never goes to the kernel
            }
        });
    }

    /** Deletes: the kernel may still show an object whose delete it took (tunnels go from a work queue). */
    static boolean isDelete(Change change) {
        return switch (change.phase()) {
            case DELETE_TUNNELS, DELETE_SESSIONS, DELETE_LINKS -> true;
            default -> false;
        };
    }

    private static Optional<Link> link(NetworkState live, String name) {
        return Optional.ofNullable(live.links().get(name));
    }

    private static boolean hasLink(NetworkState live, String name) {
        return name != null && live.links().containsKey(name);
    }
}
