package net.jl2tp.apply;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import net.jl2tp.kernel.KernelOps;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Change;
import net.jl2tp.plan.Plan;

/**
 * Applies a plan step by step. After each step that succeeds, the state record is written, so a
 * crash never leaves a record that lies. On the first failing step, the completed steps are undone
 * in reverse and the record is put back, then the failure is thrown.
 */
public final class Executor {
    /** Where the record goes after each step: the store, or nowhere (tests). */
    public interface RecordSink {
        void save(StateRecord record) throws IOException;
    }

    private final KernelOps kernel;
    private final RecordSink sink;
    private final Consumer<Change> progress;

    public Executor(KernelOps kernel, RecordSink sink, Consumer<Change> progress) {
        this.kernel = kernel;
        this.sink = sink;
        this.progress = progress;
    }

    /** Returns the record after the whole plan. */
    public StateRecord apply(Plan plan, StateRecord before) throws ApplyFailure, IOException {
        List<Change> steps = plan.changes();
        List<Change> done = new ArrayList<>();
        StateRecord record = before;
        for (int i = 0; i < steps.size(); i++) {
            Change step = steps.get(i);
            try {
                if (!(step instanceof Change.Adopt)) {
                    kernel.apply(step);
                }
            } catch (NetlinkException e) {
                Optional<String> undoProblem = undo(done, record, before);
                throw new ApplyFailure(step, i + 1, steps.size(), e, undoProblem);
            }
            done.add(step);
            record = RecordUpdate.after(record, step);
            sink.save(record);
            progress.accept(step);
        }
        return record;
    }

    /**
     * Puts back what the completed steps did, newest first. Empty when it all went back; then the
     * record is the one from before the run, to the letter (an object that the run deleted and the
     * undo made again is owned by whoever owned it before, not by jl2tp).
     */
    private Optional<String> undo(List<Change> done, StateRecord recordNow, StateRecord before) throws IOException {
        StateRecord record = recordNow;
        for (int i = done.size() - 1; i >= 0; i--) {
            Change step = done.get(i);
            if (step instanceof Change.Adopt adopt) {
                record = RecordUpdate.unadopt(record, adopt);
                sink.save(record);
                continue;
            }
            for (Change inverse : step.undo()) {
                try {
                    kernel.apply(inverse);
                } catch (NetlinkException e) {
                    return Optional.of(inverse.summary() + ": " + e.getMessage());
                }
                record = RecordUpdate.after(record, inverse);
                sink.save(record);
            }
        }
        sink.save(before);
        return Optional.empty();
    }

}
