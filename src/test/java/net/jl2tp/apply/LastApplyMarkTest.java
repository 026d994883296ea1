package net.jl2tp.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import net.jl2tp.kernel.NetnsId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mark of the last successful apply: where it is, how it is written, and that what does not read gives no time. */
class LastApplyMarkTest {
    private static final NetnsId NETNS = new NetnsId(4026531840L, OptionalLong.of(7));
    private static final Instant AT = Instant.parse("2026-11-26T10:00:00.123456Z");

    @TempDir
    Path directory;

    private LastApplyMark mark() throws Exception {
        return StateDirectory.open(directory).lastApply(NETNS).orElseThrow();
    }

    @Test
    void theMarkIsNamedByTheNamespaceBesideItsRecord() throws Exception {
        StateDirectory state = StateDirectory.open(directory);

        assertThat(state.lastApply(NETNS).orElseThrow().file()).isEqualTo(directory.resolve("applied-4026531840-7"));
        assertThat(state.lastApply(NETNS).orElseThrow().file().getParent()).isEqualTo(state.record(NETNS).file().getParent());
    }

    @Test
    void aKernelWithoutNetnsCookiesKeepsNoMark() throws Exception {
        assertThat(StateDirectory.open(directory).lastApply(new NetnsId(4026531840L, OptionalLong.empty()))).isEmpty();
    }

    @Test
    void whatIsWrittenIsReadBackAsOneIsoLineForItsOwnerOnlyAndNoTemporaryFileStays() throws Exception {
        LastApplyMark mark = mark();

        mark.write(AT);

        assertThat(mark.read()).contains(AT);
        assertThat(Files.readString(mark.file())).isEqualTo("2026-11-26T10:00:00.123456Z\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mark.file()))).isEqualTo("rw-------");
        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("applied-4026531840-7");
        }
    }

    @Test
    void aWriteReplacesTheMarkAndADeleteEndsIt() throws Exception {
        LastApplyMark mark = mark();
        mark.write(AT);

        mark.write(AT.plusSeconds(60));
        assertThat(mark.read()).contains(AT.plusSeconds(60));

        mark.delete();
        assertThat(mark.read()).isEmpty();
        assertThat(mark.file()).doesNotExist();
    }

    @Test
    void noMarkIsNoTime() throws Exception {
        assertThat(mark().read()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "2026-11-26T10:00:00Z", "garbage\n", "1795687200\n", "2026-11-26 10:00:00\n",
        "2026-13-40T10:00:00Z\n", "2026-11-26T10:00:00Z\n\n", " 2026-11-26T10:00:00Z\n", "-1000-01-01T00:00:00Z\n",
        "1969-12-31T23:59:59Z\n", "{\"format\": 1}\n"})
    void whatIsNotATimeJl2tpWritesGivesNoTime(String text) throws Exception {
        LastApplyMark mark = mark();
        Files.writeString(mark.file(), text);

        assertThat(mark.read()).as("%s", text).isEmpty();
    }

    @Test
    void bytesThatAreNotAsciiGiveNoTime() throws Exception {
        LastApplyMark mark = mark();
        byte[] bytes = "2026-11-26T10:00:00Z\n".getBytes(StandardCharsets.US_ASCII);
        bytes[4] = (byte) 0xd9; // a '-' turned into a byte that is no character alone
        Files.write(mark.file(), bytes);

        assertThat(mark.read()).isEmpty();
    }

    @Test
    void aHugeMarkIsNotReadAndGivesNoTime() throws Exception {
        LastApplyMark mark = mark();
        try (RandomAccessFile f = new RandomAccessFile(mark.file().toFile(), "rw")) {
            f.setLength(1L << 30); // sparse: no disk, the reader still sees the size
        }

        assertThat(mark.read()).isEmpty();
    }

    @Test
    void theLongestTimeJl2tpCanWriteFitsTheLimitAndAMarkOverItGivesNoTime() throws Exception {
        LastApplyMark mark = mark();
        mark.write(Instant.MAX);
        assertThat(mark.read()).contains(Instant.MAX);

        Files.writeString(mark.file(), "x".repeat(LastApplyMark.MAX_BYTES) + "\n");
        assertThat(mark.read()).isEmpty();
    }

    @Test
    void aDirectoryAtTheNameGivesNoTime() throws Exception {
        LastApplyMark mark = mark();
        Files.createDirectory(mark.file());

        assertThat(mark.read()).isEmpty();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aFifoAtTheNameIsNotOpenedAndGivesNoTime() throws Exception {
        LastApplyMark mark = mark();
        Process mkfifo = new ProcessBuilder("mkfifo", mark.file().toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(Files.isRegularFile(mark.file(), LinkOption.NOFOLLOW_LINKS)).isFalse();

        assertThat(mark.read()).isEmpty(); // would block forever if it were opened for reading
    }

    @Test
    void aLinkAtTheNameIsNotFollowedOnReadingNorWrittenThrough() throws Exception {
        LastApplyMark mark = mark();
        Path elsewhere = Files.writeString(directory.resolve("elsewhere"), "2026-11-26T10:00:00Z\n");
        Files.createSymbolicLink(mark.file(), elsewhere);

        assertThat(mark.read()).isEmpty();

        mark.write(AT);
        assertThat(elsewhere).hasContent("2026-11-26T10:00:00Z\n");
        assertThat(Files.isSymbolicLink(mark.file())).isFalse();
        assertThat(mark.read()).contains(AT);
    }

    @Test
    void forgettingTheDeadRemovesTheMarksOfThisInodeWithAnotherCookieOnly() throws Exception {
        StateDirectory state = StateDirectory.open(directory);
        for (String name : new String[] {"applied-100-5", "applied-100-9", "applied-200-6", "applied-1000-5",
                "applied-100-5.note", "netns-100-5.json", "lock"}) {
            Files.writeString(directory.resolve(name), "2026-11-26T10:00:00Z\n");
        }

        // One cleanup for the records and the marks: the dead namespace's record goes with its mark.
        assertThat(state.forgetDead(new NetnsId(100, OptionalLong.of(9))))
                .containsExactlyInAnyOrder(directory.resolve("applied-100-5"), directory.resolve("netns-100-5.json"));

        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("applied-100-9",
                    "applied-200-6", "applied-1000-5", "applied-100-5.note", "lock");
        }
    }

    @Test
    void withoutACookieEveryMarkOfTheInodeIsADeadNamespaces() throws Exception {
        StateDirectory state = StateDirectory.open(directory);
        Files.writeString(directory.resolve("applied-100-5"), "2026-11-26T10:00:00Z\n");

        assertThat(state.forgetDead(new NetnsId(100, OptionalLong.empty())))
                .containsExactly(directory.resolve("applied-100-5"));
    }
}
