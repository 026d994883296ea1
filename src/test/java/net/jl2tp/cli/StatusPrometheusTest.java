package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.export.PrometheusTextParser;
import net.jl2tp.export.PrometheusTextParser.Family;
import net.jl2tp.export.PrometheusTextParser.Sample;
import net.jl2tp.export.SceneKernel;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.netlink.NetlinkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** status --output prometheus (and --textfile) over the captured scene (src/test/resources/export/). */
class StatusPrometheusTest {
    /** The golden record's time: 2026-11-26 10:00:00 UTC. */
    private static final Instant APPLIED = Instant.ofEpochSecond(1_795_687_200L);

    @TempDir
    Path temp;

    private Path stateDirectory() {
        return temp.resolve("state");
    }

    private Path configDirectory() {
        return temp.resolve("etc");
    }

    /** The scene's kernel, a state directory and a search path of one directory, all under temp. */
    private KernelAccess scene() throws Exception {
        Files.createDirectories(configDirectory());
        return new KernelAccess() {
            @Override
            public Kernel open(Optional<String> netns) throws NetlinkException {
                return SceneKernel.open();
            }

            @Override
            public Path stateDirectory() {
                return StatusPrometheusTest.this.stateDirectory();
            }

            @Override
            public List<Path> searchPath() {
                return List.of(configDirectory());
            }

            @Override
            public Path configDirectory() {
                return StatusPrometheusTest.this.configDirectory();
            }
        };
    }

    private static final NetnsId SCENE = ShowStatusHarness.sceneNetns();

    /**
     * A record that owns nothing, and the mark of an apply at {@link #APPLIED}: the config (none) and
     * the kernel agree. The record was written later (a failed apply puts it back): its time is not the apply's.
     */
    private void recordOwningNothing() throws Exception {
        recordOnly();
        StateDirectory.open(stateDirectory()).lastApply(SCENE).orElseThrow().write(APPLIED);
    }

    /** The record alone, written an hour after {@link #APPLIED}, and no mark. */
    private Path recordOnly() throws Exception {
        Path file = StateDirectory.open(stateDirectory()).record(SCENE).file();
        Files.writeString(file, "{\"format\": 1, \"tunnels\": [], \"links\": [], \"foreign-ports\": {}, \"sessions\": []}\n");
        Files.setLastModifiedTime(file, FileTime.from(APPLIED.plusSeconds(3600)));
        return file;
    }

    private static Map<String, Family> byName(String text) {
        Map<String, Family> families = new java.util.LinkedHashMap<>();
        for (Family f : PrometheusTextParser.parse(text)) {
            families.put(f.name(), f);
        }
        return families;
    }

    @Test
    void theSceneAsPrometheusTextIsTheGolden() throws Exception {
        recordOwningNothing();

        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "status", "--output", "prometheus");

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEqualTo(ShowStatusCommandTest.resource("scene-status.prom"));
    }

    @Test
    void everyFamilyHasHelpAndTypeCountersEndInTotalAndNoSeriesRepeats() throws Exception {
        recordOwningNothing();
        String text = ShowStatusHarness.run(scene(), "status", "-o", "prometheus").out();

        List<Family> families = PrometheusTextParser.parse(text); // throws on a duplicate series or a split family
        assertThat(families).isNotEmpty();
        Set<String> seen = new HashSet<>();
        for (Family f : families) {
            assertThat(seen.add(f.name())).as("one family %s", f.name()).isTrue();
            assertThat(f.name()).startsWith("jl2tp_");
            assertThat(f.help()).as("HELP of %s", f.name()).isNotBlank();
            assertThat(f.type()).as("TYPE of %s", f.name()).isIn("counter", "gauge");
            assertThat(f.type().equals("counter")).as("%s: counter iff _total", f.name()).isEqualTo(f.name().endsWith("_total"));
            for (Sample s : f.samples()) {
                assertThat(s.value()).isFinite().isGreaterThanOrEqualTo(0);
            }
        }
        // HELP and TYPE come before the samples, once: the parser refuses otherwise; and in the text
        assertThat(text.lines().filter(l -> l.startsWith("# HELP ")).count()).isEqualTo(families.size());
        assertThat(text.lines().filter(l -> l.startsWith("# TYPE ")).count()).isEqualTo(families.size());
    }

    @Test
    void theSceneSamplesSayWhatStatusSays() throws Exception {
        recordOwningNothing();
        Map<String, Family> f = byName(ShowStatusHarness.run(scene(), "status", "-o", "prometheus").out());
        String json = ShowStatusCommandTest.resource("scene-status.json");

        // one info sample per tunnel and per session of the status JSON
        assertThat(f.get("jl2tp_tunnel_info").samples()).hasSize(count(json, "\"tunnel-id\""));
        assertThat(f.get("jl2tp_session_info").samples()).hasSize(count(json, "\"session-id\""));
        for (String c : List.of("tx_packets", "tx_bytes", "tx_errors", "rx_packets", "rx_bytes", "rx_errors",
                "rx_seq_discards", "rx_oos_packets", "rx_cookie_discards", "rx_invalid")) {
            assertThat(f.get("jl2tp_session_" + c + "_total").samples()).hasSize(f.get("jl2tp_session_info").samples().size());
            assertThat(f.get("jl2tp_tunnel_" + c + "_total").samples()).hasSize(f.get("jl2tp_tunnel_info").samples().size());
        }
        assertThat(f.get("jl2tp_config_in_sync").samples()).singleElement().extracting(Sample::value).isEqualTo(1.0);
        assertThat(f.get("jl2tp_last_apply_timestamp_seconds").samples()).singleElement().extracting(Sample::value)
                .isEqualTo((double) APPLIED.getEpochSecond());
    }

    private static int count(String text, String word) {
        return text.split(java.util.regex.Pattern.quote(word), -1).length - 1;
    }

    @Test
    void aRecordOwningWhatTheConfigNoLongerHasIsOutOfSync() throws Exception {
        // the record says jl2tp made pw-cisco's session; the config (none) wants it gone
        Path file = StateDirectory.open(stateDirectory()).record(SCENE).file();
        Files.writeString(file, """
                {"format": 1, "tunnels": [], "links": [], "foreign-ports": {}, "sessions": [
                  {"tunnel-id": 3001, "session-id": 1001, "peer-session-id": 2001, "interface": "pw-cisco",
                   "cookie": "014d3636deadbeef", "peer-cookie": "0badc0de", "l2spec-type": "none", "sequencing": "none"}]}
                """);

        Map<String, Family> f = byName(ShowStatusHarness.run(scene(), "status", "-o", "prometheus").out());

        assertThat(f.get("jl2tp_config_in_sync").samples()).singleElement().extracting(Sample::value).isEqualTo(0.0);
    }

    @Test
    void noRecordNoTimestampAndABadConfigNoSyncSample() throws Exception {
        KernelAccess access = scene();
        Files.writeString(configDirectory().resolve("bad.yaml"), "l2tp:\n  version: 1\n  tunnels: [{tunnel-id: x}]\n");

        ShowStatusHarness.Result r = ShowStatusHarness.run(access, "status", "-o", "prometheus");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        Map<String, Family> f = byName(r.out());
        assertThat(f.get("jl2tp_config_in_sync").samples()).isEmpty();
        assertThat(f.get("jl2tp_last_apply_timestamp_seconds").samples()).isEmpty();
        assertThat(r.out()).contains("# no sample: the config does not validate (jl2tp-apply validate lists its problems)\n",
                "# no sample: no successful apply is marked in this namespace\n");
        assertThat(f.get("jl2tp_tunnel_info").samples()).isNotEmpty();
    }

    @Test
    void aRecordWithoutAMarkGivesNoTimestampWhateverItsModificationTime() throws Exception {
        recordOnly(); // a failed apply, a rollback or the clean-up wrote it: none of them is a successful apply

        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "status", "-o", "prometheus");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        Map<String, Family> f = byName(r.out());
        assertThat(f.get("jl2tp_last_apply_timestamp_seconds").samples()).isEmpty();
        assertThat(r.out()).contains("# no sample: no successful apply is marked in this namespace\n");
        assertThat(f.get("jl2tp_config_in_sync").samples()).singleElement().extracting(Sample::value).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage\n", "1795687200\n", "2026-11-26T10:00:00Z", "-2026-11-26T10:00:00Z\n"})
    void aMarkThatDoesNotReadGivesNoTimestampAndNoError(String text) throws Exception {
        recordOnly();
        Files.writeString(StateDirectory.open(stateDirectory()).lastApply(SCENE).orElseThrow().file(), text);

        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "status", "-o", "prometheus");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        assertThat(byName(r.out()).get("jl2tp_last_apply_timestamp_seconds").samples()).isEmpty();
        assertThat(r.out()).contains("# no sample: no successful apply is marked in this namespace\n");
    }

    @Test
    void aHugeMarkIsNotReadAndGivesNoTimestamp() throws Exception {
        recordOnly();
        Path mark = StateDirectory.open(stateDirectory()).lastApply(SCENE).orElseThrow().file();
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(mark.toFile(), "rw")) {
            file.setLength(1L << 32); // sparse: no disk; read whole, it would not fit in memory
        }

        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "status", "-o", "prometheus");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(byName(r.out()).get("jl2tp_last_apply_timestamp_seconds").samples()).isEmpty();
    }

    @Test
    void textfileWritesJl2tpPromAtomicallyWorldReadable() throws Exception {
        recordOwningNothing();
        Path dir = Files.createDirectory(temp.resolve("textfile"));
        Files.writeString(dir.resolve("jl2tp.prom"), "old\n");

        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "status", "-o", "prometheus", "--textfile", dir.toString());

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        Path file = dir.resolve("jl2tp.prom");
        assertThat(Files.readString(file)).isEqualTo(ShowStatusCommandTest.resource("scene-status.prom"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        // the file was replaced by a rename, nothing left beside it
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("jl2tp.prom");
        }
    }

    @Test
    void textfileReplacesByRenameNotInPlace() throws Exception {
        recordOwningNothing();
        Path dir = Files.createDirectory(temp.resolve("textfile"));
        Path file = dir.resolve("jl2tp.prom");
        Files.writeString(file, "old\n");
        Object before = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        ShowStatusHarness.run(scene(), "status", "-o", "prometheus", "--textfile", dir.toString());

        // a new inode: a reader holding the old file still reads it whole, a new one reads the new whole
        assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isNotEqualTo(before);
    }

    @Test
    void textfileIntoAMissingDirectoryFails() throws Exception {
        Path missing = temp.resolve("no-such-dir");

        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "status", "-o", "prometheus", "--textfile", missing.toString());

        assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("jl2tp-apply: --textfile " + missing
                + ": no such directory (node_exporter's textfile directory must exist)\n");
        assertThat(missing).doesNotExist();
    }

    @Test
    void textfileThatCannotBeReplacedSaysWhyNotTheTempFilesName() throws Exception {
        recordOwningNothing();
        Path dir = Files.createDirectory(temp.resolve("textfile"));
        Files.createDirectories(dir.resolve("jl2tp.prom/in-the-way")); // rename(2) onto it: EISDIR

        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "status", "-o", "prometheus", "--textfile", dir.toString());

        assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("jl2tp-apply: cannot write " + dir.resolve("jl2tp.prom") + ": Is a directory\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("jl2tp.prom");
        }
    }

    @Test
    void textfileInADirectoryThatMayNotBeWrittenSaysPermissionDenied() throws Exception {
        assumeFalse(((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0, "root writes in any directory");
        recordOwningNothing();
        Path dir = Files.createDirectory(temp.resolve("textfile"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));

        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "status", "-o", "prometheus", "--textfile", dir.toString());

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(r.err()).isEqualTo("jl2tp-apply: cannot write " + dir.resolve("jl2tp.prom") + ": permission denied\n");
    }

    @Test
    void textfileWithoutPrometheusIsAUsageError() throws Exception {
        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "status", "--textfile", temp.toString());

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).isEqualTo("jl2tp-apply: --textfile needs --output prometheus\n");
    }
}
