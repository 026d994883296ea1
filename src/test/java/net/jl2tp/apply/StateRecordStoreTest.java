package net.jl2tp.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jl2tp.model.NetworkStateJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateRecordStoreTest {
    private static final Path FIXTURE = Path.of("src/test/resources/plan/bridge-port-moved/record.json");

    @TempDir
    Path directory;

    @Test
    void noFileIsAnEmptyRecord() throws Exception {
        StateRecordStore store = StateRecordStore.forNamespace(directory, 4026531840L);

        assertThat(store.file()).isEqualTo(directory.resolve("netns-4026531840.json"));
        assertThat(store.load()).isEqualTo(StateRecord.empty());
    }

    @Test
    void whatIsSavedIsLoadedAndNoTemporaryFileStays() throws Exception {
        StateRecord record = new StateRecord(NetworkStateJson.read(Files.readString(FIXTURE)));
        assertThat(record.owned().sessions()).isNotEmpty();
        StateRecordStore store = new StateRecordStore(directory.resolve("sub/netns-1.json"));

        store.save(record);

        assertThat(store.load()).isEqualTo(record);
        try (var files = Files.list(directory.resolve("sub"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("netns-1.json");
        }
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
