package net.jl2tp.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file other programs read while jl2tp rewrites it (node_exporter's textfile collector reads
 * jl2tp.prom; jl2tp.service the config files confirm installs): written whole and atomically like
 * the state records, but world-readable (0644).
 */
public final class PublishedFile {
    private PublishedFile() {
    }

    /** Temp file in the same directory, fsync, rename: a reader sees the old file or the new, never a torn one. */
    public static void write(Path file, byte[] bytes) throws IOException {
        stage(file, bytes).commit();
    }

    /**
     * The bytes written beside {@code file}, not yet in its place: several files staged first and
     * then committed cannot half-fail on a full disk (confirm installs a try's candidates so).
     */
    public static Staged stage(Path file, byte[] bytes) throws IOException {
        return new Staged(StateFiles.writeTemp(file, bytes, PosixFilePermissions.fromString("rw-r--r--")), file);
    }

    /** A staged file: {@link #commit} renames it into place, {@link #discard} removes it. */
    public record Staged(Path temp, Path file) {
        public void commit() throws IOException {
            StateFiles.moveInto(temp, file);
        }

        public void discard() {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a temp file left behind is named as one (.NAME.HEX.tmp), and harmless
            }
        }
    }
}
