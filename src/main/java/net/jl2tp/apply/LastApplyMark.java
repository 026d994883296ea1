package net.jl2tp.apply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When the config was last applied successfully in one namespace, for status's
 * {@code jl2tp_last_apply_timestamp_seconds}: a file beside the namespace's state record holding one
 * ISO-8601 UTC time and a newline ({@code 2026-11-26T10:00:00.123456Z}), written atomically like
 * the record. The record's own modification time cannot say it: a failed apply puts the record
 * back, a try and its rollback write it, and an apply that changes nothing does not. Read as hostile
 * input: a mark that is missing, empty, too large, not a regular file or not a time jl2tp writes
 * gives no time, never a guess.
 */
public final class LastApplyMark {
    /** The longest time Instant.toString() writes is 31 characters; room for a little more, not for a file. */
    static final int MAX_BYTES = 64;

    private final Path file;

    LastApplyMark(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Marks {@code at} as the last successful apply: atomically, 0600, never through a link. */
    public void write(Instant at) throws IOException {
        StateFiles.writeAtomically(file, (at.toString() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The time marked; empty when there is no mark or it is not one jl2tp wrote. */
    public Optional<Instant> read() {
        try {
            // a FIFO planted at the name would block the read: only a regular file is opened
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            byte[] bytes = StateFiles.readIfPresent(file, MAX_BYTES);
            if (bytes == null || bytes.length < 2 || bytes[bytes.length - 1] != '\n') {
                return Optional.empty();
            }
            for (byte b : bytes) {
                if (b < 0) {
                    return Optional.empty(); // not ASCII
                }
            }
            Instant at = Instant.parse(new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII));
            return at.isBefore(Instant.EPOCH) ? Optional.empty() : Optional.of(at);
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** No mark: status gives no time rather than an old one. */
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
