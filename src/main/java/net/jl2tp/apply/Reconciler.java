package net.jl2tp.apply;

import java.util.ArrayList;
import java.util.List;
import net.jl2tp.kernel.KernelOps;
import net.jl2tp.kernel.KernelOps.StepOutcome;
import net.jl2tp.model.NetworkState;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Change;

/**
 * Finds out what became of steps whose answer was lost, by reading the kernel back (StepEffect),
 * so that exactly the steps that took effect are undone and the message says what is true.
 */
final class Reconciler {
    private Reconciler() {
    }

    /** The kernel could not be read back: what the steps did stays unknown. */
    static final class Unsettled extends Exception {
        private static final long serialVersionUID = 1L;

        Unsettled(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The outcomes with each unknown one replaced: done if the kernel shows it, else refused with
     * the socket's error. A delete the kernel still shows is sent again alone: the kernel may still
     * be removing an object whose delete it took (a tunnel goes from a work queue), and a second
     * delete either completes (and waits until it is gone) or finds it gone (ENODEV): done either way.
     */
    static List<StepOutcome> settle(KernelOps kernel, List<StepOutcome> outcomes) throws Unsettled {
        NetworkState live = read(kernel);
        List<StepOutcome> settled = new ArrayList<>(outcomes.size());
        for (StepOutcome o : outcomes) {
            if (!o.unknown()) {
                settled.add(o);
            } else if (StepEffect.shows(o.change(), live)) {
                settled.add(StepOutcome.done(o.change()));
            } else if (StepEffect.isDelete(o.change())) {
                settled.add(deleteAgain(kernel, o));
            } else {
                settled.add(StepOutcome.failed(o.change(), o.error().orElseThrow()));
            }
        }
        return settled;
    }

    /**
     * After an exception out of a batch, which of {@code maybeSent} took effect, judged from the
     * state alone (nothing is sent again: these may never have gone out).
     */
    static List<Change> doneAmong(KernelOps kernel, List<Change> maybeSent) throws Unsettled {
        NetworkState live = read(kernel);
        List<Change> done = new ArrayList<>();
        for (Change c : maybeSent) {
            if (StepEffect.shows(c, live)) {
                done.add(c);
            }
        }
        return done;
    }

    private static StepOutcome deleteAgain(KernelOps kernel, StepOutcome o) throws Unsettled {
        try {
            kernel.apply(o.change());
            return StepOutcome.done(o.change());
        } catch (NetlinkException e) {
            return e.errno() == Errno.ENODEV ? StepOutcome.done(o.change()) : StepOutcome.failed(o.change(), e);
        } catch (RuntimeException e) {
            throw new Unsettled("sending " + o.change().summary() + " again failed: " + ApplyFailure.thrown(e));
        }
    }

    private static NetworkState read(KernelOps kernel) throws Unsettled {
        try {
            return kernel.read();
        } catch (NetlinkException e) {
            throw new Unsettled("reading the kernel back failed: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new Unsettled("reading the kernel back failed: " + ApplyFailure.thrown(e));
        }
    }
}
