package net.jl2tp.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.SessionKey;
import net.jl2tp.plan.Before;
import net.jl2tp.plan.TryScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The try file on disk: beside the state record, written and read the way the record is. */
class PendingTryStoreTest {
    private static final Path FIXTURE = Path.of("src/test/resources/plan/bridge-port-moved/record.json");

    @TempDir
    Path directory;

    private static PendingTry pending(String id) throws IOException {
        NetworkState state = NetworkStateJson.read(Files.readString(FIXTURE));
        assertThat(state.sessions()).isNotEmpty();
        TryScope scope = new TryScope(new java.util.TreeSet<>(state.tunnels().keySet()),
                new java.util.TreeSet<SessionKey>(state.sessions().keySet()), new java.util.TreeSet<>(state.links().keySet()));
        return new PendingTry(id, Optional.empty(), PendingTry.Phase.PENDING, Instant.ofEpochMilli(1_000),
                Instant.ofEpochMilli(121_000), Duration.ofSeconds(120), List.of(), List.of(), false,
                new Before(scope, state), new Ownership(state), "process 4242", Optional.empty(), List.of());
    }

    private PendingTryStore store() throws IOException {
        return StateDirectory.open(directory).pendingTry(new NetnsId(4026531840L, OptionalLong.of(7))).orElseThrow();
    }

    @Test
    void theFileIsNamedByTheNamespaceBesideItsRecord() throws Exception {
        assertThat(store().file()).isEqualTo(directory.resolve("try-4026531840-7.json"));
    }

    @Test
    void aKernelWithoutNetnsCookiesKeepsNoTryFile() throws Exception {
        assertThat(StateDirectory.open(directory).pendingTry(new NetnsId(4026531840L, OptionalLong.empty()))).isEmpty();
    }

    @Test
    void noFileIsNoTry() throws Exception {
        assertThat(store().load()).isEmpty();
    }

    @Test
    void whatIsSavedIsLoadedReadableByItsOwnerOnlyAndNoTemporaryFileStays() throws Exception {
        PendingTryStore store = store();
        PendingTry t = pending(PendingTryStore.newId());

        store.save(t);

        assertThat(store.load()).contains(t);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("try-4026531840-7.json");
        }
    }

    @Test
    void aSaveReplacesTheTryAndADeleteEndsIt() throws Exception {
        PendingTryStore store = store();
        PendingTry t = pending("00000000000000aa");
        store.save(t);
        PendingTry later = t.withDeadline(Instant.ofEpochMilli(181_000));

        store.save(later);
        assertThat(store.load()).contains(later);

        store.delete();
        assertThat(store.file()).doesNotExist();
        assertThat(store.load()).isEmpty();
        store.delete(); // a second delete (a confirm racing the watcher) is no error
    }

    @Test
    void newIdsAreSixteenHexDigitsAndDiffer() {
        String a = PendingTryStore.newId();
        String b = PendingTryStore.newId();

        assertThat(a).matches("[0-9a-f]{16}");
        assertThat(b).matches("[0-9a-f]{16}").isNotEqualTo(a);
    }

    @Test
    void aLinkAtTheNameIsNotFollowedOnReading() throws Exception {
        PendingTryStore store = store();
        Path elsewhere = directory.resolve("elsewhere.json");
        Files.writeString(elsewhere, PendingTryJson.write(pending("00000000000000bb")));
        Files.createSymbolicLink(store.file(), elsewhere);

        assertThatThrownBy(store::load).isInstanceOf(IOException.class)
                .hasMessageContaining(store.file() + " is a symbolic link");
    }

    @Test
    void aLinkAtTheNameIsReplacedNotWrittenThrough() throws Exception {
        PendingTryStore store = store();
        Path victim = Files.writeString(directory.resolve("victim"), "untouched");
        Files.createSymbolicLink(store.file(), victim);

        store.save(pending("00000000000000cc"));

        assertThat(victim).hasContent("untouched");
        assertThat(Files.isSymbolicLink(store.file())).isFalse();
        assertThat(store.load().orElseThrow().id()).isEqualTo("00000000000000cc");
    }

    @Test
    void aFileOverTheLimitIsRefusedUnread() throws Exception {
        PendingTryStore store = store();
        try (RandomAccessFile f = new RandomAccessFile(store.file().toFile(), "rw")) {
            f.setLength(PendingTryStore.MAX_BYTES + 1L); // sparse: no disk, the reader still sees the size
        }

        assertThatThrownBy(store::load).isInstanceOf(IOException.class)
                .hasMessageContaining("is larger than " + PendingTryStore.MAX_BYTES + " bytes");
    }

    @Test
    void aHostileFileIsAnUnreadableRecordNamingTheFileAndTheField() throws Exception {
        PendingTryStore store = store();
        Files.writeString(store.file(), PendingTryJson.write(pending("00000000000000dd"))
                .replace("\"phase\": \"pending\"", "\"phase\": \"done\""));

        assertThatThrownBy(store::load).isInstanceOf(UnreadableStateRecord.class)
                .hasMessageContaining(store.file().toString()).hasMessageContaining("'phase' is not a phase of a try");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        PendingTryStore store = store();
        Files.write(store.file(), new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});

        assertThatThrownBy(store::load).isInstanceOf(UnreadableStateRecord.class).hasMessageContaining("not UTF-8 text");
    }

    @Test
    void forgetDeadRemovesATryFileOfADeadNamespaceWithItsRecord() throws Exception {
        StateDirectory dir = StateDirectory.open(directory);
        Files.writeString(directory.resolve("try-4026531840-6.json"), "{}");
        Files.writeString(directory.resolve("netns-4026531840-6.json"), "{}");
        store().save(pending("00000000000000ee"));

        assertThat(dir.forgetDead(new NetnsId(4026531840L, OptionalLong.of(7)))).containsExactlyInAnyOrder(
                directory.resolve("try-4026531840-6.json"), directory.resolve("netns-4026531840-6.json"));
        assertThat(store().load()).isPresent();
    }
}
