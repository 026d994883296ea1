package net.jl2tp.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.jl2tp.export.DiagnoseReport;
import net.jl2tp.json.JsonWriter;
import net.jl2tp.model.LiveState;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.TunnelSocket;
import net.jl2tp.plan.DesiredBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Read each L2TP session's, its tunnel's and its interface's state twice, --interval apart, and "
                + "say per session what the counters' movement shows (OK; no traffic; sent but nothing received; a "
                + "cookie, sequencing or l2spec mismatch; malformed packets; an interface down; a configured "
                + "session missing), with the deltas and the likely cause. Exit 0 when no session has a problem, "
                + "5 when one has. Needs root (CAP_NET_ADMIN).")
final class DiagnoseCommand implements Callable<Integer> {
    enum Output { text, json }

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between the two samples: 1 to 3600; default 5. Traffic must cross in between.")
    long interval;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default: a table and each session's evidence) or json (stable keys, for scripts).")
    Output output;

    @Mixin
    ConfigSelection config;

    @Mixin
    NetnsSelection namespace;

    @Mixin
    SiteSelection site;

    @Spec
    CommandSpec spec;

    private final KernelAccess access;

    DiagnoseCommand() {
        this(KernelAccess.SYSTEM);
    }

    DiagnoseCommand(KernelAccess access) {
        this.access = access;
    }

    /** The two samples: the kernel's state, and the UDP tunnels' sockets (empty: the kernel cannot say). */
    private record Samples(LiveState before, LiveState after, Optional<Map<Long, TunnelSocket>> socketsBefore,
            Optional<Map<Long, TunnelSocket>> socketsAfter) {
    }

    /** The configured state of this host, or why there is none (then only the kernel's sessions are judged). */
    private Optional<NetworkState> configured(PrintWriter err) {
        SiteSelection.Intended intended = SiteSelection.intended(config.load(access.searchPath()), site.site(),
                () -> access.hostFacts(namespace.netns()));
        if (intended.config().isEmpty()) {
            err.println("jl2tp-apply: diagnosing the kernel's sessions only, without the config: " + intended.why());
            err.flush();
        }
        return intended.config().map(valid -> DesiredBuilder.build(valid).state());
    }

    @Override
    public Integer call() {
        Main.checkedSeconds(spec, "--interval", interval, 1, Main.AN_HOUR);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<NetworkState> configured = configured(err);
        Optional<Samples> samples = namespace.read(access, err, kernel -> {
            LiveState before = kernel.read();
            Optional<Map<Long, TunnelSocket>> socketsBefore = kernel.tunnelSockets(before.state().tunnels().values());
            try {
                Thread.sleep(interval * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LiveState after = kernel.read();
            return new Samples(before, after, socketsBefore, kernel.tunnelSockets(after.state().tunnels().values()));
        });
        if (samples.isEmpty()) {
            return ExitCode.FAILED;
        }
        Samples s = samples.get();
        DiagnoseReport report = DiagnoseReport.of(interval, s.before(), s.after(), configured, s.socketsBefore(),
                s.socketsAfter());
        out.print(output == Output.json ? JsonWriter.write(report.toTree()) : report.toText());
        out.flush();
        return report.hasProblem() ? ExitCode.PROBLEM_FOUND : ExitCode.OK;
    }
}
