package net.jl2tp.apply;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jl2tp.kernel.NetnsId;

/**
 * The directory of the state records and the apply lock, /run/jl2tp/state: only its owner (root,
 * the user jl2tp runs as) may write in it, or jl2tp does not use it. It is made 0700 when missing;
 * one made before this check existed (0755 by a run under umask 022) and writable by no one else
 * is tightened to 0700. A symbolic link, another user's directory or one that others may write in
 * is refused ({@link UnsafeStateDirectory}): a record planted there would make jl2tp delete
 * objects it never made. The config drop-ins stay in /run/jl2tp itself, which other tools write.
 */
public final class StateDirectory {
    public static final Path DEFAULT = Path.of("/run/jl2tp/state");
    static final String LOCK = "lock";
    /** applied-INODE-COOKIE: the {@link LastApplyMark} of a namespace. */
    private static final String LAST_APPLY = "applied-";
    private static final int OTHERS_WRITE = 0022;
    private static final int OTHERS_ANY = 0077;
    /** netns-INODE-COOKIE.json (try-INODE-COOKIE.json: its pending try); netns-INODE.json is the name before the cookie (one release's records). */
    private static final Pattern RECORD = Pattern.compile("(?:netns|try)-([0-9]+)(?:-([0-9]+))?\\.json");
    /** applied-INODE-COOKIE: always with the cookie. */
    private static final Pattern MARK = Pattern.compile(LAST_APPLY + "([0-9]+)-([0-9]+)");

    private final Path path;

    private StateDirectory(Path path) {
        this.path = path;
    }

    /** The directory, made (0700) if missing and checked; for apply, which writes. */
    public static StateDirectory open(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // there already (or a link is: checked next, without following it)
        }
        return checked(path, true);
    }

    /**
     * For readers (show, a dry run), which change nothing: the directory checked as {@link #open}
     * does, but neither made nor tightened; a missing one holds no records.
     */
    public static StateDirectory forReading(Path path) throws IOException {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? checked(path, false) : new StateDirectory(path);
    }

    public Path path() {
        return path;
    }

    /** The record of {@code netns}; on a kernel without netns cookies, none is kept (see {@link NetnsId}). */
    public StateRecordStore record(NetnsId netns) {
        if (netns.cookie().isEmpty()) {
            return StateRecordStore.notKept();
        }
        return new StateRecordStore(ofNamespace("netns-", netns, ".json"));
    }

    /** The file of {@code netns}'s try, beside its record; none on a kernel without netns cookies. */
    public Optional<PendingTryStore> pendingTry(NetnsId netns) {
        if (netns.cookie().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PendingTryStore(ofNamespace("try-", netns, ".json")));
    }

    /**
     * The mark of {@code netns}'s last successful apply (applied-INODE-COOKIE, beside its record);
     * none on a kernel without netns cookies, like the record.
     */
    public Optional<LastApplyMark> lastApply(NetnsId netns) {
        if (netns.cookie().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LastApplyMark(ofNamespace(LAST_APPLY, netns, "")));
    }

    /** PREFIX-INODE-COOKIE+SUFFIX: a file of one namespace (which has a cookie), never read as another's. */
    private Path ofNamespace(String prefix, NetnsId netns, String suffix) {
        return path.resolve(prefix + netns.inode() + "-" + Long.toUnsignedString(netns.cookie().getAsLong()) + suffix);
    }

    /** Where a try's watcher that is not a systemd unit writes what it does. */
    public Path watcherLog(String tryId) {
        return path.resolve("try-" + tryId + ".log");
    }

    public ApplyLock lock(Duration wait) throws IOException, ApplyLock.Busy {
        return ApplyLock.acquire(path.resolve(LOCK), wait);
    }

    /** The watch's lock for one reading: shared with other watches, never held during an apply. */
    public ApplyLock readLock(Duration wait) throws IOException, ApplyLock.Busy {
        return ApplyLock.acquireShared(path.resolve(LOCK), wait);
    }

    /**
     * Which write of a record file is there: every save renames a new file into place (a new inode,
     * a new ctime), so two stamps differ after any save, even of the same content.
     */
    public record Stamp(long device, long inode, FileTime changed, long size) {
    }

    /** {@code netns}'s record's {@link Stamp}; empty when there is no record file (or none is kept). */
    public Optional<Stamp> recordStamp(NetnsId netns) throws IOException {
        Path file = record(netns).file();
        if (file == null) {
            return Optional.empty();
        }
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,ctime,size", LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new Stamp((Long) a.get("dev"), (Long) a.get("ino"), (FileTime) a.get("ctime"), (Long) a.get("size")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes the records that cannot be {@code live}'s nor any other living namespace's: those of
     * its inode with another cookie (the kernel gave a dead namespace's inode to {@code live}), and
     * those named by inode alone (written before the cookie: each may be a dead namespace's, and
     * which one cannot be told), and likewise the {@link LastApplyMark}s of its inode with another
     * cookie (a mark names no living namespace but its own, so one left over is never read as
     * another's). Other namespaces' files stay; tmpfs drops them all at reboot. Returns the files
     * removed. Call it under the lock.
     */
    public List<Path> forgetDead(NetnsId live) throws IOException {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher m = RECORD.matcher(name);
                if (!m.matches()) {
                    m = MARK.matcher(name);
                    if (!m.matches()) {
                        continue;
                    }
                }
                boolean legacy = m.group(2) == null;
                boolean sameInodeOtherCookie = !legacy && m.group(1).equals(Long.toString(live.inode()))
                        && (live.cookie().isEmpty()
                                || !m.group(2).equals(Long.toUnsignedString(live.cookie().getAsLong())));
                if ((legacy || sameInodeOtherCookie) && Files.deleteIfExists(file)) {
                    removed.add(file);
                }
            }
        }
        return removed;
    }

    private static StateDirectory checked(Path path, boolean tighten) throws IOException {
        if (Files.isSymbolicLink(path)) {
            throw new UnsafeStateDirectory(path, "it is a symbolic link (to " + Files.readSymbolicLink(path) + ")",
                    "remove the link: jl2tp makes the directory itself");
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeStateDirectory(path, "it is not a directory", "move it away: jl2tp makes the directory itself");
        }
        int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int self = ownUid();
        if (owner != self) {
            throw new UnsafeStateDirectory(path, "it is owned by uid " + owner + ", not by " + userName(self)
                    + " (uid " + self + ") that runs jl2tp-apply",
                    "remove it (jl2tp makes it again, 0700) or chown it to " + userName(self));
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0777;
        if ((mode & OTHERS_WRITE) != 0) {
            throw new UnsafeStateDirectory(path, String.format("its mode %04o lets others than its owner write in it", mode),
                    "check what is in it, then chmod 0700 it");
        }
        if (tighten && (mode & OTHERS_ANY) != 0) {
            // made by an earlier release under umask 022: no one else could write in it, so it is ours
            Files.setAttribute(path, "unix:mode", 0700, LinkOption.NOFOLLOW_LINKS);
        }
        return new StateDirectory(path);
    }

    /** The effective uid: the owner of /proc/self (no FFI needed for it). */
    private static int ownUid() throws IOException {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (NoSuchFileException e) {
            throw new IOException("cannot tell which user runs jl2tp-apply: /proc/self is missing (is /proc mounted?)", e);
        }
    }

    private static String userName(int uid) {
        return uid == 0 ? "root" : "the user";
    }
}
