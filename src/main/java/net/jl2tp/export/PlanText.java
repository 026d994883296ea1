package net.jl2tp.export;

import net.jl2tp.plan.Change;
import net.jl2tp.plan.Conflict;
import net.jl2tp.plan.Note;
import net.jl2tp.plan.Plan;
import net.jl2tp.plan.Warning;

import java.util.List;

/** The plan for people: one line a change with +, -, ~ or =, and under it why and which line asked. */
public final class PlanText {
    private PlanText() {
    }

    public static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        List<Change> changes = plan.changes();
        if (changes.isEmpty() && plan.conflicts().isEmpty()) {
            out.append("in sync: nothing to change\n");
        }
        for (Change c : changes) {
            out.append(c.sign()).append(' ').append(c.summary()).append('\n');
            out.append("    ").append(c.reason());
            c.origin().ifPresent(m -> out.append("  (").append(m).append(')'));
            out.append('\n');
        }
        if (!plan.notes().isEmpty()) {
            out.append("left alone:\n");
            for (Note n : plan.notes()) {
                out.append("  ").append(n.target()).append(": ").append(n.message()).append('\n');
            }
        }
        out.append(warnings(plan));
        if (!plan.conflicts().isEmpty()) {
            out.append("conflicts (nothing is applied until they are resolved):\n");
            for (Conflict c : plan.conflicts()) {
                out.append("  ").append(c.origin().map(m -> m + ": ").orElse("")).append(c.message()).append('\n');
            }
        }
        if (!changes.isEmpty()) {
            long kernel = plan.kernelChanges().size();
            out.append(changes.size()).append(changes.size() == 1 ? " change" : " changes");
            if (kernel != changes.size()) {
                out.append(" (").append(kernel).append(" to the kernel)");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The warnings alone, for an apply that prints its steps as they run rather than the plan. */
    public static String warnings(Plan plan) {
        StringBuilder out = new StringBuilder();
        if (!plan.warnings().isEmpty()) {
            out.append("warnings:\n");
            for (Warning w : plan.warnings()) {
                out.append("  ").append(w.origin().map(m -> m + ": ").orElse("")).append(w.message()).append('\n');
            }
        }
        return out.toString();
    }
}
