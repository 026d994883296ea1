package net.jl2tp.apply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One namespace's try file in the {@link StateDirectory}, beside its state record and written the
 * same way (atomically, 0600, never through a link). It lives in /run: a reboot ends a try, and the
 * boot unit applies the files on disk.
 */
public final class PendingTryStore {
    /** A try file holds two states of the namespace: 10 000 sessions take about 6 MB. */
    static final int MAX_BYTES = 128 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;

    PendingTryStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** A fresh try id: 16 hex digits, unpredictable (it names the watcher's unit and log). */
    public static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public Optional<PendingTry> load() throws IOException, UnreadableStateRecord {
        byte[] bytes = StateFiles.readIfPresent(file, MAX_BYTES);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(PendingTryJson.read(text));
        } catch (CharacterCodingException e) {
            throw new UnreadableStateRecord(file + ": not UTF-8 text", e);
        } catch (IllegalArgumentException e) {
            throw new UnreadableStateRecord(file + ": " + e.getMessage(), e);
        }
    }

    public void save(PendingTry pending) throws IOException {
        StateFiles.writeAtomically(file, PendingTryJson.write(pending).getBytes(StandardCharsets.UTF_8));
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
