package net.jl2tp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.jl2tp.model.Ownership;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.apply.StateRecordStore;
import net.jl2tp.apply.UnreadableStateRecord;
import net.jl2tp.export.ConfigExport;
import net.jl2tp.json.JsonWriter;
import net.jl2tp.json.Tree;
import net.jl2tp.export.YamlWriter;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.netlink.NetlinkException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print the kernel's L2TP tunnels and sessions, and the bridges, vlans and addresses "
                + "of their interfaces, in the config format: saved as a config file and applied, it "
                + "changes nothing. Needs root (CAP_NET_ADMIN).")
final class ShowCommand implements Callable<Integer> {
    enum Output { yaml, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (default) or json (the same structure, without the YAML comments).")
    Output output;

    @Mixin
    NetnsSelection namespace;

    @Spec
    CommandSpec spec;

    private final KernelAccess access;

    ShowCommand() {
        this(KernelAccess.SYSTEM);
    }

    ShowCommand(KernelAccess access) {
        this.access = access;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Tree> document = namespace.read(access, err,
                kernel -> ConfigExport.of(kernel.read(), stateRecord(namespace.netns(), kernel, err)));
        if (document.isEmpty()) {
            return ExitCode.FAILED;
        }
        out.print(output == Output.json ? JsonWriter.write(document.get()) : YamlWriter.write(document.get()));
        out.flush();
        err.flush();
        return ExitCode.OK;
    }

    /** jl2tp's record of what it made here; without one, show still works and says l2spec is assumed. */
    private Ownership stateRecord(Optional<String> netns, Kernel kernel, PrintWriter err) throws NetlinkException {
        StateRecordStore store = null;
        try {
            store = StateDirectory.forReading(access.stateDirectory()).record(NetnsId.of(netns, kernel));
            return store.load();
        } catch (IOException | UnreadableStateRecord e) {
            err.println("jl2tp-apply: warning: cannot read the state record"
                    + (store == null || !store.kept() ? "" : " " + store.file()) + " (" + e.getMessage()
                    + "); l2spec-type is written as not reported");
            return Ownership.empty();
        }
    }
}
