package net.jl2tp.kernel;

import java.util.List;
import java.util.Optional;
import net.jl2tp.model.NetworkState;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Change;

/**
 * What the executor needs of a kernel: read the state, and carry out changes completely (a delete
 * returns only once the object is really gone, so its id or name can be reused).
 */
public interface KernelOps {
    NetworkState read() throws NetlinkException;

    void apply(Change change) throws NetlinkException;

    /** What became of one step sent to the kernel: done, or refused with the kernel's error. */
    record StepOutcome(Change change, Optional<NetlinkException> error) {
        public static StepOutcome done(Change change) {
            return new StepOutcome(change, Optional.empty());
        }

        public static StepOutcome failed(Change change, NetlinkException e) {
            return new StepOutcome(change, Optional.of(e));
        }

        public boolean succeeded() {
            return error.isEmpty();
        }
    }

    /**
     * Carries out steps from the front of {@code steps}, as many as can go to the kernel together,
     * and returns what became of each, in order: at least one, at most {@code steps.size()}. The
     * kernel carries out every step it was sent, so a refused step may be followed by steps that
     * were done. This default sends the first step alone.
     */
    default List<StepOutcome> applyBatch(List<Change> steps) {
        Change first = steps.get(0);
        try {
            apply(first);
            return List.of(StepOutcome.done(first));
        } catch (NetlinkException e) {
            return List.of(StepOutcome.failed(first, e));
        }
    }
}
