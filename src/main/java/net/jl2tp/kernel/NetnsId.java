package net.jl2tp.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import net.jl2tp.netlink.NetlinkException;

/**
 * Which network namespace a run works in, for its state record. The inode (nsfs, as {@code ip
 * netns identify} and {@code readlink /proc/self/ns/net} show it) is what a human recognises, but
 * the kernel gives a dead namespace's inode to the next new one; the cookie (SO_NETNS_COOKIE,
 * Linux 5.14+) is never given twice before a reboot. So a record belongs to a namespace only when
 * its cookie matches, and a record with this inode but another cookie is a dead namespace's.
 *
 * @param cookie empty on a kernel without SO_NETNS_COOKIE: then no record is kept at all
 */
public record NetnsId(long inode, OptionalLong cookie) {

    public static Path pathOf(Optional<String> netns) {
        return netns.map(name -> Path.of("/run/netns", name)).orElse(Path.of("/proc/self/ns/net"));
    }

    public static long inode(Optional<String> netns) throws IOException {
        Object inode = Files.getAttribute(pathOf(netns), "unix:ino");
        return ((Number) inode).longValue();
    }

    /**
     * The namespace {@code kernel}'s sockets live in. The cookie comes from the socket itself; the
     * inode from the path, read after the sockets were opened. Were the name given to another
     * namespace in between, the record's name would carry the wrong inode with the right cookie:
     * its objects would then be taken as foreign (left alone), never another namespace's as ours.
     */
    public static NetnsId of(Optional<String> netns, Kernel kernel) throws IOException, NetlinkException {
        return new NetnsId(inode(netns), kernel.netnsCookie());
    }
}
