package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import net.jl2tp.apply.PendingTry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** confirm's install of a tried candidate: exactly the bytes tried, 0644, atomically, or nothing. */
class CandidateInstallTest {
    private static final String TEXT = "l2tp:\n  version: 1\n";

    @TempDir
    Path tmp;

    private PendingTry.Candidate tried(Path file, Path installAs) throws IOException {
        return new PendingTry.Candidate(file, CandidateInstall.sha256(CandidateInstall.read(file)), installAs);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theSha256IsTheKnownDigestInLowerCaseHex() {
        assertThat(CandidateInstall.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void installWritesTheBytesTriedAs0644IntoADirectoryMadeIfMissing() throws IOException {
        Path candidate = Files.writeString(tmp.resolve("10-site.yaml"), TEXT);
        // a candidate kept private by its author: the installed file is still world-readable, as /etc/jl2tp's are
        Files.setPosixFilePermissions(candidate, PosixFilePermissions.fromString("rw-------"));
        Path etc = tmp.resolve("etc/jl2tp");

        CandidateInstall.install(tried(candidate, etc.resolve("10-site.yaml")));

        assertThat(etc.resolve("10-site.yaml")).hasContent(TEXT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(etc.resolve("10-site.yaml"))))
                .isEqualTo("rw-r--r--");
        assertThat(listing(etc)).containsExactly("10-site.yaml");
        assertThat(candidate).hasContent(TEXT);
    }

    @Test
    void installReplacesTheFileThereWhateverItsMode() throws IOException {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Path old = Files.writeString(etc.resolve("10-site.yaml"), "old\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-------"));
        Path candidate = Files.writeString(tmp.resolve("10-site.yaml"), TEXT);

        CandidateInstall.install(tried(candidate, old));

        assertThat(old).hasContent(TEXT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rw-r--r--");
        assertThat(listing(etc)).containsExactly("10-site.yaml");
    }

    @Test
    void aCandidateChangedSinceTheTryIsNotInstalled() throws IOException {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Path old = Files.writeString(etc.resolve("10-site.yaml"), "old\n");
        Path candidate = Files.writeString(tmp.resolve("10-site.yaml"), TEXT);
        PendingTry.Candidate c = tried(candidate, old);
        Files.writeString(candidate, TEXT + "# edited after the try\n");

        assertThatThrownBy(() -> CandidateInstall.install(c)).isInstanceOf(IOException.class)
                .hasMessage(candidate + " has changed since it was tried: try it again");

        assertThat(old).hasContent("old\n");
        assertThat(listing(etc)).containsExactly("10-site.yaml");
    }

    /** All or none: one candidate changed since the try, and not even the unchanged one is installed. */
    @Test
    void prepareWritesEveryCandidateOrNone() throws IOException {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Path a = Files.writeString(tmp.resolve("a.yaml"), TEXT);
        Path b = Files.writeString(tmp.resolve("b.yaml"), TEXT + "# b\n");
        List<PendingTry.Candidate> both = List.of(tried(a, etc.resolve("a.yaml")), tried(b, etc.resolve("b.yaml")));
        Files.writeString(b, "changed\n");

        assertThatThrownBy(() -> CandidateInstall.prepare(both)).isInstanceOf(IOException.class)
                .hasMessageContaining("has changed since it was tried");
        assertThat(listing(etc)).as("no temp file left, nothing installed").isEmpty();

        Files.writeString(b, TEXT + "# b\n");
        List<CandidateInstall.Prepared> prepared = CandidateInstall.prepare(both);
        assertThat(listing(etc)).as("written beside their places, not yet in them").hasSize(2)
                .allMatch(name -> name.startsWith(".") && name.endsWith(".tmp"));
        for (CandidateInstall.Prepared p : prepared) {
            p.commit();
        }
        assertThat(listing(etc)).containsExactly("a.yaml", "b.yaml");
        assertThat(etc.resolve("b.yaml")).hasContent(TEXT + "# b\n");
    }

    @Test
    void checkUnchangedIsEmptyWhenEveryCandidateIsAsTried() throws IOException {
        Path a = Files.writeString(tmp.resolve("a.yaml"), TEXT);
        Path b = Files.writeString(tmp.resolve("b.yaml"), TEXT + "# b\n");

        assertThat(CandidateInstall.checkUnchanged(List.of(tried(a, tmp.resolve("etc/a.yaml")),
                tried(b, tmp.resolve("etc/b.yaml"))))).isEmpty();
        assertThat(CandidateInstall.checkUnchanged(List.of())).isEmpty();
    }

    @Test
    void checkUnchangedNamesAChangedCandidate() throws IOException {
        Path a = Files.writeString(tmp.resolve("a.yaml"), TEXT);
        Path b = Files.writeString(tmp.resolve("b.yaml"), TEXT);
        List<PendingTry.Candidate> candidates = List.of(tried(a, tmp.resolve("etc/a.yaml")), tried(b, tmp.resolve("etc/b.yaml")));
        Files.writeString(b, "changed\n");

        assertThat(CandidateInstall.checkUnchanged(candidates)).contains(b + " has changed since it was tried: try it again");
    }

    @Test
    void checkUnchangedNamesACandidateGoneOrReplacedByALink() throws IOException {
        Path a = Files.writeString(tmp.resolve("a.yaml"), TEXT);
        PendingTry.Candidate c = tried(a, tmp.resolve("etc/a.yaml"));
        Files.delete(a);

        assertThat(CandidateInstall.checkUnchanged(List.of(c))).contains("cannot read the candidate " + a
                + " again: " + a + " is not a regular file");

        Files.createSymbolicLink(a, Files.writeString(tmp.resolve("target.yaml"), TEXT));
        assertThat(CandidateInstall.checkUnchanged(List.of(c))).contains("cannot read the candidate " + a
                + " again: " + a + " is not a regular file");
    }

    @Test
    void readRefusesAFileOverFourMebibytes() throws IOException {
        Path big = Files.write(tmp.resolve("big.yaml"), new byte[(4 << 20) + 1]);

        assertThatThrownBy(() -> CandidateInstall.read(big)).isInstanceOf(IOException.class)
                .hasMessage(big + " is larger than 4 MiB");
    }
}
