package net.jl2tp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.apply.PublishedFile;

/**
 * A tried candidate, installed by confirm: exactly the bytes that were tried (their SHA-256 is
 * checked), written as the config file atomically (temp file, fsync, rename, fsync of the
 * directory), mode 0644, owned by the user that runs jl2tp-apply (root).
 */
final class CandidateInstall {
    /** As much as the config loader reads of a file. */
    private static final int MAX_BYTES = 4 << 20;

    private CandidateInstall() {
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The file's bytes: a regular file, read without following a link at its name, at most 4 MiB. */
    static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file");
        }
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException(file + " is larger than 4 MiB");
            }
            return bytes;
        }
    }

    /** Why a candidate cannot be installed as it was tried, if one cannot. */
    static Optional<String> checkUnchanged(List<PendingTry.Candidate> candidates) {
        for (PendingTry.Candidate c : candidates) {
            try {
                if (!sha256(read(c.file())).equals(c.sha256())) {
                    return Optional.of(c.file() + " has changed since it was tried: try it again");
                }
            } catch (IOException e) {
                return Optional.of("cannot read the candidate " + c.file() + " again: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** A candidate written beside its place, not yet in it: {@link #commit} renames it there. */
    record Prepared(PendingTry.Candidate candidate, PublishedFile.Staged staged) {
        void commit() throws IOException {
            staged.commit();
        }

        void discard() {
            staged.discard();
        }
    }

    /**
     * Every candidate written (exactly the bytes tried, their SHA-256 checked), fsynced, beside its
     * place: all or none. The renames that follow cannot half-fail on a full disk or a bad byte.
     */
    static List<Prepared> prepare(List<PendingTry.Candidate> candidates) throws IOException {
        List<Prepared> prepared = new java.util.ArrayList<>();
        try {
            for (PendingTry.Candidate c : candidates) {
                prepared.add(prepare(c));
            }
            return prepared;
        } catch (IOException | RuntimeException e) {
            prepared.forEach(Prepared::discard);
            throw e;
        }
    }

    private static Prepared prepare(PendingTry.Candidate c) throws IOException {
        byte[] bytes = read(c.file());
        if (!sha256(bytes).equals(c.sha256())) {
            throw new IOException(c.file() + " has changed since it was tried: try it again");
        }
        Files.createDirectories(c.installAs().toAbsolutePath().getParent());
        return new Prepared(c, PublishedFile.stage(c.installAs(), bytes));
    }

    /** One candidate, prepared and put in place. */
    static void install(PendingTry.Candidate c) throws IOException {
        prepare(c).commit();
    }
}
