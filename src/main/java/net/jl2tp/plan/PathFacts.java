package net.jl2tp.plan;

import java.util.Map;
import java.util.Set;

/**
 * What the kernel side looked up for MTUs, handed to the pure planner as numbers and names.
 *
 * @param underlays by tunnel id, the path toward the tunnel's remote from its local address
 * @param loadedModules of the netfilter defrag modules ({@code nf_defrag_ipv4}, {@code nf_defrag_ipv6}),
 *     those that are loaded
 */
public record PathFacts(Map<Long, Underlay> underlays, Set<String> loadedModules) {
    public PathFacts {
        underlays = Map.copyOf(underlays);
        loadedModules = Set.copyOf(loadedModules);
    }
}
