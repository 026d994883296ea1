package net.jl2tp.apply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;

/**
 * One apply at a time per host: an exclusive lock on /run/jl2tp/state/lock ({@link StateDirectory}),
 * holding the holder's pid so that a waiting run can say who it waits for. The kernel drops the lock when the process dies,
 * even by kill -9, so a crash never leaves it stuck. A watch reads under a shared lock on the same
 * file ({@link #acquireShared}): watches do not exclude each other, an apply excludes them all, and
 * an apply waits for a watch's reading (a few milliseconds) as for any holder, polling within its
 * --lock-timeout. Java's locks are fcntl(2) record locks, per process: a shared and an exclusive
 * holder in one process would collide (OverlappingFileLockException, taken as busy).
 */
public final class ApplyLock implements AutoCloseable {
    private static final long POLL_MILLIS = 50;

    private final FileChannel channel;
    private final FileLock lock;

    private ApplyLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** A lock that another process holds for longer than the wait. */
    public static final class Busy extends Exception {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message, null, false, false);
        }
    }

    public static ApplyLock acquire(Path file, Duration wait) throws IOException, Busy {
        return acquire(file, wait, false);
    }

    /**
     * A reader's lock (the watch's): held by any number of readers at once, never while an apply
     * holds {@link #acquire}'s. It writes no pid: the file keeps the last apply's.
     */
    public static ApplyLock acquireShared(Path file, Duration wait) throws IOException, Busy {
        return acquire(file, wait, true);
    }

    private static ApplyLock acquire(Path file, Duration wait, boolean shared) throws IOException, Busy {
        Files.createDirectories(file.toAbsolutePath().getParent());
        // Never through a link planted at the name; made 0600 (it names the holder, nothing more).
        FileChannel channel;
        try {
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), StateFiles.OWNER_READ_WRITE);
        } catch (IOException e) {
            throw StateFiles.explained(file, e);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock(0, Long.MAX_VALUE, shared);
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by another apply in this very process: wait as for any holder
                }
                if (lock != null && shared) {
                    return new ApplyLock(channel, lock);
                }
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                    channel.force(false);
                    return new ApplyLock(channel, lock);
                }
                if (System.nanoTime() >= deadline) {
                    throw new Busy(holder(channel) + " holds " + file + "; waited "
                            + wait.toSeconds() + " s (--lock-timeout)");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new Busy("interrupted while waiting for " + file);
        } catch (IOException | Busy | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The pid the holder wrote, read through our own descriptor (never a path that could be swapped). */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
            // A watch's shared reading writes no pid; an apply's is cleared when it ends, and one
            // killed leaves it behind: a pid of no live process is not the holder.
            boolean live = pid.matches("[0-9]{1,18}") && ProcessHandle.of(Long.parseLong(pid)).isPresent();
            return live ? "another jl2tp-apply (pid " + pid + ")" : "a jl2tp-apply watch reading the kernel";
        } catch (IOException e) {
            return "another jl2tp-apply";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (!lock.isShared()) {
                channel.truncate(0); // the pid goes with the lock: a later holder's wait never names a finished run
            }
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
