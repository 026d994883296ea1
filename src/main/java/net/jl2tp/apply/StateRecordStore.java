package net.jl2tp.apply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import net.jl2tp.model.NetworkStateJson;

/**
 * Where the state record of one network namespace lives, and its atomic write: temp file, fsync,
 * rename, fsync of the directory. A crash at any point leaves either the old record or the new,
 * never a torn one. The directory is on tmpfs (/run): the record dies with the kernel state at reboot.
 */
public final class StateRecordStore {
    public static final Path DEFAULT_DIRECTORY = Path.of("/run/jl2tp/state");

    private final Path file;

    public StateRecordStore(Path file) {
        this.file = file;
    }

    /** The record for the namespace whose inode is {@code netnsInode} (from /proc/self/ns/net or /run/netns/NAME). */
    public static StateRecordStore forNamespace(Path directory, long netnsInode) {
        return new StateRecordStore(directory.resolve("netns-" + netnsInode + ".json"));
    }

    public Path file() {
        return file;
    }

    /** The record, or an empty one if jl2tp has made nothing here yet. */
    public StateRecord load() throws IOException, UnreadableStateRecord {
        try {
            return new StateRecord(NetworkStateJson.read(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return StateRecord.empty();
        } catch (CharacterCodingException e) {
            throw new UnreadableStateRecord(file + ": not UTF-8 text", e);
        } catch (IllegalArgumentException e) {
            throw new UnreadableStateRecord(file + ": " + e.getMessage(), e);
        }
    }

    public void save(StateRecord record) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp = directory.resolve("." + file.getFileName() + ".tmp");
        byte[] bytes = NetworkStateJson.write(record.owned()).getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + file + " atomically", e);
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true); // the rename itself is durable only once the directory is
        }
    }
}
