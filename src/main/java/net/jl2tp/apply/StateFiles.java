package net.jl2tp.apply;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** What the files of the state directory share: made 0600, never opened through a symbolic link. */
final class StateFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Records hold namespace cookies and what jl2tp made: for root's eyes only. */
    static final FileAttribute<Set<PosixFilePermission>> OWNER_READ_WRITE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private StateFiles() {
    }

    /**
     * Writes {@code bytes} as {@code file}: a temp file of an unpredictable name created exclusively
     * (0600), fsync, rename, fsync of the directory. A crash at any point leaves either the old file
     * or the new, never a torn one; a failed write removes its temp file. Neither the file nor the
     * temp file is reached through a symbolic link.
     */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        writeAtomically(file, bytes, OWNER_READ_WRITE.value());
    }

    /** {@link #writeAtomically(Path, byte[])} with the file's mode {@code mode}, whatever the umask. */
    static void writeAtomically(Path file, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        moveInto(writeTemp(file, bytes, mode), file);
    }

    /**
     * The first half of an atomic write: {@code bytes} in a temp file beside {@code file}, of an
     * unpredictable name, created exclusively, mode {@code mode} whatever the umask, fsynced.
     * A failed write removes it. {@link #moveInto} is the second half.
     */
    static Path writeTemp(Path file, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temp = directory.resolve("." + file.getFileName() + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp");
        try {
            // CREATE_NEW is O_EXCL: never an existing file, nor the target of a link planted at the name
            try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), OWNER_READ_WRITE)) {
                if (!mode.equals(OWNER_READ_WRITE.value())) {
                    Files.setPosixFilePermissions(temp, mode); // the umask has no say in it
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            return temp;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    /** The second half: {@code temp} renamed to {@code file}, then the directory fsynced. A failed rename removes it. */
    static void moveInto(Path temp, Path file) throws IOException {
        try {
            // rename(2) replaces whatever is at the name, a link included, never what a link points to
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("cannot replace " + file + " atomically", e);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            throw e;
        }
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true); // the rename itself is durable only once the directory is
        }
    }

    private static void deleteQuietly(Path temp, Exception cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException cleanup) {
            cause.addSuppressed(cleanup);
        }
    }

    /** The whole file, at most {@code limit} bytes, never through a symbolic link; null if there is none. */
    static byte[] readIfPresent(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new IOException(file + " is larger than " + limit + " bytes: not a file jl2tp wrote; move it away");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw explained(file, e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** An open with NOFOLLOW_LINKS that failed: O_NOFOLLOW's ELOOP said as what it means. */
    static IOException explained(Path file, IOException e) {
        if (Files.isSymbolicLink(file)) {
            return new IOException(file + " is a symbolic link: jl2tp does not follow links in its state directory; remove it", e);
        }
        return e;
    }
}
