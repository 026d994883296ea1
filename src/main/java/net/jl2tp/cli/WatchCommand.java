package net.jl2tp.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jl2tp.apply.ReconcileGovernor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Watch the kernel's L2TP tunnels and sessions and their interfaces, and print an event for every "
                + "change made by anyone but jl2tp to what jl2tp owns or the config names (and, for information, to "
                + "foreign L2TP objects). With --reconcile, apply the config again after a quiet period, backing off "
                + "when another tool keeps undoing it. Runs until SIGTERM or SIGINT. Needs root (CAP_NET_ADMIN).", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ended by SIGTERM or SIGINT",
            "1:kernel or state directory failure (the namespace cannot be read or watched)",
            "2:invalid config or usage"})
final class WatchCommand implements Callable<Integer> {
    enum Output { text, json }

    @Option(names = "--reconcile", description = "After a quiet period with no new drift, apply the config again, "
            + "exactly as jl2tp-apply does (taking the apply lock; never while a try is pending).")
    boolean reconcile;

    @Option(names = "--quiet-period", paramLabel = "SECONDS", defaultValue = "2",
            description = "With --reconcile: how long no new drift must be seen before reconciling: 1 to 3600; default 2.")
    long quietSeconds;

    @Option(names = "--prune", description = "With --reconcile: reconcile as jl2tp-apply --prune does (delete foreign "
            + "L2TP objects the config does not name); a foreign tunnel or session that appears is then drift, deleted "
            + "by the next reconcile. Without it, foreign objects are reported and never touched.")
    boolean prune;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default: one line per event) or json (one JSON object per line).")
    Output output;

    @Mixin
    NetnsSelection namespace;

    @Mixin
    ConfigSelection config;

    @Mixin
    SiteSelection site;

    @Mixin
    LockWait lock;

    @Spec
    CommandSpec spec;

    private final KernelAccess access;

    WatchCommand() {
        this(KernelAccess.SYSTEM);
    }

    WatchCommand(KernelAccess access) {
        this.access = access;
    }

    @Override
    public Integer call() {
        Main.refuseOptionsBefore(spec);
        Main.checkedSeconds(spec, "--quiet-period", quietSeconds, 1, Main.AN_HOUR);
        if (!reconcile && (prune || spec.commandLine().getParseResult().hasMatchedOption("--quiet-period"))) {
            throw new ParameterException(spec.commandLine(), (prune ? "--prune" : "--quiet-period") + " goes with --reconcile");
        }
        AtomicBoolean stop = new AtomicBoolean();
        // SIGTERM (systemctl stop) and SIGINT end the loop at its next turn, and the run exits 0:
        // handled from the moment the loop starts (before it, a signal ends the JVM as usual).
        Runnable catchSignals = () -> {
            Signal.handle(new Signal("TERM"), signal -> stop.set(true));
            Signal.handle(new Signal("INT"), signal -> stop.set(true));
        };
        WatchRun.Options options = new WatchRun.Options(namespace.netns(), site.site(), output == Output.json, reconcile,
                prune, ReconcileGovernor.Settings.defaults(Duration.ofSeconds(quietSeconds)), lock.duration(spec));
        return new WatchRun(access, spec.commandLine().getOut(), spec.commandLine().getErr(), stop::get)
                .run(() -> config.load(access.searchPath()), options, catchSignals);
    }
}
