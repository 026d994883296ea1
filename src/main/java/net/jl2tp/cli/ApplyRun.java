package net.jl2tp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import net.jl2tp.apply.ApplyFailure;
import net.jl2tp.apply.ApplyLock;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.apply.Executor;
import net.jl2tp.apply.LastApplyMark;
import net.jl2tp.model.Ownership;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.apply.StateRecordStore;
import net.jl2tp.apply.UnreadableStateRecord;
import net.jl2tp.apply.Verifier;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.IoReason;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.LoadedConfig;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.kernel.OnlineWait;
import net.jl2tp.kernel.NetlinkKernelOps;
import net.jl2tp.kernel.PathFactsReader;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.kernel.UsableAddresses;
import net.jl2tp.model.NetworkState;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Change;
import net.jl2tp.plan.Desired;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.plan.Hold;
import net.jl2tp.plan.MtuResolver;
import net.jl2tp.plan.Plan;
import net.jl2tp.export.PlanIp;
import net.jl2tp.export.PlanJson;
import net.jl2tp.export.PlanText;
import net.jl2tp.plan.Planner;

/**
 * The apply (and dry-run) pipeline of design.md section 1: config, kernel, record -> plan ->
 * executor -> verifier. Each stage's failure is one message and an exit code; an invalid config
 * stops before the kernel is opened.
 */
final class ApplyRun {
    enum Output { text, json, ip }

    /**
     * @param waitOnline empty: do not wait for tunnels' local addresses and routes to their remotes (a
     *     missing one fails the apply)
     */
    record Options(boolean dryRun, boolean exitCode, boolean prune, Optional<String> netns, Output output,
            Duration lockTimeout, Optional<Duration> waitOnline, Optional<String> site) {
    }

    static final String NO_RECORD_KEPT = "jl2tp-apply: warning: this kernel has no network namespace cookies "
            + "(SO_NETNS_COOKIE, Linux 5.14), so it cannot tell this namespace from a dead one that had its inode: "
            + "no state record is kept, and what jl2tp made and the config no longer has is left alone";

    /** Where the config comes from: the files (--config or the search path), or a try's candidates in place. */
    interface ConfigSource {
        LoadedConfig load();
    }

    /**
     * What a try adds to an apply, at the points where it must happen under the lock: arming the
     * rollback before the first step, disarming it when the apply undid itself, and setting the
     * deadline once the apply is over.
     */
    interface TryHooks {
        /** Just before the plan runs; a message stops the run there, nothing applied. */
        Optional<String> beforeRun(Plan plan, NetworkState live, Ownership record, StateDirectory state, NetnsId netns)
                throws IOException;

        /** The apply failed; {@code undone}: the kernel is as before it. */
        void afterFailure(boolean undone) throws IOException;

        /** The plan ran to its end (verified or not). */
        void afterRun() throws IOException;
    }

    private final KernelAccess access;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Timings timings;
    private final Optional<TryHooks> tryHooks;

    ApplyRun(KernelAccess access, PrintWriter out, PrintWriter err) {
        this(access, out, err, Timings.off());
    }

    ApplyRun(KernelAccess access, PrintWriter out, PrintWriter err, Timings timings) {
        this(access, out, err, timings, Optional.empty());
    }

    ApplyRun(KernelAccess access, PrintWriter out, PrintWriter err, Timings timings, Optional<TryHooks> tryHooks) {
        this.access = access;
        this.out = out;
        this.err = err;
        this.timings = timings;
        this.tryHooks = tryHooks;
    }

    int run(ConfigSource config, Options options) {
        L2tpConfig loaded;
        // With --output json or ip, stdout is the plan alone: the site's line goes to stderr.
        PrintWriter said = options.output() == Output.text ? out : err;
        try {
            loaded = SiteSelection.validFor(config.load(), options.site(), () -> access.hostFacts(options.netns()),
                    line -> {
                        said.println(line);
                        said.flush();
                    });
        } catch (ConfigException e) {
            ProblemPrinter.text(err, e.problems(), e.sources());
            return ExitCode.INVALID;
        } catch (SiteChoice.NoSite e) {
            err.println("jl2tp-apply: nothing applied: " + e.getMessage());
            err.flush();
            return ExitCode.INVALID;
        } catch (NetlinkException e) {
            return fail(KernelFailure.line(e));
        }
        Desired configured = DesiredBuilder.build(loaded);
        timings.mark("load+validate");
        try (Kernel kernel = access.open(options.netns())) {
            // mtu: auto needs the routes toward each remote: looked up here, computed by the planner's side.
            Desired desired = resolved(configured, kernel);
            NetnsId netns = NetnsId.of(options.netns(), kernel);
            if (netns.cookie().isEmpty()) {
                err.println(NO_RECORD_KEPT);
            }
            if (options.dryRun()) {
                StateDirectory state = StateDirectory.forReading(access.stateDirectory());
                Optional<PendingTry> pending = PendingTries.load(state, netns);
                if (pending.isPresent() && pending.get().phase().blocks()) {
                    err.println("jl2tp-apply: note: " + PendingTries.describe(pending.get())
                            + "; an apply is refused until it is confirmed or rolled back");
                    err.flush();
                }
                return dryRun(desired, kernel, state.record(netns), options);
            }
            StateDirectory state = StateDirectory.open(access.stateDirectory());
            try (ApplyLock lock = state.lock(options.lockTimeout())) {
                state.forgetDead(netns);
                Optional<PendingTry> pending = PendingTries.load(state, netns);
                if (pending.isPresent() && pending.get().phase().blocks()) {
                    err.println("jl2tp-apply: refused: " + PendingTries.describe(pending.get())
                            + "; run jl2tp-apply confirm to keep it or jl2tp-apply rollback to undo it first"
                            + PendingTries.netnsOption(options.netns()));
                    err.flush();
                    return ExitCode.TRY_PENDING;
                }
                int result = apply(configured, desired, kernel, state.record(netns), state, netns, options);
                if (result == ExitCode.OK && tryHooks.isEmpty()) {
                    // verified (or in sync already); a try is not, until confirm marks it (a rollback never does)
                    markApplied(state, netns, err);
                }
                if (result == ExitCode.OK && tryHooks.isEmpty() && pending.isPresent()) {
                    // An apply moves the kernel on from a try that was rolled back: its story is over.
                    state.pendingTry(netns).orElseThrow().delete();
                }
                return result;
            }
        } catch (NetlinkException e) {
            return fail(KernelFailure.line(e));
        } catch (UnreadableStateRecord e) {
            return fail("jl2tp-apply: the state record is unreadable: " + e.getMessage()
                    + "; move it away to let jl2tp adopt what matches the config and leave the rest alone");
        } catch (ApplyLock.Busy e) {
            return fail("jl2tp-apply: " + e.getMessage());
        } catch (IOException e) {
            return fail("jl2tp-apply: " + e.getMessage());
        }
    }

    /**
     * Marks now as the namespace's last successful apply, for status's metrics. A mark that cannot be
     * written is removed, so that status gives no time rather than an older one, and said; the apply
     * stands (the kernel matches the config).
     */
    static void markApplied(StateDirectory state, NetnsId netns, PrintWriter err) {
        Optional<LastApplyMark> mark = state.lastApply(netns);
        if (mark.isEmpty()) {
            return; // no netns cookie: no record, no mark
        }
        try {
            mark.get().write(Instant.now());
        } catch (IOException e) {
            String old;
            try {
                mark.get().delete();
                old = "status gives no last-apply time until an apply can";
            } catch (IOException stays) {
                old = "and cannot remove the older mark (" + IoReason.of(stays) + "): status still gives its time";
            }
            err.println("jl2tp-apply: warning: cannot mark the time of this apply in " + mark.get().file() + " ("
                    + IoReason.of(e) + "); " + old);
            err.flush();
        }
    }

    /** The config's objects with mtu: auto worked out from this kernel's routes toward each remote. */
    static Desired resolved(Desired configured, Kernel kernel) throws NetlinkException {
        return MtuResolver.resolve(configured, PathFactsReader.read(kernel.route(), configured));
    }

    private int dryRun(Desired desired, Kernel kernel, StateRecordStore store, Options options)
            throws NetlinkException, IOException, UnreadableStateRecord {
        NetworkState live = kernel.read().state();
        Ownership record = store.load();
        timings.mark("dump");
        Plan plan = Planner.plan(desired, live, record, options.prune());
        timings.mark("plan");
        print(plan, options.output());
        if (!plan.conflicts().isEmpty()) {
            return ExitCode.FAILED;
        }
        return options.exitCode() && !plan.changes().isEmpty() ? ExitCode.CHANGES_PENDING : ExitCode.OK;
    }

    private int apply(Desired configured, Desired resolved, Kernel kernel, StateRecordStore store, StateDirectory state,
            NetnsId netns, Options options) throws NetlinkException, IOException, UnreadableStateRecord {
        Map<Long, OnlineWait.NotReady> notOnline = Map.of();
        Desired wanted = resolved;
        if (options.waitOnline().isPresent()) {
            timings.mark("dump");
            // With --output json or ip, stdout is the plan alone: the waiting lines go to stderr.
            PrintWriter said = options.output() == Output.text ? out : err;
            notOnline = OnlineWait.waitFor(configured, toMake(resolved, kernel, store, options), kernel.route(),
                    options.waitOnline().get(), line -> {
                        said.println(line);
                        said.flush();
                    });
            // Routes may have come while waiting: mtu auto reads them again.
            wanted = MtuResolver.resolve(configured, PathFactsReader.read(kernel.route(), configured));
            timings.mark("wait-online");
        }
        // Read under the lock: another apply may just have changed the kernel.
        Hold hold = Hold.of(wanted, kernel.read().state(), store.load(), notOnline.keySet());
        Desired desired = hold.desired();
        Ownership record = hold.record().withoutGone(hold.live());
        if (!record.equals(hold.record())) {
            store.save(hold.restore(record)); // what a killed run deleted leaves the record, whatever follows
        }
        NetworkState live = hold.live();
        timings.mark("dump");
        int result = applyPlan(desired, live, record, kernel, saved -> store.save(hold.restore(saved)),
                notOnline.keySet(), options, state, netns);
        if (result != ExitCode.OK || notOnline.isEmpty()) {
            return result;
        }
        notOnline.forEach((id, why) -> err.println("jl2tp-apply: tunnel '" + configured.labels().getOrDefault(id, "")
                + "' (" + id + ") did not come up: " + why.missing() + " after " + options.waitOnline().get().toSeconds()
                + " s (--wait-online); everything else is applied"));
        err.flush();
        return ExitCode.FAILED;
    }

    /** The tunnels this run creates (new, or made again for a changed field): the ones that need the network. */
    private static Set<Long> toMake(Desired desired, Kernel kernel, StateRecordStore store, Options options)
            throws NetlinkException, IOException, UnreadableStateRecord {
        Set<Long> made = new HashSet<>();
        for (Change c : Planner.plan(desired, kernel.read().state(), store.load(), options.prune()).changes()) {
            if (c instanceof Change.CreateTunnel create) {
                made.add(create.tunnel().tunnelId());
            }
        }
        return made;
    }

    private int applyPlan(Desired desired, NetworkState live, Ownership record, Kernel kernel,
            Executor.RecordSink sink, Set<Long> held, Options options, StateDirectory state, NetnsId netns)
            throws NetlinkException, IOException {
        Plan plan = Planner.plan(desired, live, record, options.prune());
        timings.mark("plan");
        if (!plan.conflicts().isEmpty()) {
            print(plan, options.output());
            return fail("jl2tp-apply: nothing applied: the plan has conflicts (above)");
        }
        if (plan.changes().isEmpty()) {
            print(plan, options.output());
            return ExitCode.OK;
        }
        if (options.output() != Output.text) {
            print(plan, options.output());
        } else {
            out.print(PlanText.warnings(plan));
        }
        if (tryHooks.isPresent()) {
            Optional<String> refused = tryHooks.get().beforeRun(plan, live, record, state, netns);
            if (refused.isPresent()) {
                return fail("jl2tp-apply: nothing applied: " + refused.get());
            }
        }
        NetlinkKernelOps ops = new NetlinkKernelOps(kernel, NetlinkKernelOps.DEFAULT_GONE_TIMEOUT);
        Executor executor = new Executor(ops, sink, step -> progress(step, options.output()),
                Executor.DEFAULT_CHECKPOINT_INTERVAL);
        Ownership after;
        try {
            after = executor.apply(plan, record);
        } catch (ApplyFailure failure) {
            if (failure.failure() instanceof ApplyFailure.Thrown t && System.getenv("JL2TP_DEBUG") != null) {
                t.thrown().printStackTrace(err);
            }
            if (tryHooks.isPresent()) {
                tryHooks.get().afterFailure(failure.undone());
            }
            // One place decides the hints for kernel refusals: the same as show and status give.
            return fail("jl2tp-apply: " + failure.messageWithHint(failure.kernelError().flatMap(KernelFailure::hint)));
        }
        timings.mark("apply");
        NetworkState reread = Hold.of(desired, ops.read(), after, held).live();
        List<String> differences = new ArrayList<>(Verifier.differences(desired, reread, after, options.prune()));
        differences.addAll(UsableAddresses.problems(kernel.route(), desired.state()));
        timings.mark("verify");
        if (tryHooks.isPresent()) {
            tryHooks.get().afterRun();
        }
        if (!differences.isEmpty()) {
            err.println("jl2tp-apply: applied, but the kernel does not match the config afterwards:");
            differences.forEach(d -> err.println("  " + d));
            err.flush();
            return ExitCode.FAILED;
        }
        if (options.output() == Output.text) {
            int n = plan.changes().size();
            out.println("applied " + n + (n == 1 ? " change" : " changes") + "; the kernel matches the config");
            out.flush();
        }
        return ExitCode.OK;
    }

    void progress(Change step, Output output) {
        if (output == Output.text) {
            out.println(step.sign() + " " + step.summary());
            out.flush();
        }
    }

    void print(Plan plan, Output output) {
        out.print(switch (output) {
            case text -> PlanText.render(plan);
            case json -> PlanJson.render(plan);
            case ip -> PlanIp.render(plan);
        });
        out.flush();
    }

    private int fail(String line) {
        err.println(line);
        err.flush();
        return ExitCode.FAILED;
    }
}
