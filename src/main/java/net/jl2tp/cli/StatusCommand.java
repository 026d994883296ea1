package net.jl2tp.cli;

import java.io.PrintWriter;
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
                + "cookies, an interface down). Needs root (CAP_NET_ADMIN).")
final class StatusCommand implements Callable<Integer> {
    enum Output { text, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default: aligned tables) or json (stable keys, for scripts).")
    Output output;

    @Mixin
    NetnsSelection namespace;

    @Spec
    CommandSpec spec;

    private final KernelAccess access;

    StatusCommand() {
        this(KernelAccess.SYSTEM);
    }

    StatusCommand(KernelAccess access) {
        this.access = access;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<LiveState> live = namespace.read(access, spec.commandLine().getErr());
        if (live.isEmpty()) {
            return ExitCode.FAILED;
        }
        StatusReport report = StatusReport.of(live.get());
        out.print(output == Output.json ? JsonWriter.write(report.toTree()) : report.toText());
        out.flush();
        return ExitCode.OK;
    }
}
