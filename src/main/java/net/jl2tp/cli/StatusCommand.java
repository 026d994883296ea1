package net.jl2tp.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jl2tp.apply.LastApplyMark;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.apply.PublishedFile;
import net.jl2tp.apply.StateRecordStore;
import net.jl2tp.export.StatusMetrics;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.plan.Planner;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.apply.UnreadableStateRecord;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.config.IoReason;
import net.jl2tp.config.LoadedConfig;
import net.jl2tp.export.TryStatus;
import net.jl2tp.json.Tree;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Plan;
import net.jl2tp.plan.Restore;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.jl2tp.json.JsonWriter;
import net.jl2tp.export.StatusReport;
import net.jl2tp.model.LiveState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each L2TP tunnel and session with its interface's state and the kernel's "
                + "counters, and the problems they point at (packets sent but none received, wrong "
                + "cookies, an interface down), and a pending try with what its rollback would do. Needs root "
                + "(CAP_NET_ADMIN).")
final class StatusCommand implements Callable<Integer> {
    enum Output { text, json, prometheus }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default: aligned tables), json (stable keys, for scripts) or prometheus (the "
                    + "Prometheus text format, for node_exporter's textfile collector).")
    Output output;

    @Option(names = "--textfile", paramLabel = "DIR",
            description = "With --output prometheus: write DIR/jl2tp.prom (atomically, mode 0644) instead of "
                    + "printing the metrics; DIR must exist (node_exporter's textfile directory).")
    Path textfile;

    @Mixin
    NetnsSelection namespace;

    @Mixin
    SiteSelection site;

    @Spec
    CommandSpec spec;

    private final KernelAccess access;

    StatusCommand() {
        this(KernelAccess.SYSTEM);
    }

    StatusCommand(KernelAccess access) {
        this.access = access;
    }

    /**
     * The namespace's try, with what a rollback would do now; none when there is none, or when the
     * state directory cannot be read (status then says why on stderr and shows the rest).
     */
    private Optional<TryStatus> tryStatus(Kernel kernel, LiveState live, PrintWriter err) throws NetlinkException {
        try {
            NetnsId id = NetnsId.of(namespace.netns(), kernel);
            StateDirectory state = StateDirectory.forReading(access.stateDirectory());
            Optional<PendingTry> pending = PendingTries.load(state, id);
            if (pending.isEmpty()) {
                return Optional.empty();
            }
            Plan rollback = pending.get().phase().blocks()
                    ? Restore.plan(pending.get().before(), live.state(), state.record(id).load(), Set.of())
                    : new Plan(List.of(), List.of(), List.of(), List.of());
            return Optional.of(new TryStatus(pending.get(), rollback, Instant.now()));
        } catch (IOException | UnreadableStateRecord e) {
            err.println("jl2tp-apply: cannot tell whether a try is pending: " + e.getMessage());
            err.flush();
            return Optional.empty();
        }
    }

    /**
     * This host's site when the config of the search path has links; empty without links, or when
     * the files do not read or no one site is this host's (then why, on stderr): status shows the
     * kernel whatever the config says.
     */
    private Optional<SiteChoice.Chosen> chosenSite(PrintWriter err) {
        LoadedConfig loaded = ConfigLoader.loadSearchPath(access.searchPath());
        if (!loaded.config().hasLinks()) {
            return Optional.empty();
        }
        if (!loaded.problems().isEmpty()) {
            err.println("jl2tp-apply: cannot tell this host's site: the config has problems (jl2tp-apply validate "
                    + "lists them)");
            err.flush();
            return Optional.empty();
        }
        try {
            return Optional.of(SiteChoice.choose(loaded.config().sites(), site.site(),
                    access.hostFacts(namespace.netns())));
        } catch (SiteChoice.NoSite e) {
            err.println("jl2tp-apply: cannot tell this host's site: " + e.getMessage());
        } catch (NetlinkException e) {
            err.println("jl2tp-apply: cannot tell this host's site: " + KernelFailure.line(e).substring("jl2tp-apply: ".length()));
        }
        err.flush();
        return Optional.empty();
    }

    /** The config of the search path, for this host's site when it has links, as apply would take it. */
    private SiteSelection.Intended intent() {
        return SiteSelection.intended(ConfigLoader.loadSearchPath(access.searchPath()), site.site(),
                () -> access.hostFacts(namespace.netns()));
    }

    /**
     * The metrics of this namespace: the in-sync plan is a dry run's (same record, no prune); the last
     * apply is the mark a successful apply leaves (none, or one that does not read: no sample).
     */
    private StatusMetrics metrics(Kernel kernel, LiveState live, SiteSelection.Intended intent) throws NetlinkException {
        StateRecordStore record;
        Optional<Instant> lastApply;
        try {
            StateDirectory state = StateDirectory.forReading(access.stateDirectory());
            NetnsId id = NetnsId.of(namespace.netns(), kernel);
            record = state.record(id);
            lastApply = state.lastApply(id).flatMap(LastApplyMark::read);
        } catch (IOException e) {
            return new StatusMetrics(StatusReport.of(live), Optional.empty(), "the state directory cannot be read: "
                    + e.getMessage(), Optional.empty());
        }
        if (intent.config().isEmpty()) {
            return new StatusMetrics(StatusReport.of(live), Optional.empty(), intent.why(), lastApply);
        }
        try {
            Plan plan = Planner.plan(ApplyRun.resolved(DesiredBuilder.build(intent.config().get()), kernel), live.state(), record.load(), false);
            return new StatusMetrics(StatusReport.of(live), Optional.of(plan.inSync()), "", lastApply);
        } catch (IOException | UnreadableStateRecord e) {
            return new StatusMetrics(StatusReport.of(live), Optional.empty(), "the state record cannot be read: "
                    + e.getMessage(), lastApply);
        }
    }

    /** --output prometheus: printed, or written to DIR/jl2tp.prom with --textfile DIR. */
    private int prometheus(PrintWriter out, PrintWriter err) {
        if (textfile != null && !Files.isDirectory(textfile)) {
            err.println("jl2tp-apply: --textfile " + textfile + ": no such directory (node_exporter's textfile "
                    + "directory must exist)");
            err.flush();
            return ExitCode.FAILED;
        }
        SiteSelection.Intended intent = intent();
        Optional<StatusMetrics> metrics = namespace.read(access, err, kernel -> metrics(kernel, kernel.read(), intent));
        if (metrics.isEmpty()) {
            return ExitCode.FAILED;
        }
        String text = metrics.get().text();
        if (textfile == null) {
            out.print(text);
            out.flush();
            return ExitCode.OK;
        }
        Path file = textfile.resolve("jl2tp.prom");
        try {
            PublishedFile.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the reason alone: an AccessDeniedException's message is only the path, and that of the temp file
            err.println("jl2tp-apply: cannot write " + file + ": " + IoReason.of(e));
            err.flush();
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (textfile != null && output != Output.prometheus) {
            err.println("jl2tp-apply: --textfile needs --output prometheus");
            err.flush();
            return ExitCode.INVALID;
        }
        if (output == Output.prometheus) {
            return prometheus(out, err);
        }
        record Read(LiveState live, Optional<TryStatus> pending) {
        }
        Optional<Read> read = namespace.read(access, err, kernel -> {
            LiveState live = kernel.read();
            return new Read(live, tryStatus(kernel, live, err));
        });
        if (read.isEmpty()) {
            return ExitCode.FAILED;
        }
        StatusReport report = StatusReport.of(read.get().live());
        Optional<TryStatus> pending = read.get().pending();
        Optional<SiteChoice.Chosen> chosen = chosenSite(err);
        if (output == Output.json) {
            List<Tree.Member> members = new ArrayList<>(report.toTree().members());
            members.add(new Tree.Entry("site", chosen.<Tree>map(c -> new Tree.Mapping(List.of(
                    new Tree.Entry("name", new Tree.Text(c.site())), new Tree.Entry("why", new Tree.Text(c.why())))))
                    .orElse(new Tree.Null())));
            members.add(new Tree.Entry("try", pending.<Tree>map(TryStatus::toTree).orElse(new Tree.Null())));
            out.print(JsonWriter.write(new Tree.Mapping(members)));
        } else {
            chosen.ifPresent(c -> out.println(c.header()));
            out.print(report.toText());
            pending.ifPresent(t -> out.print("\n" + t.toText()));
        }
        out.flush();
        return ExitCode.OK;
    }
}
