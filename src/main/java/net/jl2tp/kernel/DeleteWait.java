package net.jl2tp.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.jl2tp.kernel.ChangeRequests.WireStep;
import net.jl2tp.kernel.KernelOps.StepOutcome;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkReply;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.plan.Change;

/**
 * Tunnel deletion is queued in the kernel (its id stays taken until the work has run), and on 6.12
 * session deletion too; an interface goes after its session: the done deletes of a batch are
 * polled together until every lookup answers ENODEV. The deadline counts from the last delete seen
 * to go: on 6.12 a batch's acks come at once and the kernel's work queue then unregisters one
 * interface after another (tens of ms each), where 6.1 did that before each ack. One still there
 * when nothing of its batch went for the whole timeout becomes a refused step.
 */
final class DeleteWait {
    private static final long POLL_MILLIS = 5;

    private final Kernel kernel;
    private final Duration goneTimeout;

    DeleteWait(Kernel kernel, Duration goneTimeout) {
        this.kernel = kernel;
        this.goneTimeout = goneTimeout;
    }

    /** A delete the kernel acknowledged (outcome {@code position}), and its lookups. */
    private record PendingDelete(int position, WireStep step) {
        List<NetlinkRequest> probes() {
            List<NetlinkRequest> all = new ArrayList<>(step.l2tpProbes());
            all.addAll(step.linkProbes());
            return all;
        }
    }

    /** Waits for the done deletes among {@code outcomes}; {@code steps} are their wire steps, in the same order. */
    void untilGone(List<StepOutcome> outcomes, List<WireStep> steps) throws NetlinkException {
        List<PendingDelete> pending = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).succeeded() && steps.get(i).isDelete()) {
                pending.add(new PendingDelete(i, steps.get(i)));
            }
        }
        try {
            poll(outcomes, pending);
        } catch (NetlinkException e) {
            // Acknowledged, but whether each is gone yet is not known: the executor reads them back.
            for (PendingDelete p : pending) {
                outcomes.set(p.position(), StepOutcome.unknown(outcomes.get(p.position()).change(), e));
            }
        }
    }

    /** Polls; {@code pending} keeps the deletes not yet settled, for the caller to mark if a probe fails. */
    private void poll(List<StepOutcome> outcomes, List<PendingDelete> pending) throws NetlinkException {
        long deadline = System.nanoTime() + goneTimeout.toNanos();
        while (!pending.isEmpty()) {
            List<NetlinkRequest> l2tpProbes = new ArrayList<>();
            List<NetlinkRequest> linkProbes = new ArrayList<>();
            pending.forEach(p -> {
                l2tpProbes.addAll(p.step().l2tpProbes());
                linkProbes.addAll(p.step().linkProbes());
            });
            List<NetlinkReply> replies = new ArrayList<>();
            if (!l2tpProbes.isEmpty()) {
                replies.addAll(kernel.l2tp().executeAll(l2tpProbes));
            }
            if (!linkProbes.isEmpty()) {
                replies.addAll(kernel.route().executeAll(linkProbes));
            }
            Set<NetlinkRequest> present = new HashSet<>();
            Map<NetlinkRequest, NetlinkException> failed = new HashMap<>();
            for (NetlinkReply r : replies) {
                if (r.succeeded()) {
                    present.add(r.request());
                } else if (r.error().get().errno() != Errno.ENODEV) {
                    failed.put(r.request(), r.error().get());
                }
            }
            int before = pending.size();
            pending.retainAll(settle(outcomes, pending, present, failed, System.nanoTime() > deadline));
            if (pending.size() < before) {
                deadline = System.nanoTime() + goneTimeout.toNanos(); // the kernel is getting through them
            }
            if (!pending.isEmpty()) {
                sleep();
            }
        }
    }

    /** Marks the deletes one round of probes settled; returns the ones still there, to poll again. */
    private List<PendingDelete> settle(List<StepOutcome> outcomes, List<PendingDelete> pending,
            Set<NetlinkRequest> present, Map<NetlinkRequest, NetlinkException> failed, boolean late) {
        List<PendingDelete> still = new ArrayList<>();
        for (PendingDelete p : pending) {
            Change c = outcomes.get(p.position()).change();
            Optional<NetlinkException> error = p.probes().stream().map(failed::get).filter(Objects::nonNull).findFirst();
            if (error.isPresent()) {
                outcomes.set(p.position(), StepOutcome.failed(c, error.get().withOperation("wait for " + c.summary())));
            } else if (p.probes().stream().anyMatch(present::contains)) {
                if (late) {
                    outcomes.set(p.position(), StepOutcome.failed(c, new NetlinkException("wait for " + c.summary(),
                            Errno.ETIMEDOUT, "still there: nothing of its batch went for " + goneTimeout.toMillis() + " ms", 0,
                            "the kernel deletes asynchronously; try again, and check dmesg if it stays")));
                } else {
                    still.add(p);
                }
            }
        }
        return still;
    }

    private static void sleep() throws NetlinkException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetlinkException("wait for deleted objects to go", Errno.EINTR);
        }
    }
}
