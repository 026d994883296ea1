package net.jl2tp.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jl2tp.kernel.ChangeRequests.WireStep;
import net.jl2tp.model.NetworkState;
import net.jl2tp.netlink.NetlinkBatchInterrupted;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkReply;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.plan.Change;

/**
 * Carries out plan changes with netlink requests, many to a datagram. A batch (see {@link Batches})
 * is a run of steps for one socket (L2TP steps go over generic netlink, link steps over rtnetlink)
 * in which no step names an object that an earlier step of the batch makes or deletes, so the
 * kernel's answer to each does not depend on when the one before it was answered. The steps'
 * ifindexes come from an {@link IfindexCache}, their requests from {@link ChangeRequests}, and a
 * batch's deletes are waited for by {@link DeleteWait}.
 */
public final class NetlinkKernelOps implements KernelOps {
    /** Interface unregistration takes tens of milliseconds each (vm-notes.md); a deleted object gets this long. */
    public static final Duration DEFAULT_GONE_TIMEOUT = Duration.ofSeconds(10);
    /** Steps handed to the kernel at once; the socket splits them into datagrams of 64. */
    static final int MAX_BATCH = 256;

    private final Kernel kernel;
    private final IfindexCache indexes = new IfindexCache();
    private final ChangeRequests requests;
    private final DeleteWait deletes;

    public NetlinkKernelOps(Kernel kernel, Duration goneTimeout) {
        this.kernel = kernel;
        this.requests = new ChangeRequests(kernel.l2tp().tunnelCodec(), kernel.l2tp().sessionCodec(), indexes::index);
        this.deletes = new DeleteWait(kernel, goneTimeout);
    }

    @Override
    public NetworkState read() throws NetlinkException {
        return kernel.read().state();
    }

    @Override
    public void apply(Change change) throws NetlinkException {
        StepOutcome outcome = applyBatch(List.of(change)).get(0);
        if (outcome.error().isPresent()) {
            throw outcome.error().get();
        }
    }

    @Override
    public List<StepOutcome> applyBatch(List<Change> steps) {
        List<Change> batch = Batches.take(steps, MAX_BATCH);
        try {
            return run(batch);
        } catch (NetlinkException e) {
            // The index lookups failed: nothing of this batch was sent.
            return List.of(notSent(batch.get(0), e));
        }
    }

    private List<StepOutcome> run(List<Change> batch) throws NetlinkException {
        boolean l2tp = Batches.isL2tp(batch.get(0));
        List<StepOutcome> outcomes = new ArrayList<>(batch.size());
        Optional<StepOutcome> unresolved = Optional.empty();
        if (!l2tp) {
            unresolved = indexes.resolve(batch, kernel.route());
            if (unresolved.isPresent()) {
                batch = batch.subList(0, batch.indexOf(unresolved.get().change()));
            }
        }
        if (!batch.isEmpty()) {
            List<WireStep> wire = new ArrayList<>(batch.size());
            List<NetlinkRequest> sent = new ArrayList<>(batch.size());
            for (Change c : batch) {
                wire.add(requests.map(c));
                sent.add(wire.get(wire.size() - 1).request());
            }
            List<NetlinkReply> replies;
            try {
                replies = l2tp ? kernel.l2tp().executeAll(sent) : kernel.route().executeAll(sent);
            } catch (NetlinkBatchInterrupted e) {
                indexes.forget(batch); // what the sent steps made or deleted is not known
                return interrupted(batch, wire, e);
            }
            for (int i = 0; i < batch.size(); i++) {
                outcomes.add(outcome(batch.get(i), wire.get(i), replies.get(i)));
            }
            indexes.forget(batch);
            deletes.untilGone(outcomes, wire);
        }
        unresolved.ifPresent(outcomes::add);
        return outcomes;
    }

    private static StepOutcome outcome(Change c, WireStep wire, NetlinkReply reply) {
        Optional<NetlinkException> error = reply.error();
        return error.isEmpty() ? StepOutcome.done(c)
                : StepOutcome.failed(c, error.get().withHint(wire.hint().apply(error.get().errno())).withOperation(c.summary()));
    }

    /**
     * A socket error in the middle of the batch: the answered steps are known; a step sent and not
     * answered was carried out or refused, nobody knows which (the executor reads the kernel back);
     * the first step not sent ends the outcomes as refused, and the ones after it are left out.
     */
    private static List<StepOutcome> interrupted(List<Change> batch, List<WireStep> wire, NetlinkBatchInterrupted e) {
        NetlinkException lost = e.socketError();
        List<StepOutcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < e.sent(); i++) {
            Change c = batch.get(i);
            WireStep w = wire.get(i);
            outcomes.add(e.answers().get(i).map(reply -> outcome(c, w, reply)).orElseGet(() -> StepOutcome.unknown(c, lost)));
        }
        if (e.sent() < batch.size()) {
            outcomes.add(notSent(batch.get(e.sent()), lost));
        }
        return outcomes;
    }

    private static StepOutcome notSent(Change c, NetlinkException e) {
        return StepOutcome.failed(c, e.withOperation(c.summary()).withHint("the netlink socket failed before the step was sent"));
    }
}
