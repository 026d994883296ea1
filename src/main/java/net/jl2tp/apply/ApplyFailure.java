package net.jl2tp.apply;

import java.util.Optional;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Change;

/**
 * An apply that did not complete: which step failed, on what object, asked for by which config
 * line, the kernel's errno and extack message, and whether the undo put everything back.
 */
public final class ApplyFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Change step;
    private final int stepNumber;
    private final int stepCount;
    private final transient NetlinkException cause;
    private final transient Optional<String> undoProblem;

    public ApplyFailure(Change step, int stepNumber, int stepCount, NetlinkException cause, Optional<String> undoProblem) {
        super(describe(step, stepNumber, stepCount, cause, cause.hint(), undoProblem), cause, false, false);
        this.step = step;
        this.stepNumber = stepNumber;
        this.stepCount = stepCount;
        this.cause = cause;
        this.undoProblem = undoProblem;
    }

    /**
     * The message with the caller's hint for the kernel's refusal instead of the netlink layer's
     * (the CLI knows more: which module to load, for instance).
     */
    public String messageWithHint(Optional<String> hint) {
        return describe(step, stepNumber, stepCount, cause, hint, undoProblem);
    }

    private static String describe(Change step, int n, int count, NetlinkException e, Optional<String> hint,
            Optional<String> undoProblem) {
        StringBuilder b = new StringBuilder("step ").append(n).append(" of ").append(count).append(", ")
                .append(step.summary());
        step.origin().ifPresent(m -> b.append(" (").append(m).append(')'));
        b.append(", failed: ").append(e.errnoName()).append(" (").append(net.jl2tp.netlink.Errno.description(e.errno()))
                .append(')');
        e.extackMessage().ifPresent(x -> b.append(": ").append(x));
        hint.ifPresent(h -> b.append("; ").append(h));
        b.append(undoProblem.map(p -> ". The undo failed too: " + p + "; the kernel is NOT as it was before this run")
                .orElse(n == 1 ? ". Nothing was changed"
                        : (n == 2 ? ". The step before it was undone" : ". The " + (n - 1) + " steps before it were undone")
                                + ": the kernel is as it was before this run"));
        return b.toString();
    }

    public Change step() {
        return step;
    }

    public int stepNumber() {
        return stepNumber;
    }

    public int stepCount() {
        return stepCount;
    }

    public NetlinkException kernelError() {
        return cause;
    }

    public boolean undone() {
        return undoProblem.isEmpty();
    }
}
