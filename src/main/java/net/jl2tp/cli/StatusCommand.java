package net.jl2tp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.apply.UnreadableStateRecord;
import net.jl2tp.config.ConfigLoader;
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
    enum Output { text, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default: aligned tables) or json (stable keys, for scripts).")
    Output output;

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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
