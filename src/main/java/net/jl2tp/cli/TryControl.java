package net.jl2tp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jl2tp.apply.ApplyLock;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.apply.PendingTryStore;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.apply.TryRollback;
import net.jl2tp.apply.UnreadableStateRecord;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.kernel.NetlinkKernelOps;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.netlink.NetlinkException;

/**
 * What is done to a try once it is armed: confirm it, push its deadline, roll it back. Each takes
 * the apply lock and reads the try file under it, so that the watcher at the deadline, a confirm
 * from another shell and the countdown's own keys can race and only one of them acts.
 */
final class TryControl {
    /** What the watcher may do: roll back only its own try, and only once it is due. */
    record Only(String id, boolean whenDue) {
    }

    /** A rollback (or its check) that found the try not due: the watcher waits on. */
    static final int NOT_DUE = -1;

    private final KernelAccess access;
    private final PrintWriter out;
    private final PrintWriter err;

    TryControl(KernelAccess access, PrintWriter out, PrintWriter err) {
        this.access = access;
        this.out = out;
        this.err = err;
    }

    private interface Action {
        int on(Kernel kernel, StateDirectory state, NetnsId netns, PendingTryStore store, Optional<PendingTry> pending)
                throws NetlinkException, IOException, UnreadableStateRecord;
    }

    private int underLock(Optional<String> netns, Duration lockTimeout, Action action) {
        try (Kernel kernel = access.open(netns)) {
            NetnsId id = NetnsId.of(netns, kernel);
            StateDirectory state = StateDirectory.open(access.stateDirectory());
            Optional<PendingTryStore> store = state.pendingTry(id);
            if (store.isEmpty()) {
                return fail("jl2tp-apply: no try can be pending here: this kernel has no network namespace cookies "
                        + "(Linux 5.14), so jl2tp keeps no state for it");
            }
            try (ApplyLock lock = state.lock(lockTimeout)) {
                return action.on(kernel, state, id, store.get(), store.get().load());
            }
        } catch (NetlinkException e) {
            return fail(KernelFailure.line(e));
        } catch (UnreadableStateRecord e) {
            return fail("jl2tp-apply: the try file or state record is unreadable: " + e.getMessage());
        } catch (ApplyLock.Busy e) {
            return fail("jl2tp-apply: " + e.getMessage());
        } catch (IOException e) {
            return fail("jl2tp-apply: " + e.getMessage());
        }
    }

    int confirm(Optional<String> netns, Duration lockTimeout) {
        return underLock(netns, lockTimeout, (kernel, state, id, store, pending) -> {
            if (pending.isEmpty()) {
                return fail("jl2tp-apply: no try is pending" + where(netns) + ": nothing to confirm");
            }
            PendingTry t = pending.get();
            switch (t.phase()) {
                case ROLLED_BACK:
                    return fail("jl2tp-apply: nothing to confirm: try " + t.id() + " was rolled back at "
                            + PendingTries.clock(t.ended().orElse(t.deadline())) + "; the kernel is as it was before it");
                case APPLYING:
                    return fail("jl2tp-apply: try " + t.id() + " was not applied to its end (its apply failed and "
                            + "could not be undone, or its process ended during it): it can only be rolled back "
                            + "(jl2tp-apply rollback" + netnsArg(netns)
                            + "), or it rolls back at " + PendingTries.clock(t.deadline()));
                case ROLLBACK_INCOMPLETE:
                    store.delete();
                    out.println("acknowledged: the rollback of try " + t.id() + " stays incomplete; the kernel is left "
                            + "as it is:");
                    t.outcome().forEach(line -> out.println("  " + line));
                    out.flush();
                    return ExitCode.OK;
                case PENDING:
                default:
                    break;
            }
            Optional<String> notInstalled = CandidateInstall.checkUnchanged(t.candidates());
            if (notInstalled.isPresent()) {
                return fail("jl2tp-apply: not confirmed: " + notInstalled.get() + "; the try stays pending (rolls back at "
                        + PendingTries.clock(t.deadline()) + ")");
            }
            List<CandidateInstall.Prepared> prepared;
            try {
                prepared = CandidateInstall.prepare(t.candidates());
            } catch (IOException e) {
                return fail("jl2tp-apply: not confirmed: cannot install the candidates: " + e.getMessage()
                        + "; nothing was installed, and the try stays pending (rolls back at "
                        + PendingTries.clock(t.deadline()) + ")");
            }
            // Confirmed from here: a rename that fails now leaves the kernel as tried, and says which file to put.
            store.delete();
            ApplyRun.markApplied(state, id, err); // a confirmed try is a successful apply, from now
            List<String> leftOut = new ArrayList<>();
            for (CandidateInstall.Prepared p : prepared) {
                try {
                    p.commit();
                    out.println("installed " + p.candidate().file() + " as " + p.candidate().installAs());
                } catch (IOException e) {
                    p.discard();
                    leftOut.add(p.candidate().file() + " as " + p.candidate().installAs() + " (" + e.getMessage()
                            + "): cp " + p.candidate().file() + " " + p.candidate().installAs());
                }
            }
            if (!leftOut.isEmpty()) {
                out.flush();
                err.println("jl2tp-apply: confirmed try " + t.id() + ": the kernel keeps it; but NOT installed, put "
                        + "by hand: " + String.join("; ", leftOut));
                err.flush();
                return ExitCode.FAILED;
            }
            out.println("confirmed try " + t.id() + ": the kernel keeps it"
                    + (t.config().isEmpty() ? "" : "; note: it was read from " + t.config()
                            + ", not the search path: the next apply and the boot apply what the search path holds"));
            out.flush();
            return ExitCode.OK;
        });
    }

    int extend(Optional<String> netns, Duration by, Duration lockTimeout) {
        return underLock(netns, lockTimeout, (kernel, state, id, store, pending) -> {
            if (pending.isEmpty() || !pending.get().phase().blocks()) {
                return fail("jl2tp-apply: no try is pending" + where(netns) + ": nothing to extend");
            }
            PendingTry t = pending.get();
            Instant now = Instant.now();
            Instant from = t.deadline().isAfter(now) ? t.deadline() : now;
            Instant latest = now.plus(Duration.ofSeconds(Main.MAX_SECONDS));
            Instant deadline = from.plus(by).isAfter(latest) ? latest : from.plus(by);
            store.save(t.withDeadline(deadline));
            out.println("try " + t.id() + " now rolls back at " + PendingTries.clock(deadline) + " (in "
                    + Duration.between(now, deadline).toSeconds() + " s) unless confirmed");
            out.flush();
            return ExitCode.OK;
        });
    }

    /**
     * Rolls the try back now ({@code only} empty), or, for the watcher, its own try once due:
     * {@link #NOT_DUE} when it is not yet, OK when it was rolled back or is over.
     */
    int rollback(Optional<String> netns, Duration lockTimeout, Optional<Only> only, String why) {
        return underLock(netns, lockTimeout, (kernel, state, id, store, pending) -> {
            if (pending.isEmpty() || only.isPresent() && !pending.get().id().equals(only.get().id())) {
                if (only.isPresent()) {
                    out.println("try " + only.get().id() + " is over (confirmed, or replaced): nothing to roll back");
                    out.flush();
                    return ExitCode.OK;
                }
                return fail("jl2tp-apply: no try is pending" + where(netns) + ": nothing to roll back");
            }
            PendingTry t = pending.get();
            if (t.phase() == PendingTry.Phase.ROLLED_BACK) {
                if (only.isPresent()) {
                    return ExitCode.OK;
                }
                return fail("jl2tp-apply: try " + t.id() + " was already rolled back at "
                        + PendingTries.clock(t.ended().orElse(t.deadline())) + ": nothing to roll back");
            }
            if (only.isPresent() && (t.phase() == PendingTry.Phase.ROLLBACK_INCOMPLETE
                    || only.get().whenDue() && t.deadline().isAfter(Instant.now()))) {
                return t.phase() == PendingTry.Phase.ROLLBACK_INCOMPLETE ? ExitCode.OK : NOT_DUE;
            }
            out.println("rolling back try " + t.id() + " (" + why + ")");
            out.flush();
            NetlinkKernelOps ops = new NetlinkKernelOps(kernel, NetlinkKernelOps.DEFAULT_GONE_TIMEOUT);
            TryRollback.Outcome outcome = TryRollback.run(t, ops, state.record(id), step -> {
                out.println(step.sign() + " " + step.summary());
                out.flush();
            });
            Instant now = Instant.now();
            store.save(t.rolledBack(now, outcome.notRestored()));
            if (outcome.complete()) {
                out.println("rolled back try " + t.id() + " at " + PendingTries.clock(now) + ": "
                        + (outcome.changesMade() == 0 ? "nothing needed undoing" : outcome.changesMade()
                                + (outcome.changesMade() == 1 ? " change" : " changes"))
                        + "; the kernel is as it was before the try");
                out.println(filesNote(t));
                out.flush();
                return ExitCode.OK;
            }
            err.println("jl2tp-apply: the rollback of try " + t.id() + " is incomplete; not restored:");
            outcome.notRestored().forEach(line -> err.println("  " + line));
            err.println("jl2tp-apply: fix what stands in the way and run jl2tp-apply rollback" + netnsArg(netns)
                    + " again, or jl2tp-apply confirm" + netnsArg(netns) + " to leave the kernel as it is");
            err.flush();
            return ExitCode.FAILED;
        });
    }

    /** What a rollback means for the config files, which it never touches. */
    static String filesNote(PendingTry t) {
        if (!t.candidates().isEmpty()) {
            return "the candidate files were not installed: the config files are as they were";
        }
        if (!t.config().isEmpty()) {
            return "the try read " + t.config() + "; no config file was changed";
        }
        return "the config files were not changed by the rollback: if they were edited for this try, they still hold "
                + "the tried config, which the next apply (and the next boot) applies again";
    }

    private static String where(Optional<String> netns) {
        return netns.map(n -> " in namespace " + n).orElse(" in this namespace");
    }

    private static String netnsArg(Optional<String> netns) {
        return netns.map(n -> " --netns " + n).orElse("");
    }

    private int fail(String line) {
        err.println(line);
        err.flush();
        return ExitCode.FAILED;
    }
}
