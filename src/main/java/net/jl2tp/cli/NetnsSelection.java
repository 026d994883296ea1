package net.jl2tp.cli;

import java.io.PrintWriter;
import java.util.Optional;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.kernel.LiveState;
import net.jl2tp.netlink.NetlinkException;
import picocli.CommandLine.Option;

/** {@code --netns NAME}, and reading the live state there: shared by the read-only commands. */
final class NetnsSelection {
    @Option(names = "--netns", paramLabel = "NAME",
            description = "Read the network namespace /run/netns/NAME instead of this one.")
    String name;

    Optional<String> netns() {
        return Optional.ofNullable(name);
    }

    /** The live state; on a kernel failure, its one line on {@code err} and empty (exit 1). */
    Optional<LiveState> read(KernelAccess access, PrintWriter err) {
        try (Kernel kernel = access.open(netns())) {
            return Optional.of(kernel.read());
        } catch (NetlinkException e) {
            err.println(KernelFailure.line(e));
            err.flush();
            return Optional.empty();
        }
    }
}
