package net.jl2tp.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Identifies a network namespace by its inode, as the kernel does (nsfs): the state record is
 * kept per namespace, so two namespaces of one host never mix their records.
 */
public final class NetnsId {
    private NetnsId() {
    }

    public static Path pathOf(Optional<String> netns) {
        return netns.map(name -> Path.of("/run/netns", name)).orElse(Path.of("/proc/self/ns/net"));
    }

    public static long inode(Optional<String> netns) throws IOException {
        Object inode = Files.getAttribute(pathOf(netns), "unix:ino");
        return ((Number) inode).longValue();
    }
}
