package net.jl2tp.apply;

import net.jl2tp.model.Ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import net.jl2tp.kernel.NetnsId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateRecordStoreTest {
    private static final Path FIXTURE = Path.of("src/test/resources/plan/bridge-port-moved/record.json");

    @TempDir
    Path directory;

    private static Ownership fixture() throws IOException {
        Ownership record = new Ownership(NetworkStateJson.read(Files.readString(FIXTURE)));
        assertThat(record.owned().sessions()).isNotEmpty();
        return record;
    }

    private static String listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return String.join(" ", files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void noFileIsAnEmptyRecord() throws Exception {
        StateRecordStore store = StateDirectory.open(directory).record(new NetnsId(4026531840L, OptionalLong.of(7)));

        assertThat(store.file()).isEqualTo(directory.resolve("netns-4026531840-7.json"));
        assertThat(store.load()).isEqualTo(Ownership.empty());
    }

    @Test
    void whatIsSavedIsLoadedAndNoTemporaryFileStays() throws Exception {
        Ownership record = fixture();
        StateRecordStore store = new StateRecordStore(directory.resolve("netns-1-2.json"));

        store.save(record);

        assertThat(store.load()).isEqualTo(record);
        assertThat(listing(directory)).isEqualTo("netns-1-2.json");
    }

    @Test
    void theRecordIsReadableByItsOwnerOnly() throws Exception {
        StateRecordStore store = new StateRecordStore(directory.resolve("netns-1-2.json"));

        store.save(fixture());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void aFailedWriteRemovesItsTemporaryFile() throws Exception {
        StateRecordStore store = new StateRecordStore(directory.resolve("netns-1-2.json"));
        // a non-empty directory at the record's name: the rename fails, after the temp file was written
        Files.writeString(Files.createDirectory(store.file()).resolve("in-the-way"), "x");

        assertThatThrownBy(() -> store.save(fixture())).isInstanceOf(IOException.class);

        assertThat(listing(directory)).isEqualTo("netns-1-2.json");
    }

    @Test
    void aLinkPlantedAtTheOldTemporaryNameIsNeitherFollowedNorUsed() throws Exception {
        Path victim = Files.writeString(directory.resolve("victim"), "untouched");
        Files.createSymbolicLink(directory.resolve(".netns-1-2.json.tmp"), victim);
        StateRecordStore store = new StateRecordStore(directory.resolve("netns-1-2.json"));

        store.save(fixture());

        assertThat(Files.readString(victim)).isEqualTo("untouched");
        assertThat(Files.isSymbolicLink(store.file())).isFalse();
        assertThat(store.load()).isEqualTo(fixture());
    }

    @Test
    void aLinkAtTheRecordsNameIsNotReadAndASaveReplacesTheLinkNotItsTarget() throws Exception {
        Path victim = Files.writeString(directory.resolve("victim"), "{\"format\": 1, \"tunnels\": [], \"sessions\": [], "
                + "\"links\": [], \"foreign-ports\": {}}");
        StateRecordStore store = new StateRecordStore(directory.resolve("netns-1-2.json"));
        Files.createSymbolicLink(store.file(), victim);

        assertThatThrownBy(store::load).isInstanceOf(IOException.class)
                .hasMessage(store.file() + " is a symbolic link: jl2tp does not follow links in its state directory; remove it");

        String before = Files.readString(victim);
        store.save(fixture());
        assertThat(Files.readString(victim)).isEqualTo(before);
        assertThat(Files.isSymbolicLink(store.file())).isFalse();
    }

    @Test
    void withoutANamespaceCookieNothingIsKept() throws Exception {
        StateRecordStore store = StateDirectory.open(directory).record(new NetnsId(4026531840L, OptionalLong.empty()));

        store.save(fixture());

        assertThat(store.kept()).isFalse();
        assertThat(store.load()).isEqualTo(Ownership.empty());
        assertThat(listing(directory)).isEmpty();
    }

    @Test
    void aRecordThatIsNotJsonIsUnreadableWithThePlace() throws IOException {
        StateRecordStore store = new StateRecordStore(directory.resolve("netns-1.json"));
        Files.writeString(store.file(), "{\"format\": 1,\n \"tunnels\": [\n");

        assertThatThrownBy(store::load).isInstanceOf(UnreadableStateRecord.class)
                .hasMessage(store.file() + ": not JSON: line 3, column 1: a value was expected, the text ends");
    }

    @Test
    void aRecordThatIsNotUtf8IsUnreadable() throws IOException {
        StateRecordStore store = new StateRecordStore(directory.resolve("netns-1.json"));
        Files.write(store.file(), new byte[] {'{', (byte) 0xff, '}'});

        assertThatThrownBy(store::load).isInstanceOf(UnreadableStateRecord.class)
                .hasMessage(store.file() + ": not UTF-8 text");
    }
}
