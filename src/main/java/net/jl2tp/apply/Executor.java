package net.jl2tp.apply;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import net.jl2tp.kernel.KernelOps;
import net.jl2tp.kernel.KernelOps.StepOutcome;
import net.jl2tp.model.Session;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Change;
import net.jl2tp.plan.Plan;

/**
 * Applies a plan in batches of steps the kernel can take together (KernelOps.applyBatch). The state
 * record is saved after a batch once {@code checkpointInterval} has passed since the last save (and
 * at least {@link #SAVE_COST_FACTOR} times what that save took), and at the end: a record never
 * names an object jl2tp did not make, and a run killed between two saves
 * leaves objects it made unrecorded, which the next run with the same config adopts (their fields
 * match). On the first refused step, every step that was done (also later ones of the same batch) is
 * undone in reverse and the record is put back, then the failure is thrown.
 */
public final class Executor {
    /** Where the record goes: the store, or nowhere (tests). */
    public interface RecordSink {
        void save(StateRecord record) throws IOException;
    }

    /** Rewriting the record after every batch would make a 10 000-session apply quadratic. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    /**
     * A save costs in proportion to the record (0.8-1.3 s for 10 000 sessions in the emulated
     * benchmark VM, where a fixed second between saves had the run saving half the time at the end):
     * the wait after a save is at least this many times what it took, so saving stays within about
     * a tenth of a run of any size.
     */
    static final int SAVE_COST_FACTOR = 9;

    private final KernelOps kernel;
    private final RecordSink sink;
    private final Consumer<Change> progress;
    private final long checkpointNanos;
    private final LongSupplier clock;
    private long lastSave;
    private long lastSaveCost;
    private StateRecord lastSaved;

    /** Saves the record after every batch. */
    public Executor(KernelOps kernel, RecordSink sink, Consumer<Change> progress) {
        this(kernel, sink, progress, Duration.ZERO);
    }

    /** Saves the record after a batch once {@code checkpointInterval} has passed (ZERO: after every batch). */
    public Executor(KernelOps kernel, RecordSink sink, Consumer<Change> progress, Duration checkpointInterval) {
        this(kernel, sink, progress, checkpointInterval, System::nanoTime);
    }

    /** The same, on a clock of the caller's (nanoseconds): tests. */
    Executor(KernelOps kernel, RecordSink sink, Consumer<Change> progress, Duration checkpointInterval,
            LongSupplier clock) {
        this.kernel = kernel;
        this.sink = sink;
        this.progress = progress;
        this.checkpointNanos = checkpointInterval.toNanos();
        this.clock = clock;
    }

    /** Returns the record after the whole plan. */
    public StateRecord apply(Plan plan, StateRecord before) throws ApplyFailure, IOException {
        List<Change> steps = plan.changes();
        List<Change> done = new ArrayList<>();
        StateRecord record = before;
        lastSave = clock.getAsLong();
        lastSaveCost = 0;
        lastSaved = before;
        Set<String> madeByPlan = linksMadeOrAdopted(steps);
        int i = 0;
        while (i < steps.size()) {
            record = recordPortsAhead(record, steps.subList(i, steps.size()), madeByPlan);
            List<StepOutcome> outcomes = steps.get(i) instanceof Change.Adopt adopt
                    ? List.of(StepOutcome.done(adopt)) // the kernel is not touched
                    : kernel.applyBatch(steps.subList(i, steps.size()));
            List<Change> succeeded = new ArrayList<>(outcomes.size());
            Optional<StepOutcome> refused = Optional.empty();
            int refusedAt = 0;
            for (int k = 0; k < outcomes.size(); k++) {
                StepOutcome o = outcomes.get(k);
                if (o.succeeded()) {
                    succeeded.add(o.change());
                } else if (refused.isEmpty()) {
                    refused = Optional.of(o);
                    refusedAt = i + k;
                }
            }
            done.addAll(succeeded);
            record = RecordUpdate.after(record, succeeded);
            if (refused.isPresent()) {
                sink.save(record);
                Optional<String> undoProblem = undo(done, record, before);
                NetlinkException e = refused.get().error().orElseThrow();
                throw new ApplyFailure(refused.get().change(), refusedAt + 1, steps.size(), e, undoProblem);
            }
            checkpoint(record, false);
            succeeded.forEach(progress);
            i += outcomes.size();
        }
        checkpoint(record, true);
        return record;
    }

    /**
     * A link jl2tp does not own, about to be made a port of one of jl2tp's bridges, is recorded
     * before the request goes out: unrecorded, a run killed after the attach could never detach it
     * again (adoption covers what jl2tp makes, not what it does to others' links). Recorded ahead
     * and never attached is harmless: the next plan compares with the kernel's real master.
     */
    private StateRecord recordPortsAhead(StateRecord record, List<Change> rest, Set<String> madeByPlan)
            throws IOException {
        List<Change> attaches = new ArrayList<>();
        for (Change c : rest.subList(0, Math.min(rest.size(), PORTS_AHEAD))) {
            if (c instanceof Change.SetMaster m && m.to().isPresent() && !madeByPlan.contains(m.link())
                    && !m.to().get().equals(record.owned().foreignPorts().get(m.link()))) {
                attaches.add(c);
            }
        }
        StateRecord ahead = RecordUpdate.after(record, attaches);
        if (!ahead.equals(record)) {
            save(ahead);
        }
        return ahead;
    }

    /** The links this plan makes or adopts: jl2tp's own, never foreign ports, even before they exist. */
    private static Set<String> linksMadeOrAdopted(List<Change> steps) {
        Set<String> names = new HashSet<>();
        for (Change c : steps) {
            if (c instanceof Change.CreateSession cs && cs.session().interfaceName() != null) {
                names.add(cs.session().interfaceName());
            } else if (c instanceof Change.CreateLink cl) {
                names.add(cl.link().name());
            } else if (c instanceof Change.Adopt a) {
                names.addAll(a.owned().links().keySet());
                a.owned().sessions().values().stream().map(Session::interfaceName).filter(n -> n != null).forEach(names::add);
            }
        }
        return names;
    }

    /** At least one batch's worth of steps (NetlinkKernelOps.MAX_BATCH). */
    private static final int PORTS_AHEAD = 256;

    private void checkpoint(StateRecord record, boolean always) throws IOException {
        if (record == lastSaved) {
            return;
        }
        long wait = checkpointNanos == 0 ? 0 : Math.max(checkpointNanos, SAVE_COST_FACTOR * lastSaveCost);
        if (always || clock.getAsLong() - lastSave >= wait) {
            save(record);
        }
    }

    /** Saves, and notes when the save ended and what it took: the next checkpoint's wait counts from there. */
    private void save(StateRecord record) throws IOException {
        long start = clock.getAsLong();
        sink.save(record);
        lastSave = clock.getAsLong();
        lastSaveCost = lastSave - start;
        lastSaved = record;
    }

    /**
     * Puts back what the completed steps did, newest first. Empty when it all went back; then the
     * record is the one from before the run, to the letter (an object that the run deleted and the
     * undo made again is owned by whoever owned it before, not by jl2tp).
     */
    private Optional<String> undo(List<Change> done, StateRecord recordNow, StateRecord before) throws IOException {
        StateRecord record = recordNow;
        List<Change> inverses = new ArrayList<>();
        for (int i = done.size() - 1; i >= 0; i--) {
            if (done.get(i) instanceof Change.Adopt adopt) {
                record = RecordUpdate.unadopt(record, adopt); // jl2tp gives them back; the kernel is not touched
            } else {
                inverses.addAll(done.get(i).undo());
            }
        }
        int i = 0;
        while (i < inverses.size()) {
            List<StepOutcome> outcomes = kernel.applyBatch(inverses.subList(i, inverses.size()));
            List<Change> undone = new ArrayList<>();
            for (StepOutcome o : outcomes) {
                if (o.succeeded()) {
                    undone.add(o.change());
                }
            }
            record = RecordUpdate.after(record, undone);
            for (StepOutcome o : outcomes) {
                if (!o.succeeded()) {
                    sink.save(record); // what is still jl2tp's after an undo that stopped half-way
                    return Optional.of(o.change().summary() + ": " + o.error().orElseThrow().getMessage());
                }
            }
            i += outcomes.size();
        }
        sink.save(before);
        return Optional.empty();
    }
}
