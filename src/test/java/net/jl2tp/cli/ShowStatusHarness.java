package net.jl2tp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.netlink.NetlinkException;
import picocli.CommandLine;

/** Runs jl2tp-apply as the command line would, with show and status reading a given kernel. */
final class ShowStatusHarness {
    record Result(int exit, String out, String err) {
    }

    /** Opens the kernel show and status read; may throw what Kernel.open would. */
    interface KernelOpener {
        Kernel open(Optional<String> netns) throws NetlinkException;
    }

    private ShowStatusHarness() {
    }

    static KernelAccess access(KernelOpener opener, Path stateDirectory) {
        return new KernelAccess() {
            @Override
            public Kernel open(Optional<String> netns) throws NetlinkException {
                return opener.open(netns);
            }

            @Override
            public Path stateDirectory() {
                return stateDirectory;
            }
        };
    }

    static Result run(KernelAccess access, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == ShowCommand.class) {
                    return type.cast(new ShowCommand(access));
                }
                if (type == StatusCommand.class) {
                    return type.cast(new StatusCommand(access));
                }
                return CommandLine.defaultFactory().create(type);
            }
        });
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
