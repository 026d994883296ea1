package net.jl2tp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import net.jl2tp.apply.ApplyLock;
import net.jl2tp.apply.Drift;
import net.jl2tp.apply.DriftDiff;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.apply.ReconcileGovernor;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.apply.UnreadableStateRecord;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.export.WatchEvent;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.kernel.KernelNotification;
import net.jl2tp.kernel.KernelWatch;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Desired;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.plan.Plan;
import net.jl2tp.plan.Planner;

/**
 * The watch loop: notifications in, this namespace read again, the difference printed as events,
 * and with --reconcile the config applied again once things are quiet ({@link ReconcileGovernor}).
 *
 * <p>Which changes are jl2tp's own, and so not drift: those made while the apply lock was held by
 * another process (jl2tp-apply, try, confirm, rollback: the watch reads under the lock's shared
 * side, so it waits for an apply to finish, and takes what it then reads as the new starting
 * point; other watches share it and are never taken for an apply), those after which the state
 * record file was written again (every apply that changes the kernel writes it by a rename: a new
 * file even when its content is the same), and those of its own reconcile (their notifications
 * are drained and the namespace read again afterwards).
 */
final class WatchRun {
    record Options(Optional<String> netns, Optional<String> site, boolean json, boolean reconcile, boolean prune,
            ReconcileGovernor.Settings settings, Duration lockTimeout) {
    }

    /** How long one wait for notifications lasts at most: how soon a stop request is seen. */
    private static final int TURN_MILLIS = 200;
    /** After a notification, more that come this soon join the same reading (a session delete is several). */
    static final int SETTLE_MILLIS = 50;
    /**
     * A reading is taken at most this long after the first notification, even if more keep coming:
     * l2tp notifications come from every namespace, and churn elsewhere may never pause for 50 ms.
     */
    static final int SETTLE_CAP_MILLIS = 500;

    private final KernelAccess access;
    private final PrintWriter out;
    private final PrintWriter err;
    private final BooleanSupplier stop;
    private boolean json;

    WatchRun(KernelAccess access, PrintWriter out, PrintWriter err, BooleanSupplier stop) {
        this.access = access;
        this.out = out;
        this.err = err;
        this.stop = stop;
    }

    /**
     * One reading of the namespace and its record; {@code stamp}: which write of the record file it
     * was; {@code byJl2tp}: jl2tp-apply held the lock meanwhile.
     */
    private record Reading(NetworkState live, Ownership record, Optional<StateDirectory.Stamp> stamp, boolean byJl2tp) {
        /** Whether jl2tp-apply changed the kernel between {@code this} and {@code next}: it held the lock, or saved the record. */
        boolean jl2tpBefore(Reading next) {
            return next.byJl2tp() || !next.stamp().equals(stamp);
        }
    }

    /** Notifications as {@link KernelWatch#await} gives them (a seam for the tests). */
    interface Notifications {
        List<KernelNotification> await(int timeoutMillis) throws NetlinkException;
    }

    /**
     * Waits out a burst that began with {@code first}: more notifications that come within
     * {@link #SETTLE_MILLIS} of the last join it, for {@link #SETTLE_CAP_MILLIS} at most and not
     * once a stop is asked for. Only whether one was an overrun is kept (a count would grow without
     * bound); what the others were does not matter, the namespace is read again anyway. Returns
     * whether the socket overflowed.
     */
    static boolean settle(List<KernelNotification> first, Notifications source, BooleanSupplier stop, LongSupplier nanos)
            throws NetlinkException {
        boolean overrun = first.stream().anyMatch(KernelNotification.Overrun.class::isInstance);
        long end = nanos.getAsLong() + SETTLE_CAP_MILLIS * 1_000_000L;
        while (!stop.getAsBoolean()) {
            long left = (end - nanos.getAsLong()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            List<KernelNotification> more = source.await((int) Math.min(SETTLE_MILLIS, left));
            if (more.isEmpty()) {
                break;
            }
            overrun |= more.stream().anyMatch(KernelNotification.Overrun.class::isInstance);
        }
        return overrun;
    }

    /** Watches until {@code stop} says so; {@code started} runs once the config is valid and the sockets are open. */
    int run(ApplyRun.ConfigSource source, Options options, Runnable started) {
        json = options.json();
        Desired config;
        try {
            config = configured(source, options);
        } catch (ConfigException e) {
            ProblemPrinter.text(err, e.problems(), e.sources());
            return ExitCode.INVALID;
        } catch (SiteChoice.NoSite e) {
            err.println("jl2tp-apply: watch: " + e.getMessage());
            err.flush();
            return ExitCode.INVALID;
        } catch (NetlinkException e) {
            return fail(KernelFailure.line(e));
        }
        // Subscribe first, then read: a change between the two is seen as a notification, never lost.
        try (KernelWatch watch = KernelWatch.open(options.netns()); Kernel kernel = access.open(options.netns())) {
            StateDirectory state = StateDirectory.open(access.stateDirectory());
            NetnsId netns = NetnsId.of(options.netns(), kernel);
            Reading last = read(kernel, state, netns);
            ReconcileGovernor governor = new ReconcileGovernor(options.settings());
            warmUp(last, config.state());
            started.run();
            String where = options.netns().map(n -> "network namespace " + n).orElse("this network namespace");
            note("watching " + where + (options.reconcile() ? "; reconciling after " + options.settings().quiet().toSeconds()
                    + " s without drift" : "; reporting only"));
            Optional<String> heldFor = Optional.empty();
            while (!stop.getAsBoolean()) {
                List<KernelNotification> seen = watch.await(waitMillis(governor));
                if (!seen.isEmpty()) {
                    Instant now = Instant.now(); // the events' time: when the first notification came
                    if (settle(seen, watch::await, stop, System::nanoTime)) {
                        emit(WatchEvent.own(now, "resync", where, "notifications lost",
                                List.of("the socket's receive buffer overflowed (ENOBUFS): the whole namespace was read "
                                        + "again and compared with the last reading")));
                    }
                    Reading next = read(kernel, state, netns);
                    if (last.jl2tpBefore(next)) {
                        note("the kernel was changed by jl2tp-apply (the apply lock was held or the state record "
                                + "was written): not drift");
                    } else {
                        report(DriftDiff.between(last.live(), next.live(), next.record(), config.state()), now, governor, options);
                    }
                    last = next;
                }
                if (options.reconcile() && governor.due(Instant.now())) {
                    Set<String> objects = governor.take();
                    Optional<PendingTry> pending = PendingTries.load(state, netns).filter(t -> t.phase().blocks());
                    if (pending.isPresent()) {
                        governor.postpone(objects, Instant.now());
                        if (!heldFor.equals(Optional.of(pending.get().id()))) {
                            heldFor = Optional.of(pending.get().id());
                            emit(WatchEvent.own(Instant.now(), "held", String.join(", ", objects), "not reconciled",
                                    List.of(PendingTries.describe(pending.get()) + "; the watch reconciles once it is "
                                            + "confirmed or rolled back")));
                        }
                        continue;
                    }
                    heldFor = Optional.empty();
                    Reading before = last;
                    Reconciled done = reconcile(source, options, objects, config);
                    config = done.config();
                    watch.drain(); // the reconcile's own notifications, and any made by others meanwhile
                    last = read(kernel, state, netns);
                    // Said once the new starting point is read: whoever acts on the event (an operator, a
                    // test) changes the kernel after it, and that change is drift, not part of the reconcile.
                    emit(done.event());
                    governor.reconciled(objects, Instant.now()).ifPresent(b -> emit(WatchEvent.own(Instant.now(),
                            "backoff", String.join(", ", b.objects()), "backing off " + b.delay().toSeconds() + " s",
                            List.of(b.describe()))));
                    report(DriftDiff.byOthersDuringApply(before.live(), last.live(), last.record(), config.state(),
                            options.prune()), Instant.now(), governor, options);
                    if (done.applied()) {
                        // Undone again before that reading (a tool acting on notifications): the config says so.
                        Plan plan = Planner.plan(ApplyRun.resolved(config, kernel), last.live(), last.record(), options.prune());
                        report(WatchOutOfSync.drifts(plan, last.live(), last.record(), config.state()), Instant.now(),
                                governor, options);
                    }
                }
            }
            note("stopped");
            return ExitCode.OK;
        } catch (NetlinkException e) {
            return fail(KernelFailure.line(e));
        } catch (UnreadableStateRecord e) {
            return fail("jl2tp-apply: watch: the state record is unreadable: " + e.getMessage());
        } catch (IOException e) {
            return fail("jl2tp-apply: watch: " + e.getMessage());
        }
    }

    /** Says each drift, and with --reconcile hands those a reconcile would undo to the governor. */
    private void report(List<Drift> drifts, Instant now, ReconcileGovernor governor, Options options) {
        Set<String> toReconcile = new TreeSet<>();
        for (Drift d : drifts) {
            emit(WatchEvent.of(now, d));
            if (d.reconcilable(options.prune())) {
                toReconcile.add(d.key());
            }
        }
        if (options.reconcile()) {
            governor.drifted(toReconcile, now);
        }
    }

    /** What the config names, for telling colliding objects from foreign ones, and for planning after a reconcile. */
    private Desired configured(ApplyRun.ConfigSource source, Options options)
            throws ConfigException, SiteChoice.NoSite, NetlinkException {
        L2tpConfig config = SiteSelection.validFor(source.load(), options.site(), () -> access.hostFacts(options.netns()),
                this::note);
        return DesiredBuilder.build(config);
    }

    /** A reconcile's outcome: the config as then read, whether the apply succeeded, and its event, to be said by the caller. */
    private record Reconciled(Desired config, boolean applied, WatchEvent event) {
    }

    /**
     * Applies the config as jl2tp-apply does (read again now: the files may have changed), its
     * output becoming the event's details; with the config as read, or the old one when it no
     * longer validates.
     */
    private Reconciled reconcile(ApplyRun.ConfigSource source, Options options, Set<String> objects, Desired config) {
        StringWriter said = new StringWriter();
        PrintWriter to = new PrintWriter(said);
        ApplyRun.Options apply = new ApplyRun.Options(false, false, options.prune(), options.netns(), ApplyRun.Output.text,
                options.lockTimeout(), Optional.empty(), options.site());
        int exit = new ApplyRun(access, to, to).run(source, apply);
        to.flush();
        List<String> lines = new ArrayList<>();
        said.toString().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
        WatchEvent event = WatchEvent.own(Instant.now(), "reconcile", String.join(", ", objects),
                exit == ExitCode.OK ? "applied" : "failed (exit " + exit + ")", lines);
        try {
            return new Reconciled(configured(source, options), exit == ExitCode.OK, event);
        } catch (ConfigException | SiteChoice.NoSite | NetlinkException e) {
            return new Reconciled(config, false, event);
        }
    }

    /**
     * The namespace and its record, read while holding the apply lock's shared side (other watches
     * hold it too): when a jl2tp-apply holds it, the reading waits for it to finish (seen in
     * {@code byJl2tp}).
     */
    private Reading read(Kernel kernel, StateDirectory state, NetnsId netns)
            throws NetlinkException, IOException, UnreadableStateRecord {
        boolean busy = false;
        while (true) {
            try (ApplyLock held = state.readLock(busy ? Duration.ofMillis(TURN_MILLIS) : Duration.ZERO)) {
                return reading(kernel, state, netns, busy);
            } catch (ApplyLock.Busy e) {
                busy = true;
                if (stop.getAsBoolean()) {
                    return reading(kernel, state, netns, true);
                }
            }
        }
    }

    private static Reading reading(Kernel kernel, StateDirectory state, NetnsId netns, boolean byJl2tp)
            throws NetlinkException, IOException, UnreadableStateRecord {
        // The stamp before the load: a save in between (only without the lock, at a stop) shows as a change next time.
        Optional<StateDirectory.Stamp> stamp = state.recordStamp(netns);
        return new Reading(kernel.read().state(), state.record(netns).load(), stamp, byJl2tp);
    }

    /**
     * Runs the event path once on nothing before the first notification: under emulation the
     * first run of each class costs seconds (class loading, the interpreter), which would otherwise
     * delay the first event.
     */
    private static void warmUp(Reading last, NetworkState config) {
        for (Drift d : DriftDiff.between(last.live(), NetworkState.empty(), last.record(), config)) {
            WatchEvent.of(Instant.now(), d).json();
            WatchEvent.of(Instant.now(), d).text();
        }
    }

    private static int waitMillis(ReconcileGovernor governor) {
        return governor.dueAt().map(at -> (int) Math.max(0, Math.min(TURN_MILLIS,
                Duration.between(Instant.now(), at).toMillis()))).orElse(TURN_MILLIS);
    }

    private void emit(WatchEvent event) {
        out.println(json ? event.json() : event.text());
        out.flush();
    }

    private void note(String line) {
        err.println("jl2tp-apply: watch: " + line);
        err.flush();
    }

    private int fail(String line) {
        err.println(line);
        err.flush();
        return ExitCode.FAILED;
    }
}
