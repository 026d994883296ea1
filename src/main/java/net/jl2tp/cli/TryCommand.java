package net.jl2tp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.apply.PendingTryStore;
import net.jl2tp.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "try", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply the config as a plain apply does, then roll it back at the end of --timeout unless "
                + "`jl2tp-apply confirm` keeps it. The rollback is armed in a process of its own (a systemd unit where "
                + "systemd runs): closing the terminal, losing the SSH connection or killing this command does not "
                + "stop it. On a terminal, ENTER confirms and Ctrl-C rolls back now; otherwise this returns at once.",
            "", "While a try is pending, apply and try in its namespace are refused (exit 4)."})
final class TryCommand implements Callable<Integer> {
    @Mixin
    ConfigSelection config;

    @Mixin
    SiteSelection site;

    @Option(names = "--candidate", paramLabel = "FILE",
            description = "A new version of a config file: read in the place of /etc/jl2tp/FILE's-name (the rest of "
                    + "the search path as it is); confirm installs it there, a rollback leaves /etc/jl2tp as it is. "
                    + "Repeatable; not with --config.")
    List<Path> candidates = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Roll back this long after the apply ends unless confirmed: 1 to 86400 (a day); default 120.")
    long timeoutSeconds;

    @Option(names = "--extend", paramLabel = "SECONDS",
            description = "Do not try anything: give the pending try SECONDS more (as confirm --extend).")
    Long extendSeconds;

    @Option(names = "--prune", description = "Also delete L2TP tunnels and sessions that jl2tp did not make and the "
            + "config does not name (a rollback makes them again).")
    boolean prune;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "How to print the plan: text (default), json or ip; with json or ip the try's own lines go "
                    + "to stderr.")
    ApplyRun.Output output;

    @Mixin
    NetnsSelection namespace;

    @Mixin
    LockWait lock;

    @Spec
    CommandSpec spec;

    private final KernelAccess access;

    TryCommand() {
        this(KernelAccess.SYSTEM);
    }

    TryCommand(KernelAccess access) {
        this.access = access;
    }

    @Override
    public Integer call() {
        Main.refuseOptionsBefore(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration lockTimeout = lock.duration(spec);
        if (extendSeconds != null) {
            if (!candidates.isEmpty() || !config.paths.isEmpty() || prune || site.name != null) {
                throw new ParameterException(spec.commandLine(), "--extend goes alone (with --netns at most): it "
                        + "changes the pending try, it does not try anything");
            }
            return new TryControl(access, out, err).extend(namespace.netns(),
                    Duration.ofSeconds(Main.checkedSeconds(spec, "--extend", extendSeconds, 1)), lockTimeout);
        }
        Duration timeout = Duration.ofSeconds(Main.checkedSeconds(spec, "--timeout", timeoutSeconds, 1));
        if (!candidates.isEmpty() && !config.paths.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--candidate takes the search path and puts the file in "
                    + "it; --config replaces the search path: give one or the other");
        }
        List<PendingTry.Candidate> tried = new ArrayList<>();
        for (Path c : candidates) {
            Path file = c.toAbsolutePath().normalize();
            try {
                tried.add(new PendingTry.Candidate(file, CandidateInstall.sha256(CandidateInstall.read(file)),
                        access.configDirectory().resolve(String.valueOf(file.getFileName()))));
            } catch (IOException e) {
                err.println("jl2tp-apply: cannot read the candidate: " + e.getMessage());
                err.flush();
                return ExitCode.INVALID;
            }
        }
        ApplyRun.ConfigSource source = tried.isEmpty() ? () -> config.load(access.searchPath())
                : () -> ConfigLoader.loadSearchPathWith(access.searchPath(), access.configDirectory(),
                        tried.stream().map(PendingTry.Candidate::file).toList());
        List<Path> configPaths = config.paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        TryRun hooks = new TryRun(access, PendingTryStore.newId(), timeout, namespace.netns(), configPaths,
                tried, prune);
        ApplyRun.Options options = new ApplyRun.Options(false, false, prune, namespace.netns(), output,
                lockTimeout, Optional.empty(), site.site());
        int code = new ApplyRun(access, out, err, Timings.off(), Optional.of(hooks)).run(source, options);
        PrintWriter said = output == ApplyRun.Output.text ? out : err;
        if (!hooks.armed()) {
            if (code == ExitCode.OK) {
                said.println("nothing to try: the kernel already matches the config; no rollback is armed");
                said.flush();
            }
            return code;
        }
        hooks.tell(said, code == ExitCode.OK);
        if (code == ExitCode.OK && output == ApplyRun.Output.text && Countdown.onTerminal()) {
            return new Countdown(new TryControl(access, out, err), namespace.netns(), hooks.pending().id(),
                    access, out).run(lockTimeout);
        }
        return code;
    }
}
