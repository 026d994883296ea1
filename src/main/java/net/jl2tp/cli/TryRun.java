package net.jl2tp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.apply.PendingTryStore;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.plan.Before;
import net.jl2tp.plan.Plan;
import net.jl2tp.plan.TryScope;

/**
 * A try's part of the apply (see {@link ApplyRun.TryHooks}): before the first step, the
 * before-state of every object the plan touches is written to the try file and the watcher is
 * started; only then does the apply begin, so that a try killed at any point after is rolled back
 * at its deadline. An apply that undoes itself disarms it; the deadline counts from the apply's end.
 */
final class TryRun implements ApplyRun.TryHooks {
    private final KernelAccess access;
    private final String id;
    private final Duration timeout;
    private final Optional<String> netns;
    private final List<Path> config;
    private final List<PendingTry.Candidate> candidates;
    private final boolean prune;

    private PendingTryStore store;
    private PendingTry pending;
    private boolean armed;

    TryRun(KernelAccess access, String id, Duration timeout, Optional<String> netns, List<Path> config,
            List<PendingTry.Candidate> candidates, boolean prune) {
        this.access = access;
        this.id = id;
        this.timeout = timeout;
        this.netns = netns;
        this.config = config;
        this.candidates = candidates;
        this.prune = prune;
    }

    @Override
    public Optional<String> beforeRun(Plan plan, NetworkState live, Ownership record, StateDirectory state, NetnsId ns)
            throws IOException {
        Optional<PendingTryStore> s = state.pendingTry(ns);
        if (s.isEmpty()) {
            return Optional.of("a try needs network namespace cookies (Linux 5.14) to keep its before-state; "
                    + "this kernel has none: use a plain apply");
        }
        store = s.get();
        Before before = Before.capture(TryScope.of(plan, live), live, record);
        Instant now = Instant.now();
        pending = new PendingTry(id, netns, PendingTry.Phase.APPLYING, now, now.plus(timeout), timeout, config, candidates,
                prune, before, record, "starting", Optional.empty(), List.of());
        store.save(pending);
        String how;
        try {
            how = access.startTryWatcher(id, netns, state.watcherLog(id));
        } catch (IOException e) {
            store.delete();
            return Optional.of("cannot arm the rollback: " + e.getMessage());
        }
        pending = pending.withWatcher(how);
        store.save(pending);
        armed = true;
        return Optional.empty();
    }

    @Override
    public void afterFailure(boolean undone) throws IOException {
        if (undone) {
            store.delete(); // the watcher sees it gone and ends
            armed = false;
        } else {
            // Part of it stays applied: only a rollback makes it whole; it stays armed, from now.
            pending = pending.withDeadline(Instant.now().plus(timeout));
            store.save(pending);
        }
    }

    @Override
    public void afterRun() throws IOException {
        pending = pending.applied(Instant.now().plus(timeout));
        store.save(pending);
    }

    boolean armed() {
        return armed;
    }

    PendingTry pending() {
        return pending;
    }

    /** What the user is told once the try is applied and armed. */
    void tell(PrintWriter to, boolean applied) {
        String ns = netns.map(n -> " --netns " + n).orElse("");
        if (applied) {
            to.println("try " + id + " applied; it rolls back at " + PendingTries.clock(pending.deadline()) + " (in "
                    + timeout.toSeconds() + " s) unless confirmed: jl2tp-apply confirm" + ns);
        } else {
            to.println("try " + id + ": the rollback stays armed; it rolls back at " + PendingTries.clock(pending.deadline())
                    + " unless confirmed");
        }
        to.println("rollback armed: " + pending.watcher() + "; jl2tp-apply rollback" + ns + " rolls back now, "
                + "jl2tp-apply confirm" + ns + " --extend SECONDS gives more time");
        to.flush();
    }
}
