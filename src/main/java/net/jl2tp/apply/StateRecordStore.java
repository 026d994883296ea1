package net.jl2tp.apply;

import net.jl2tp.model.Ownership;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * One namespace's state record file in the {@link StateDirectory}, and its atomic write: a temp
 * file of an unpredictable name created exclusively (0600), fsync, rename, fsync of the directory.
 * A crash at any point leaves either the old record or the new, never a torn one; a failed write
 * removes its temp file. Neither the record nor the temp file is reached through a symbolic link.
 * The directory is on tmpfs (/run): the record dies with the kernel state at reboot.
 */
public final class StateRecordStore {
    /** Null: no record is kept (a kernel without netns cookies, see {@link StateDirectory#record}). */
    private final Path file;

    public StateRecordStore(Path file) {
        this.file = file;
    }

    static StateRecordStore notKept() {
        return new StateRecordStore(null);
    }

    /** False where the kernel cannot tell namespaces apart for good: loads give nothing, saves keep nothing. */
    public boolean kept() {
        return file != null;
    }

    public Path file() {
        return file;
    }

    /** The record, or an empty one if jl2tp has made nothing here yet. */
    public Ownership load() throws IOException, UnreadableStateRecord {
        if (file == null) {
            return Ownership.empty();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readAllBytes();
        } catch (NoSuchFileException e) {
            return Ownership.empty();
        } catch (IOException e) {
            throw StateFiles.explained(file, e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new Ownership(NetworkStateJson.read(text));
        } catch (CharacterCodingException e) {
            throw new UnreadableStateRecord(file + ": not UTF-8 text", e);
        } catch (IllegalArgumentException e) {
            throw new UnreadableStateRecord(file + ": " + e.getMessage(), e);
        }
    }

    public void save(Ownership record) throws IOException {
        if (file == null) {
            return;
        }
        StateFiles.writeAtomically(file, NetworkStateJson.write(record.owned()).getBytes(StandardCharsets.UTF_8));
    }
}
