package net.jl2tp.cli;

import java.io.PrintWriter;
import java.util.Optional;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.model.LiveState;
import net.jl2tp.netlink.NetlinkException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --netns NAME}, and reading the live state there: shared by the read-only commands. */
final class NetnsSelection {
    @Option(names = "--netns", paramLabel = "NAME",
            description = "Read the network namespace /run/netns/NAME instead of this one.")
    String name;

    /** The command this option is mixed into: its parent may have been given --netns instead. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** {@code status --netns X}, or {@code jl2tp-apply --netns X status}: both mean namespace X. */
    Optional<String> netns() {
        if (name != null) {
            return Optional.of(name);
        }
        CommandSpec parent = command == null ? null : command.parent();
        OptionSpec inherited = parent == null ? null : parent.findOption("--netns");
        return inherited == null ? Optional.empty() : Optional.ofNullable(inherited.getValue());
    }

    /** What a command reads from the kernel while it is open. */
    interface Reading<T> {
        T from(Kernel kernel) throws NetlinkException;
    }

    /** The live state; on a kernel failure, its one line on {@code err} and empty (exit 1). */
    Optional<LiveState> read(KernelAccess access, PrintWriter err) {
        return read(access, err, Kernel::read);
    }

    /** What {@code reading} reads; on a kernel failure, its one line on {@code err} and empty (exit 1). */
    <T> Optional<T> read(KernelAccess access, PrintWriter err, Reading<T> reading) {
        try (Kernel kernel = access.open(netns())) {
            return Optional.of(reading.from(kernel));
        } catch (NetlinkException e) {
            err.println(KernelFailure.line(e));
            err.flush();
            return Optional.empty();
        }
    }
}
