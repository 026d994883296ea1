package net.jl2tp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import net.jl2tp.export.SceneKernel;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.netlink.NetlinkException;

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

    /** The namespace of the scene (SceneKernel) as jl2tp names it: this process's inode, the scene's cookie. */
    static NetnsId sceneNetns() {
        try {
            return new NetnsId(NetnsId.inode(Optional.empty()), OptionalLong.of(SceneKernel.NETNS_COOKIE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** Exactly the command line's path (Main.run), with this kernel access given to every command. */
    static Result run(KernelAccess access, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err), access);
        return new Result(exit, out.toString(), err.toString());
    }
}
