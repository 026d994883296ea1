package net.jl2tp.apply;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file other programs read while jl2tp rewrites it (node_exporter's textfile collector reads
 * jl2tp.prom): written whole and atomically like the state records, but world-readable (0644).
 */
public final class PublishedFile {
    private PublishedFile() {
    }

    /** Temp file in the same directory, fsync, rename: a reader sees the old file or the new, never a torn one. */
    public static void write(Path file, byte[] bytes) throws IOException {
        StateFiles.writeAtomically(file, bytes, PosixFilePermissions.fromString("rw-r--r--"));
    }
}
