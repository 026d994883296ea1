package net.jl2tp.apply;

import net.jl2tp.model.Ownership;

import java.util.ArrayList;
import java.util.List;
import net.jl2tp.model.NetworkState;
import net.jl2tp.plan.Change;
import net.jl2tp.plan.Conflict;
import net.jl2tp.plan.Desired;
import net.jl2tp.plan.Plan;
import net.jl2tp.plan.Planner;

/**
 * After an apply, the kernel is read again and planned against once more: anything still to do is
 * a difference the apply did not make stick (a field the kernel changed back or never took).
 */
public final class Verifier {
    private Verifier() {
    }

    /** Empty when the kernel matches the config; else one line per difference, naming the field. */
    public static List<String> differences(Desired desired, NetworkState live, Ownership record, boolean prune) {
        Plan plan = Planner.plan(desired, live, record, prune);
        List<String> differences = new ArrayList<>();
        for (Change c : plan.changes()) {
            differences.add(c.summary() + ": " + c.reason());
        }
        for (Conflict c : plan.conflicts()) {
            differences.add(c.message());
        }
        return differences;
    }
}
