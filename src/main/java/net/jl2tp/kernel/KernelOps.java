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

    /**
     * What became of one step sent to the kernel: done; refused with the kernel's error; or not
     * known ({@code answered} false): the request went out and its answer was lost with a socket
     * error (ENOBUFS, the receive timeout), so the caller must read the kernel to find out.
     */
    record StepOutcome(Change change, Optional<NetlinkException> error, boolean answered) {
        public static StepOutcome done(Change change) {
            return new StepOutcome(change, Optional.empty(), true);
        }

        public static StepOutcome failed(Change change, NetlinkException e) {
            return new StepOutcome(change, Optional.of(e), true);
        }

        /** Sent, but {@code lost} (a socket error) took its answer. */
        public static StepOutcome unknown(Change change, NetlinkException lost) {
            return new StepOutcome(change, Optional.of(lost), false);
        }

        public boolean succeeded() {
            return error.isEmpty();
        }

        public boolean unknown() {
            return !answered;
        }
    }

    /**
     * Carries out steps from the front of {@code steps}, as many as can go to the kernel together,
     * and returns what became of each, in order: at least one, at most {@code steps.size()}. The
     * kernel carries out every step it was sent, so a refused step may be followed by steps that
     * were done. Steps left out were not sent. Whatever goes wrong is an outcome, not an exception;
     * an exception that escapes anyway leaves the outcome of the steps it was given unknown. This
     * default sends the first step alone.
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
