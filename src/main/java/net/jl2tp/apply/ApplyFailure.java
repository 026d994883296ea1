package net.jl2tp.apply;

import java.util.List;
import java.util.Optional;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Change;

/**
 * An apply that did not complete: what stopped it (a step the kernel refused, a step whose answer
 * the socket lost, an exception, a state record that could not be written), and where the undo
 * left the kernel and the record. Its message is the one line the user sees.
 */
public final class ApplyFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What stopped the run. */
    public sealed interface Cause permits StepFailed, RecordNotWritten {
    }

    /** A plan step failed; {@code number} counts plan steps from 1, out of {@code count}. */
    public sealed interface StepFailed extends Cause permits Refused, AnswerLost, Thrown {
        Change step();

        int number();

        int count();
    }

    /** The kernel refused the step. */
    public record Refused(Change step, int number, int count, NetlinkException error) implements StepFailed {
    }

    /** The socket failed while the step was out (ENOBUFS, the receive timeout, a garbled reply). */
    public record AnswerLost(Change step, int number, int count, NetlinkException socketError) implements StepFailed {
    }

    /** Something threw while the step was carried out: a bug of jl2tp's, or of a library. */
    public record Thrown(Change step, int number, int count, Throwable thrown) implements StepFailed {
    }

    /** The state record could not be written after {@code stepsDone} of {@code count} steps. */
    public record RecordNotWritten(int stepsDone, int count, Exception error) implements Cause {
    }

    /** Where the undo left the kernel. */
    public sealed interface Ending {
        /** All {@code steps} done were undone: the kernel is as before the run. */
        record Undone(int steps) implements Ending {
        }

        /**
         * The record could not be written, so the kernel was put back to what the record last
         * written says: plan steps 1 to {@code kept} stay, {@code undone} steps after them were undone.
         */
        record BackToRecord(int kept, int undone) implements Ending {
        }

        /** An undo step failed too: {@code left} are the steps still in effect. */
        record UndoFailed(String problem, List<Change> left) implements Ending {
        }

        /** The kernel could not be read back: what steps {@code from} to {@code to} did is not known; nothing was undone. */
        record NotKnown(String why, int from, int to) implements Ending {
        }
    }

    /** At most this many steps are named when an undo stops half-way; the rest are counted. */
    static final int MAX_LISTED = 10;

    private final transient Cause cause;
    private final transient Ending ending;
    private final transient Optional<String> recordProblem;

    /**
     * @param recordProblem what is wrong with the state record when it could not be written at the
     *     end (already worded: "the state record could not be written (...): ...")
     */
    public ApplyFailure(Cause cause, Ending ending, Optional<String> recordProblem) {
        super(describe(cause, ending, recordProblem, hintOf(cause)), null, false, false);
        this.cause = cause;
        this.ending = ending;
        this.recordProblem = recordProblem;
    }

    /** A refused step, and whether the undo put everything back (the steps before it) or why not. */
    public ApplyFailure(Change step, int stepNumber, int stepCount, NetlinkException error, Optional<String> undoProblem) {
        this(new Refused(step, stepNumber, stepCount, error),
                undoProblem.<Ending>map(p -> new Ending.UndoFailed(p, List.of())).orElse(new Ending.Undone(stepNumber - 1)),
                Optional.empty());
    }

    /**
     * The message with the caller's hint for the kernel's refusal instead of the netlink layer's
     * (the CLI knows more: which module to load, for instance).
     */
    public String messageWithHint(Optional<String> hint) {
        return describe(cause, ending, recordProblem, hint);
    }

    private static Optional<String> hintOf(Cause cause) {
        return cause instanceof Refused r ? r.error().hint() : Optional.empty();
    }

    private static String describe(Cause cause, Ending ending, Optional<String> recordProblem, Optional<String> hint) {
        StringBuilder b = new StringBuilder();
        int stepsBefore;
        if (cause instanceof RecordNotWritten w) {
            b.append("the state record could not be written after step ").append(w.stepsDone()).append(" of ")
                    .append(w.count()).append(": ").append(thrown(w.error()));
            stepsBefore = -1;
        } else {
            StepFailed f = (StepFailed) cause;
            b.append("step ").append(f.number()).append(" of ").append(f.count()).append(", ").append(f.step().summary());
            f.step().origin().ifPresent(m -> b.append(" (").append(m).append(')'));
            b.append(", failed: ");
            if (f instanceof Refused r) {
                NetlinkException e = r.error();
                b.append(e.errnoName()).append(" (").append(Errno.description(e.errno())).append(')');
                e.extackMessage().ifPresent(x -> b.append(": ").append(x));
                hint.ifPresent(h -> b.append("; ").append(h));
            } else if (f instanceof AnswerLost l) {
                b.append("the netlink socket lost the kernel's answer (").append(oneLine(l.socketError().getMessage()))
                        .append("); the kernel was read back to see which steps it had taken");
            } else if (f instanceof Thrown t) {
                b.append("internal error: ").append(thrown(t.thrown()))
                        .append(" (please report it; set JL2TP_DEBUG=1 for details)");
            }
            stepsBefore = f.number() - 1;
        }
        b.append(ending(ending, stepsBefore));
        recordProblem.ifPresent(p -> b.append("; ").append(p));
        return b.toString();
    }

    private static String ending(Ending ending, int stepsBefore) {
        if (ending instanceof Ending.Undone u) {
            if (u.steps() == 0) {
                return ". Nothing was changed";
            }
            String what = u.steps() == stepsBefore
                    ? (u.steps() == 1 ? ". The step before it was undone" : ". The " + u.steps() + " steps before it were undone")
                    : (u.steps() == 1 ? ". The step that was done was undone"
                            : ". The " + u.steps() + " steps that were done were undone");
            return what + ": the kernel is as it was before this run";
        } else if (ending instanceof Ending.BackToRecord r) {
            return ". The state record cannot be written, so the kernel was put back to what the record last written says: "
                    + (r.undone() == 0 ? "nothing was undone" : r.undone() == 1 ? "1 step was undone" : r.undone() + " steps were undone")
                    + ", and steps 1 to "
                    + r.kept() + " stay applied; make the state directory writable and run jl2tp-apply again";
        } else if (ending instanceof Ending.UndoFailed f) {
            StringBuilder b = new StringBuilder(". The undo failed too: ").append(f.problem());
            if (!f.left().isEmpty()) {
                b.append("; still in effect: ");
                List<Change> named = f.left().subList(0, Math.min(MAX_LISTED, f.left().size()));
                b.append(String.join(", ", named.stream().map(Change::summary).toList()));
                if (f.left().size() > named.size()) {
                    b.append(" and ").append(f.left().size() - named.size()).append(" more");
                }
            }
            return b.append("; the kernel is NOT as it was before this run").toString();
        }
        Ending.NotKnown k = (Ending.NotKnown) ending;
        return ". What the kernel did with " + (k.from() == k.to() ? "step " + k.from() : "steps " + k.from() + " to " + k.to())
                + " is not known (" + k.why() + "), so nothing was undone: the steps before "
                + (k.from() == k.to() ? "it" : "them")
                + " stay applied and the state record names them; jl2tp-apply --dry-run shows what differs from the config";
    }

    /** An exception in one line: its type and message, never a stack trace. */
    static String thrown(Throwable e) {
        String text = e.getMessage() == null ? "" : ": " + oneLine(e.getMessage());
        return e.getClass().getSimpleName() + text;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    public Cause failure() {
        return cause;
    }

    public Ending ending() {
        return ending;
    }

    /** The failed step, if a step failed (not for a record that could not be written). */
    public Optional<Change> step() {
        return cause instanceof StepFailed f ? Optional.of(f.step()) : Optional.empty();
    }

    /** The kernel's refusal, or the socket's error: what the CLI chooses its hint from. */
    public Optional<NetlinkException> kernelError() {
        if (cause instanceof Refused r) {
            return Optional.of(r.error());
        }
        return cause instanceof AnswerLost l ? Optional.of(l.socketError()) : Optional.empty();
    }

    /** The kernel is as it was before the run. */
    public boolean undone() {
        return ending instanceof Ending.Undone;
    }
}
