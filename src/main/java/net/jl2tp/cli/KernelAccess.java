package net.jl2tp.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.route.LinkAddress;

/**
 * Where the commands find the kernel, jl2tp's state records and the config files: the real ones,
 * or in tests a kernel over a fake netlink (or in a namespace) and temporary directories.
 */
interface KernelAccess {
    Kernel open(Optional<String> netns) throws NetlinkException;

    Path stateDirectory();

    /** Where the config files are searched, lowest precedence first. */
    default List<Path> searchPath() {
        return ConfigLoader.DEFAULT_SEARCH_PATH;
    }

    /**
     * Starts the process that rolls try {@code tryId} back at its deadline ({@link WatcherLauncher});
     * returns how, for status. Unit tests, which have no kernel for it, start none.
     */
    default String startTryWatcher(String tryId, Optional<String> netns, Path log) throws IOException {
        return WatcherLauncher.start(tryId, netns, stateDirectory(), log);
    }

    /** Where {@code confirm} installs a try's candidates: the administrator's directory of the search path. */
    default Path configDirectory() {
        return ConfigLoader.ADMIN_DIRECTORY;
    }

    /**
     * What site selection looks at on this host: the site file in {@link #configDirectory()}, the
     * kernel's host and domain names, and the addresses of namespace {@code netns} (read over
     * netlink, only when the last rule needs them). Unit tests give fixtures.
     */
    default SiteChoice.HostFacts hostFacts(Optional<String> netns) {
        return SiteChoice.HostFacts.system(configDirectory(), () -> {
            try (Kernel kernel = open(netns)) {
                return kernel.route().addresses().stream().map(LinkAddress::address).toList();
            }
        });
    }

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
