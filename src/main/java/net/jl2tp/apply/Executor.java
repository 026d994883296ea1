package net.jl2tp.apply;

import net.jl2tp.model.Ownership;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import net.jl2tp.kernel.Batches;
import net.jl2tp.kernel.KernelOps;
import net.jl2tp.kernel.KernelOps.StepOutcome;
import net.jl2tp.plan.Change;
import net.jl2tp.plan.Plan;

/**
 * Applies a plan in batches of steps the kernel can take together (KernelOps.applyBatch). The state
 * record is saved after a batch once {@code checkpointInterval} has passed since the last save (and
 * at least {@link #SAVE_COST_FACTOR} times what that save took), and at the end: a record never
 * names an object jl2tp did not make, and a run killed between two saves
 * leaves objects it made unrecorded, which the next run with the same config adopts (their fields
 * match). On the first step that fails (refused, its answer lost, or anything thrown), every step
 * that was done (also later ones of the same batch; the kernel is read back when an answer was
 * lost) is undone in reverse and the record is put back, then the failure is thrown. A record that
 * cannot be written stops the run too; the kernel then goes back to what the record last written
 * says (see {@link #failure}).
 */
public final class Executor {
    /** Where the record goes: the store, or nowhere (tests). */
    public interface RecordSink {
        void save(Ownership record) throws IOException;
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
    private Ownership lastSaved;
    /** How many of the steps done the record last written names (it is written after whole batches). */
    private int savedThrough;
    /** The first record write that failed: from then on the undo goes back only as far as the record. */
    private Optional<Exception> saveError = Optional.empty();

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
    public Ownership apply(Plan plan, Ownership before) throws ApplyFailure {
        List<Change> steps = plan.changes();
        List<Change> done = new ArrayList<>();
        Ownership record = before;
        lastSave = clock.getAsLong();
        lastSaveCost = 0;
        lastSaved = before;
        savedThrough = 0;
        saveError = Optional.empty();
        Set<String> madeByPlan = linksMadeOrAdopted(steps);
        int i = 0;
        while (i < steps.size()) {
            try {
                record = recordPortsAhead(record, steps.subList(i, steps.size()), madeByPlan, done.size());
            } catch (Exception e) {
                throw notWritten(e, steps.size(), done, record, before);
            }
            Batch batch = send(steps.subList(i, steps.size()), i, steps.size());
            done.addAll(batch.succeeded());
            record = RecordUpdate.after(record, batch.succeeded());
            if (batch.stop().isPresent()) {
                throw failure(batch.stop().get(), done, record, before);
            }
            try {
                checkpoint(record, false, done.size());
            } catch (Exception e) {
                throw notWritten(e, steps.size(), done, record, before);
            }
            batch.succeeded().forEach(progress);
            i += batch.outcomes().size();
        }
        try {
            checkpoint(record, true, done.size());
        } catch (Exception e) {
            throw notWritten(e, steps.size(), done, record, before);
        }
        return record;
    }

    /** A record write failed (an IOException, or anything the sink threw): the run stops there. */
    private ApplyFailure notWritten(Exception e, int count, List<Change> done, Ownership record, Ownership before) {
        saveError = Optional.of(e);
        return failure(new ApplyFailure.RecordNotWritten(done.size(), count, e), done, record, before);
    }

    /**
     * What became of one batch, every outcome known: the steps done, and what stops the run if
     * anything does (a refusal, a lost answer, an exception) with, when the kernel could not be
     * read back, the steps whose outcome stays unknown.
     */
    private record Batch(List<StepOutcome> outcomes, Optional<Stop> stop) {
        List<Change> succeeded() {
            List<Change> ok = new ArrayList<>(outcomes.size());
            outcomes.forEach(o -> {
                if (o.succeeded()) {
                    ok.add(o.change());
                }
            });
            return ok;
        }

        /** Answers were lost, but the kernel read back shows every step of the batch done. */
        boolean lostButAllDone() {
            return stop.isPresent() && stop.get().cause() instanceof ApplyFailure.AnswerLost && stop.get().unknown().isEmpty()
                    && outcomes.stream().allMatch(StepOutcome::succeeded);
        }
    }

    /** Why a batch stops the run; {@code unknown}: the steps whose outcome could not be found out, and why. */
    private record Stop(ApplyFailure.StepFailed cause, Optional<Unknown> unknown) {
    }

    /** Plan steps {@code from} to {@code to} (counted from 1) have an unknown outcome. */
    private record Unknown(String why, int from, int to) {
    }

    /**
     * Sends the batch at the front of {@code rest} (plan step {@code offset + 1} of {@code count})
     * and settles every outcome: an answer lost to a socket error, or an exception out of the batch
     * (any Exception, and any Error but a VirtualMachineError: out of memory or stack, the JVM
     * cannot be trusted to run an undo, and the run ends as a kill would, the record written so far
     * naming only what is there), is found out by reading the kernel back.
     */
    private Batch send(List<Change> rest, int offset, int count) {
        if (rest.get(0).adoption().isPresent()) {
            return new Batch(List.of(StepOutcome.done(rest.get(0))), Optional.empty()); // the kernel is not touched
        }
        List<StepOutcome> outcomes;
        try {
            outcomes = kernel.applyBatch(rest);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Exception | Error e) {
            return afterThrow(rest, offset, count, e);
        }
        if (outcomes.isEmpty()) {
            return afterThrow(rest, offset, count, new IllegalStateException("the kernel layer answered a batch with no outcome"));
        }
        int first = indexOf(outcomes, o -> !o.succeeded());
        if (first < 0) {
            return new Batch(outcomes, Optional.empty());
        }
        StepOutcome o = outcomes.get(first);
        ApplyFailure.StepFailed cause = o.unknown()
                ? new ApplyFailure.AnswerLost(o.change(), offset + first + 1, count, o.error().orElseThrow())
                : new ApplyFailure.Refused(o.change(), offset + first + 1, count, o.error().orElseThrow());
        if (indexOf(outcomes, StepOutcome::unknown) < 0) {
            return new Batch(outcomes, Optional.of(new Stop(cause, Optional.empty())));
        }
        try {
            return new Batch(Reconciler.settle(kernel, outcomes), Optional.of(new Stop(cause, Optional.empty())));
        } catch (Reconciler.Unsettled u) {
            return unsettled(outcomes, offset, cause, u);
        }
    }

    /**
     * The steps that were sent may have been done in part: the kernel, read back, says which. The
     * failed step is the first that did not take effect (the batch's first if it cannot be told).
     */
    private Batch afterThrow(List<Change> rest, int offset, int count, Throwable e) {
        List<Change> maybeSent = Batches.take(rest, PORTS_AHEAD);
        try {
            List<Change> done = Reconciler.doneAmong(kernel, maybeSent);
            Set<Change> doneSet = Collections.newSetFromMap(new IdentityHashMap<>());
            doneSet.addAll(done);
            int failed = 0;
            while (failed < maybeSent.size() - 1 && doneSet.contains(maybeSent.get(failed))) {
                failed++;
            }
            List<StepOutcome> outcomes = new ArrayList<>();
            done.forEach(c -> outcomes.add(StepOutcome.done(c)));
            return new Batch(outcomes, Optional.of(new Stop(
                    new ApplyFailure.Thrown(maybeSent.get(failed), offset + failed + 1, count, e), Optional.empty())));
        } catch (Reconciler.Unsettled u) {
            return new Batch(List.of(), Optional.of(new Stop(new ApplyFailure.Thrown(rest.get(0), offset + 1, count, e),
                    Optional.of(new Unknown(u.getMessage(), offset + 1, offset + maybeSent.size())))));
        }
    }

    /** The answered outcomes stand; the unanswered ones stay unknown. */
    private static Batch unsettled(List<StepOutcome> outcomes, int offset, ApplyFailure.StepFailed cause,
            Reconciler.Unsettled u) {
        List<StepOutcome> answered = new ArrayList<>();
        int first = -1;
        int last = -1;
        for (int k = 0; k < outcomes.size(); k++) {
            if (outcomes.get(k).unknown()) {
                first = first < 0 ? k : first;
                last = k;
            } else {
                answered.add(outcomes.get(k));
            }
        }
        return new Batch(answered, Optional.of(new Stop(cause,
                Optional.of(new Unknown(u.getMessage(), offset + first + 1, offset + last + 1)))));
    }

    private static int indexOf(List<StepOutcome> outcomes, java.util.function.Predicate<StepOutcome> which) {
        for (int k = 0; k < outcomes.size(); k++) {
            if (which.test(outcomes.get(k))) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Ends a run that cannot go on: undoes what it did and says where that left the kernel and the
     * record. While the record can be written, the kernel goes back to before the run; once a write
     * has failed, only the steps after the record last written are undone, so that the kernel is
     * what that record says (it cannot be told otherwise). A record write that fails afterwards is
     * told in the message, with what the record then says.
     */
    private ApplyFailure failure(Stop stop, List<Change> done, Ownership record, Ownership before) {
        if (stop.unknown().isEmpty()) {
            return failure(stop.cause(), done, record, before);
        }
        // Nothing is undone on top of steps whose effect is unknown: the record names what is known done.
        Unknown u = stop.unknown().get();
        Optional<Exception> notWritten = saveError.isPresent() ? saveError : trySave(record, done.size());
        return new ApplyFailure(stop.cause(), new ApplyFailure.Ending.NotKnown(u.why(), u.from(), u.to()),
                notWritten.map(e -> "the state record could not be written (" + ApplyFailure.thrown(e)
                        + "): it names what was done up to step " + savedThrough + " only"));
    }

    private ApplyFailure failure(ApplyFailure.Cause cause, List<Change> done, Ownership record, Ownership before) {
        if (saveError.isEmpty()) {
            // Written before the undo: a run killed during it leaves a record naming what may still be
            // there; what the run deleted is named too, as the undo makes it again (named and gone is
            // harmless: the next apply drops it).
            trySave(RecordUpdate.alsoNaming(record, before), done.size());
        }
        int from = saveError.isEmpty() ? 0 : savedThrough;
        Undo undo = undo(done.subList(from, done.size()), record);
        if (!undo.complete()) {
            Optional<Exception> notWritten = trySave(undo.record(), savedThrough);
            String onDisk = from == 0 ? "it names what this run made and deleted; the next apply drops what is gone"
                    : "it names what was done up to step " + from + " only, not what is left after it";
            return new ApplyFailure(cause, new ApplyFailure.Ending.UndoFailed(undo.problem(), undo.left()),
                    notWritten.map(e -> "the state record could not be written (" + ApplyFailure.thrown(e) + "): " + onDisk));
        }
        if (from > 0) {
            return new ApplyFailure(cause, new ApplyFailure.Ending.BackToRecord(from, done.size() - from), Optional.empty());
        }
        Optional<Exception> notWritten = lastSaved.equals(before) ? Optional.empty() : trySave(before, 0);
        return new ApplyFailure(cause, new ApplyFailure.Ending.Undone(done.size()),
                notWritten.map(e -> "the state record could not be written (" + ApplyFailure.thrown(e)
                        + "): it still names what this run had made or was about to attach, all gone now, which the next apply drops"));
    }

    /** Saves; a failure is returned (and kept: from then on the undo goes back only as far as the record). */
    private Optional<Exception> trySave(Ownership r, int stepsDone) {
        try {
            save(r, stepsDone);
            return Optional.empty();
        } catch (Exception e) {
            saveError = Optional.of(e);
            return Optional.of(e);
        }
    }

    /**
     * A link jl2tp does not own, about to be made a port of one of jl2tp's bridges, is recorded
     * before the request goes out: unrecorded, a run killed after the attach could never detach it
     * again (adoption covers what jl2tp makes, not what it does to others' links). Recorded ahead
     * and never attached is harmless: the next plan compares with the kernel's real master.
     */
    private Ownership recordPortsAhead(Ownership record, List<Change> rest, Set<String> madeByPlan, int stepsDone)
            throws IOException {
        List<Change> attaches = new ArrayList<>();
        for (Change c : rest.subList(0, Math.min(rest.size(), PORTS_AHEAD))) {
            Optional<Change.SetMaster> attach = LinkSteps.attach(c);
            if (attach.isPresent() && !madeByPlan.contains(attach.get().link())
                    && !attach.get().to().get().equals(record.owned().foreignPorts().get(attach.get().link()))) {
                attaches.add(c);
            }
        }
        Ownership ahead = RecordUpdate.after(record, attaches);
        if (!ahead.equals(record)) {
            save(ahead, stepsDone);
        }
        return ahead;
    }

    /** The links this plan makes or adopts: jl2tp's own, never foreign ports, even before they exist. */
    private static Set<String> linksMadeOrAdopted(List<Change> steps) {
        Set<String> names = new HashSet<>();
        for (Change c : steps) {
            names.addAll(LinkSteps.madeOrAdopted(c));
        }
        return names;
    }

    /** At least one batch's worth of steps (NetlinkKernelOps.MAX_BATCH). */
    private static final int PORTS_AHEAD = 256;

    private void checkpoint(Ownership record, boolean always, int stepsDone) throws IOException {
        if (record == lastSaved) {
            return;
        }
        long wait = checkpointNanos == 0 ? 0 : Math.max(checkpointNanos, SAVE_COST_FACTOR * lastSaveCost);
        if (always || clock.getAsLong() - lastSave >= wait) {
            save(record, stepsDone);
        }
    }

    /**
     * Saves, and notes when the save ended and what it took (the next checkpoint's wait counts from
     * there), and that the record now names the first {@code stepsDone} steps done.
     */
    private void save(Ownership record, int stepsDone) throws IOException {
        long start = clock.getAsLong();
        sink.save(record);
        lastSave = clock.getAsLong();
        lastSaveCost = lastSave - start;
        lastSaved = record;
        savedThrough = stepsDone;
    }

    /** Where an undo stopped: {@code left} the steps still in effect, empty when all went back. */
    private record Undo(Ownership record, String problem, List<Change> left) {
        boolean complete() {
            return problem == null;
        }
    }

    /**
     * Puts back what {@code toUndo} did, newest first, on the in-memory record; the caller writes
     * it. An inverse step is settled like any (a lost answer is read back); the first one that is
     * refused, or whose effect cannot be found out, stops the undo.
     */
    private Undo undo(List<Change> toUndo, Ownership recordNow) {
        Ownership record = recordNow;
        List<Change> inverses = new ArrayList<>();
        List<Change> inverseOf = new ArrayList<>(); // the done step each inverse puts back
        for (int i = toUndo.size() - 1; i >= 0; i--) {
            Optional<Change.Adopt> adoption = toUndo.get(i).adoption();
            if (adoption.isPresent()) {
                record = RecordUpdate.unadopt(record, adoption.get()); // jl2tp gives them back; the kernel is not touched
            } else {
                for (Change inverse : toUndo.get(i).undo()) {
                    inverses.add(inverse);
                    inverseOf.add(toUndo.get(i));
                }
            }
        }
        int i = 0;
        while (i < inverses.size()) {
            Batch batch = send(inverses.subList(i, inverses.size()), i, inverses.size());
            record = RecordUpdate.after(record, batch.succeeded());
            if (batch.stop().isPresent() && !batch.lostButAllDone()) { // an undo goes on after a lost answer read back
                Set<Change> undone = Collections.newSetFromMap(new IdentityHashMap<>());
                undone.addAll(inverses.subList(0, i));
                undone.addAll(batch.succeeded());
                Set<Change> left = Collections.newSetFromMap(new IdentityHashMap<>());
                List<Change> leftInPlanOrder = new ArrayList<>();
                for (int k = inverses.size() - 1; k >= 0; k--) {
                    if (!undone.contains(inverses.get(k)) && left.add(inverseOf.get(k))) {
                        leftInPlanOrder.add(inverseOf.get(k));
                    }
                }
                return new Undo(record, undoProblem(batch.stop().get()), leftInPlanOrder);
            }
            i += batch.outcomes().size();
        }
        return new Undo(record, null, List.of());
    }

    private static String undoProblem(Stop stop) {
        ApplyFailure.StepFailed f = stop.cause();
        String what = f.step().summary() + ": ";
        if (f instanceof ApplyFailure.Refused r) {
            what += r.error().getMessage();
        } else if (f instanceof ApplyFailure.AnswerLost l) {
            what += "the netlink socket lost the kernel's answer (" + l.socketError().getMessage() + ")";
        } else if (f instanceof ApplyFailure.Thrown t) {
            what += "internal error: " + ApplyFailure.thrown(t.thrown());
        }
        if (stop.unknown().isPresent()) {
            what += "; what it did is not known (" + stop.unknown().get().why() + ")";
        }
        return what;
    }
}
