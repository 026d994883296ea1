package net.jl2tp.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;
import net.jl2tp.apply.NetworkStateJson;
import net.jl2tp.apply.NetworkStateYaml;
import net.jl2tp.testing.LinkBuilder;
import org.junit.jupiter.api.Test;

/** A run killed after a delete and before its record write: the next run drops what is gone. */
class OwnershipTest {
    static final Path FIXTURE = Path.of("src/test/resources/plan/tunnel-removed");

    @Test
    void objectsGoneFromTheKernelLeaveTheRecordAndTheRestStays() throws Exception {
        Ownership record = new Ownership(NetworkStateJson.read(Files.readString(FIXTURE.resolve("record.json"))));
        NetworkState live = NetworkStateYaml.read(Files.readString(FIXTURE.resolve("live.yaml")));
        assertThat(record.owned().tunnels()).containsKey(3000L);
        assertThat(record.withoutGone(live)).as("all still there").isEqualTo(record);

        NetworkState emptied = NetworkState.empty();
        Ownership pruned = record.withoutGone(emptied);

        assertThat(pruned.owned().tunnels()).isEmpty();
        assertThat(pruned.owned().sessions()).doesNotContainKey(new SessionKey(3000, 1000)).isEmpty();
        assertThat(pruned.owned().links()).isEmpty();
    }

    @Test
    void aForeignPortClaimStaysOnlyWhileTheLinkIsAPortOfThatBridge() throws Exception {
        Path fixture = Path.of("src/test/resources/plan/bridge-removed-foreign-port");
        Ownership record = new Ownership(NetworkStateJson.read(Files.readString(fixture.resolve("record.json"))));
        NetworkState live = NetworkStateYaml.read(Files.readString(fixture.resolve("live.yaml")));
        assertThat(record.owned().foreignPorts()).containsEntry("eth0", "br0");
        assertThat(live.links().get("eth0").master()).contains("br0");

        assertThat(record.withoutGone(live)).as("eth0 still in br0").isEqualTo(record);
        assertThat(record.withoutGone(withMaster(live, "eth0", Optional.empty())).owned().foreignPorts())
                .as("detached by a run killed before its record write").isEmpty();
        assertThat(record.withoutGone(withMaster(live, "eth0", Optional.of("br9"))).owned().foreignPorts())
                .as("in another bridge now").isEmpty();
        assertThat(record.withoutGone(live.only(t -> true, s -> true, name -> !name.equals("eth0"), p -> true))
                .owned().foreignPorts()).as("the link is gone").isEmpty();
    }

    private static NetworkState withMaster(NetworkState live, String name, Optional<String> master) {
        TreeMap<String, Link> links = new TreeMap<>(live.links());
        Link l = links.get(name);
        links.put(name, LinkBuilder.from(l).master(master).build());
        return new NetworkState(live.tunnels(), live.sessions(), links, live.foreignPorts());
    }
}
