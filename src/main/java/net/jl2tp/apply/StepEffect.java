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
        if (change instanceof Change.CreateTunnel c) {
            return live.tunnels().containsKey(c.tunnel().tunnelId());
        } else if (change instanceof Change.DeleteTunnel c) {
            return !live.tunnels().containsKey(c.tunnel().tunnelId());
        } else if (change instanceof Change.CreateSession c) {
            return live.sessions().containsKey(c.session().key());
        } else if (change instanceof Change.DeleteSession c) {
            return !live.sessions().containsKey(c.session().key()) && !hasLink(live, c.session().interfaceName());
        } else if (change instanceof Change.ModifySession c) {
            Session s = live.sessions().get(c.to().key());
            return s != null && s.sequencing().equals(c.to().sequencing());
        } else if (change instanceof Change.CreateLink c) {
            return live.links().containsKey(c.link().name());
        } else if (change instanceof Change.DeleteLink c) {
            return !live.links().containsKey(c.link().name());
        } else if (change instanceof Change.SetMtu c) {
            return link(live, c.link()).map(l -> l.mtu().equals(OptionalInt.of(c.to()))).orElse(false);
        } else if (change instanceof Change.SetUp c) {
            return link(live, c.link()).map(l -> l.up() == c.up()).orElse(false);
        } else if (change instanceof Change.SetMaster c) {
            return link(live, c.link()).map(l -> l.master().equals(c.to())).orElse(false);
        } else if (change instanceof Change.AddAddress c) {
            return link(live, c.link()).map(l -> l.addresses().contains(c.address())).orElse(false);
        } else if (change instanceof Change.DeleteAddress c) {
            // On a link that is gone there is nothing to put the address back on: not done.
            return link(live, c.link()).map(l -> !l.addresses().contains(c.address())).orElse(false);
        }
        return false; // an adoption never goes to the kernel
    }

    /** Deletes: the kernel may still show an object whose delete it took (tunnels go from a work queue). */
    static boolean isDelete(Change change) {
        return change instanceof Change.DeleteTunnel || change instanceof Change.DeleteSession
                || change instanceof Change.DeleteLink;
    }

    private static Optional<Link> link(NetworkState live, String name) {
        return Optional.ofNullable(live.links().get(name));
    }

    private static boolean hasLink(NetworkState live, String name) {
        return name != null && live.links().containsKey(name);
    }
}
