package net.jl2tp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.testing.Netns;

/**
 * jl2tp-apply as its command line runs it, inside a test's namespace ({@code --netns}), with the
 * state records in a directory of the test's own: the kernel tests' way to call the product.
 * With {@code searchPath}, the config files are searched there instead of the system's directories.
 */
record CliInNetns(Path stateDirectory, Optional<List<Path>> searchPath) {
    CliInNetns(Path stateDirectory) {
        this(stateDirectory, Optional.empty());
    }

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    Result run(Netns ns, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = run(ns, out, err, args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** The same, writing where the caller can watch while it runs (another thread: a StringWriter is synchronized). */
    int run(Netns ns, StringWriter out, StringWriter err, String... args) {
        KernelAccess access = new KernelAccess() {
            @Override
            public Kernel open(Optional<String> netns) throws NetlinkException {
                return KernelAccess.SYSTEM.open(netns);
            }

            @Override
            public Path stateDirectory() {
                return stateDirectory;
            }

            @Override
            public List<Path> searchPath() {
                return searchPath.orElse(ConfigLoader.DEFAULT_SEARCH_PATH);
            }
        };
        String[] full = new String[args.length + 2];
        full[0] = "--netns";
        full[1] = ns.name();
        System.arraycopy(args, 0, full, 2, args.length);
        return Main.run(full, new PrintWriter(out), new PrintWriter(err), access);
    }
}
