package net.jl2tp.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jl2tp.kernel.KernelOps.StepOutcome;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkReply;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.netlink.route.Link;
import net.jl2tp.netlink.route.LinkCodec;
import net.jl2tp.netlink.route.RouteNetlink;
import net.jl2tp.plan.Change;
import net.jl2tp.plan.Phase;

/**
 * Interface indexes by name, looked up in batches and kept until jl2tp makes or deletes a link of
 * that name (ifindexes are never reused soon, so one changed behind jl2tp's back fails with
 * ENODEV, never hits another link).
 */
final class IfindexCache {
    private final Map<String, Integer> indexes = new HashMap<>();

    /** The index of a link {@link #resolve} found. */
    int index(String name) {
        return indexes.get(name);
    }

    /**
     * Looks up, in one batch, the ifindexes the steps need and are not known yet. Returns the
     * first step whose link is missing, as refused with ENODEV: the batch stops before it.
     */
    Optional<StepOutcome> resolve(List<Change> batch, RouteNetlink route) throws NetlinkException {
        Set<String> unknown = new LinkedHashSet<>();
        for (Change c : batch) {
            for (String name : Batches.linkNames(c)) {
                if (!indexes.containsKey(name)) {
                    unknown.add(name);
                }
            }
        }
        Map<String, NetlinkException> missing = new HashMap<>();
        if (!unknown.isEmpty()) {
            List<String> names = List.copyOf(unknown);
            List<NetlinkRequest> lookups = new ArrayList<>(names.size());
            names.forEach(name -> lookups.add(LinkCodec.get(name)));
            List<NetlinkReply> replies = route.executeAll(lookups);
            for (int i = 0; i < names.size(); i++) { // one reply per request, in order
                String name = names.get(i);
                try {
                    Optional<Link> link = RouteNetlink.linkOrEmpty(replies.get(i));
                    if (link.isPresent()) {
                        indexes.put(name, link.get().index());
                    } else {
                        missing.put(name, new NetlinkException("find link " + name, Errno.ENODEV));
                    }
                } catch (NetlinkException e) {
                    missing.put(name, e);
                }
            }
        }
        for (Change c : batch) {
            for (String name : Batches.linkNames(c)) {
                if (missing.containsKey(name)) {
                    return Optional.of(StepOutcome.failed(c, missing.get(name).withOperation(c.summary())));
                }
            }
        }
        return Optional.empty();
    }

    /** Forgets the links the steps made or deleted, or may have. */
    void forget(List<Change> batch) {
        for (Change c : batch) {
            if (c.phase() == Phase.DELETE_TUNNELS) {
                indexes.clear(); // the kernel closes the tunnel's sessions, and their interfaces go
            }
            Batches.madeOrDeletedLinks(c).forEach(indexes::remove);
        }
    }
}
