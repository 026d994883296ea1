package net.jl2tp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An I/O failure said as its reason, without the path (the message around it names the file). */
class IoReasonTest {
    @TempDir
    Path tmp;

    @Test
    void accessDeniedIsPermissionDeniedNotThePath() {
        // EACCES: Java gives the path alone as the message (no reason text)
        AccessDeniedException e = new AccessDeniedException("/var/lib/node_exporter/.jl2tp.prom.0011223344556677.tmp");
        assertThat(e.getMessage()).isEqualTo("/var/lib/node_exporter/.jl2tp.prom.0011223344556677.tmp");

        assertThat(IoReason.of(e)).isEqualTo("permission denied");
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        assertThat(IoReason.of(new NoSuchFileException("/etc/jl2tp/a.yaml"))).isEqualTo("no such file");
    }

    @Test
    void aFileSystemExceptionIsItsReasonWithoutThePaths() {
        FileSystemException e = new FileSystemException("/a/.jl2tp.prom.tmp", "/a/jl2tp.prom", "Read-only file system");

        assertThat(IoReason.of(e)).isEqualTo("Read-only file system");
    }

    @Test
    void theKernelsFailuresAreTheirReasonsNotTheirPaths() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        Path inside = Files.writeString(dir.resolve("inside"), "x");

        assertThat(reasonOf(() -> Files.delete(dir))).isEqualTo("directory not empty");
        assertThat(reasonOf(() -> Files.createFile(inside))).isEqualTo("file exists");
        assertThat(reasonOf(() -> Files.newDirectoryStream(inside).close())).isEqualTo("not a directory");
        assertThat(reasonOf(() -> Files.newBufferedReader(inside.resolve("below")).close())).isEqualTo("Not a directory");
        assertThat(reasonOf(() -> Files.readString(tmp.resolve("missing")))).isEqualTo("no such file");
    }

    private interface Io {
        void run() throws IOException;
    }

    private static String reasonOf(Io io) {
        try {
            io.run();
        } catch (IOException e) {
            assertThat(IoReason.of(e)).doesNotContain("/");
            return IoReason.of(e);
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void anyOtherIsItsMessageOrItsKind() {
        assertThat(IoReason.of(new IOException("No space left on device"))).isEqualTo("No space left on device");
        assertThat(IoReason.of(new IOException())).isEqualTo("IOException");
    }
}
