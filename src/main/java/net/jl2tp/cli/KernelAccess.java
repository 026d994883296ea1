package net.jl2tp.cli;

import java.nio.file.Path;
import java.util.Optional;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.netlink.NetlinkException;

/**
 * Where the read-only commands find the kernel and jl2tp's state records: the real ones, or in
 * unit tests a kernel over a fake netlink and a temporary directory.
 */
interface KernelAccess {
    Kernel open(Optional<String> netns) throws NetlinkException;

    Path stateDirectory();

    KernelAccess SYSTEM = new KernelAccess() {
        @Override
        public Kernel open(Optional<String> netns) throws NetlinkException {
            return Kernel.open(netns);
        }

        @Override
        public Path stateDirectory() {
            return StateDirectory.DEFAULT;
        }
    };
}
