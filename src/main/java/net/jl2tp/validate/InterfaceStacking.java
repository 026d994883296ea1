package net.jl2tp.validate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jl2tp.config.BridgeConfig;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.PortConfig;
import net.jl2tp.config.Problem;
import net.jl2tp.config.SourceMark;
import net.jl2tp.config.VlanConfig;
import net.jl2tp.config.VlanKeys;

/**
 * How deep the config stacks interfaces on one another (a vlan on a vlan, a bridge over a vlan
 * over a session interface), against the kernel's limit: include/linux/netdevice.h's
 * MAX_NEST_DEV, checked when an upper device is linked to a lower one; deeper stacking is refused
 * with EMLINK, half-way through an apply. Measured in the project's VM by
 * {@code InterfaceStackingKernelTest}. Each interface's depth is computed once, so a chain of
 * 20 000 vlans costs no more than 20 000 separate ones.
 */
final class InterfaceStacking {
    /** The most devices one stack may hold, bottom and top included. */
    static final int MAX_DEVICES_IN_A_CHAIN = 8;

    /** An interface the config stacks on others: what it sits on, and where each link is written. */
    private record Upper(String name, List<String> lowers, List<SourceMark> marks, String kind) {
    }

    private final Map<String, Upper> uppers = new HashMap<>();
    /** Devices in the deepest chain that ends at the interface, itself included. */
    private final Map<String, Integer> depth = new HashMap<>();
    /** The lower interface that chain goes through, for the message. */
    private final Map<String, String> deepestLower = new HashMap<>();

    private InterfaceStacking(L2tpConfig config) {
        for (VlanConfig vlan : config.vlans()) {
            if (vlan.link() != null) {
                uppers.put(vlan.name(), new Upper(vlan.name(), List.of(vlan.link()), List.of(vlan.marks().of(VlanKeys.LINK)),
                        "vlan"));
            }
        }
        for (BridgeConfig bridge : config.bridges()) {
            uppers.put(bridge.name(), new Upper(bridge.name(), bridge.interfaces().stream().map(PortConfig::name).toList(),
                    bridge.interfaces().stream().map(p -> p.marks().self()).toList(), "bridge"));
        }
    }

    static List<Problem> check(L2tpConfig config) {
        InterfaceStacking stacking = new InterfaceStacking(config);
        List<Problem> problems = new ArrayList<>();
        for (Upper upper : stacking.uppers.values()) {
            stacking.depthOf(upper.name());
        }
        for (Upper upper : stacking.uppers.values()) {
            for (int i = 0; i < upper.lowers().size(); i++) {
                String lower = upper.lowers().get(i);
                if (stacking.depth.getOrDefault(lower, 1) == MAX_DEVICES_IN_A_CHAIN) {
                    problems.add(new Problem(upper.marks().get(i), upper.kind() + " '" + upper.name()
                            + "' on '" + lower + "' would be device " + (MAX_DEVICES_IN_A_CHAIN + 1) + " of the stack "
                            + stacking.chainBelow(lower) + " -> " + upper.name() + "; the kernel stacks at most "
                            + MAX_DEVICES_IN_A_CHAIN + " devices (MAX_NEST_DEV) and refuses more (EMLINK)"));
                }
            }
        }
        return problems;
    }

    /**
     * The depth of an interface, computed without recursion (a chain may be long): a session's
     * interface or one the config does not make counts 1; a loop (reported by another rule) is
     * cut where it closes.
     */
    private int depthOf(String start) {
        Deque<String> stack = new ArrayDeque<>();
        Map<String, Boolean> onStack = new HashMap<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            String name = stack.peek();
            if (depth.containsKey(name)) {
                stack.pop();
                continue;
            }
            Upper upper = uppers.get(name);
            if (upper == null) {
                depth.put(name, 1);
                stack.pop();
                continue;
            }
            if (onStack.putIfAbsent(name, Boolean.TRUE) == null) {
                for (String lower : upper.lowers()) {
                    if (!depth.containsKey(lower) && !onStack.containsKey(lower)) {
                        stack.push(lower);
                    }
                }
                continue;
            }
            int deepest = 0;
            for (String lower : upper.lowers()) {
                int below = depth.getOrDefault(lower, 0); // 0: the lower is on the stack, a loop
                if (below > deepest) {
                    deepest = below;
                    deepestLower.put(name, lower);
                }
            }
            depth.put(name, deepest + 1);
            onStack.remove(name);
            stack.pop();
        }
        return depth.get(start);
    }

    /** "d0 -> v1 -> ... -> v7": the deepest chain that ends at the interface, bottom first. */
    private String chainBelow(String top) {
        List<String> chain = new ArrayList<>();
        for (String name = top; name != null && chain.size() <= MAX_DEVICES_IN_A_CHAIN; name = deepestLower.get(name)) {
            chain.add(0, name);
        }
        return String.join(" -> ", chain);
    }
}
