package net.jl2tp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jl2tp.model.Ownership;
import net.jl2tp.apply.StateRecordStore;
import net.jl2tp.apply.UnreadableStateRecord;
import net.jl2tp.apply.NetworkStateJson;

/**
 * Any bytes, as the state record file (a disk error, an editor, a release with another format),
 * give a record or an UnreadableStateRecord naming the file, never another exception: apply then
 * stops with that message and leaves the kernel alone. A record that loads is one
 * {@link NetworkStateJson} writes back to text that loads as the same record. The seeds hold
 * records at the reader's limits (ids of 2^32 - 1 and 2^32, numbers of 40 and 41 characters, a
 * fraction, a number where a string belongs).
 *
 * <p>Seeds: StateRecordFuzzTestInputs/ beside this class in src/test/resources (the planner
 * fixtures' record.json files). {@code mvn verify} fuzzes this for 30 s (README "Fuzzing").
 */
class StateRecordFuzzTest {
    private static final Path FILE = scratchFile();
    /** The exceptions loading may throw: the product's own, and nothing else (IOException: the disk). */
    static final java.util.List<Class<? extends Exception>> ALLOWED = java.util.List.of(UnreadableStateRecord.class,
            IOException.class);

    @FuzzTest(maxDuration = "20s")
    void anyBytesGiveARecordOrAnUnreadableRecord(byte[] bytes) throws IOException {
        Files.write(FILE, bytes);
        StateRecordStore store = new StateRecordStore(FILE);
        Ownership record;
        try {
            record = store.load();
        } catch (UnreadableStateRecord e) {
            assertThat(e.getMessage()).startsWith(FILE + ": ").hasSizeGreaterThan(FILE.toString().length() + 2);
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("loading the record let " + e + " escape; only " + ALLOWED + " may", e);
        }
        assertThat(NetworkStateJson.read(NetworkStateJson.write(record.owned()))).isEqualTo(record.owned());
    }

    private static Path scratchFile() {
        try {
            Path file = Files.createTempFile("jl2tp-fuzz-record-", ".json");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
