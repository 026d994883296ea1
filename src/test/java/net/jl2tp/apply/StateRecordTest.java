package net.jl2tp.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.NetworkStateJson;
import net.jl2tp.model.SessionKey;
import org.junit.jupiter.api.Test;

/** A run killed after a delete and before its record write: the next run drops what is gone. */
class StateRecordTest {
    static final Path FIXTURE = Path.of("src/test/resources/plan/tunnel-removed");

    @Test
    void objectsGoneFromTheKernelLeaveTheRecordAndTheRestStays() throws Exception {
        StateRecord record = new StateRecord(NetworkStateJson.read(Files.readString(FIXTURE.resolve("record.json"))));
        NetworkState live = NetworkStateJson.read(Files.readString(FIXTURE.resolve("live.yaml")));
        assertThat(record.owned().tunnels()).containsKey(3000L);
        assertThat(record.withoutGone(live)).as("all still there").isEqualTo(record);

        NetworkState emptied = NetworkState.empty();
        StateRecord pruned = record.withoutGone(emptied);

        assertThat(pruned.owned().tunnels()).isEmpty();
        assertThat(pruned.owned().sessions()).doesNotContainKey(new SessionKey(3000, 1000)).isEmpty();
        assertThat(pruned.owned().links()).isEmpty();
    }
}
