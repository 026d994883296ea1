package net.jl2tp.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;

/**
 * A bridge forwards a frame only if it fits the MTU of the port it leaves by: ports of different
 * MTUs mean that frames from the larger side are silently dropped on the smaller. One warning per
 * config bridge whose ports will have different MTUs once the plan ran.
 */
final class BridgeMtuWarnings {
    private final Desired desired;
    private final NetworkState want;
    private final NetworkState live;
    private final Fates fates;

    private BridgeMtuWarnings(Desired desired, NetworkState live, Fates fates) {
        this.desired = desired;
        this.want = desired.state();
        this.live = live;
        this.fates = fates;
    }

    static List<Warning> of(Desired desired, NetworkState live, Fates fates) {
        return new BridgeMtuWarnings(desired, live, fates).warnings();
    }

    private List<Warning> warnings() {
        // Ports by bridge, in one pass: looking for each bridge's ports among all links grew with
        // bridges x links.
        Map<String, TreeMap<String, Integer>> mtusByBridge = new HashMap<>();
        for (Link bridge : want.links().values()) {
            if (bridge.kind() == LinkKind.BRIDGE) {
                mtusByBridge.put(bridge.name(), new TreeMap<>());
            }
        }
        for (Link l : want.links().values()) {
            TreeMap<String, Integer> mtus = l.master().map(mtusByBridge::get).orElse(null);
            if (mtus != null) {
                mtuAfterPlan(l.name()).ifPresent(mtu -> mtus.put(l.name(), mtu));
            }
        }
        want.foreignPorts().forEach((port, b) -> {
            TreeMap<String, Integer> mtus = mtusByBridge.get(b);
            if (mtus != null) {
                mtuAfterPlan(port).ifPresent(mtu -> mtus.put(port, mtu));
            }
        });
        List<Warning> warnings = new ArrayList<>();
        for (Link bridge : want.links().values()) {
            if (bridge.kind() != LinkKind.BRIDGE) {
                continue;
            }
            TreeMap<String, Integer> mtus = mtusByBridge.get(bridge.name());
            if (new HashSet<>(mtus.values()).size() > 1) {
                int smallest = mtus.values().stream().min(Integer::compare).get();
                List<String> ports = mtus.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
                ObjectRef ref = new ObjectRef.LinkRef(bridge.name());
                warnings.add(new Warning(ref, "bridge " + bridge.name() + " has ports of different MTUs ("
                        + String.join(", ", ports) + "): a bridge drops frames larger than the MTU of the port they "
                        + "leave by, so hosts behind the larger ports must send no frame over " + smallest + " bytes",
                        desired.markOf(ref, "interfaces")));
            }
        }
        return warnings;
    }

    /** A link's MTU once the plan ran, as far as it is known: wanted, else kept, else a vlan's parent's. */
    private OptionalInt mtuAfterPlan(String name) {
        Link w = want.links().get(name);
        if (w != null && w.mtu().isPresent()) {
            return w.mtu();
        }
        Link l = live.links().get(name);
        if (l != null && !fates.goesAway(name) && !fates.isFresh(name)) {
            return l.mtu();
        }
        if (w != null && w.vlan().isPresent() && !w.vlan().get().link().equals(name)) {
            return mtuAfterPlan(w.vlan().get().link());
        }
        return OptionalInt.empty();
    }
}
