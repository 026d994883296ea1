package net.jl2tp.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The state record's format: what {@link NetworkStateJson#write} writes, {@link NetworkStateJson#read} reads back. */
class NetworkStateJsonTest {
    private static final Path PLAN_FIXTURES = Path.of("src/test/resources/plan");

    static Stream<Path> fixtureFiles() throws IOException {
        try (Stream<Path> files = Files.walk(PLAN_FIXTURES)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals("live.yaml")
                    || f.getFileName().toString().equals("record.json")).sorted().toList();
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtureFiles")
    void everyFixtureStateSurvivesAWriteAndARead(Path fixture) throws IOException {
        NetworkState state = NetworkStateJson.readYaml(Files.readString(fixture));

        assertThat(NetworkStateJson.read(NetworkStateJson.write(state))).isEqualTo(state);
    }

    @ParameterizedTest
    @MethodSource("fixtureFiles")
    void theJsonReaderAndTheYamlEngineAgreeOnEveryRecordFixture(Path fixture) throws IOException {
        if (!fixture.getFileName().toString().endsWith(".json")) {
            return; // live.yaml is block-style YAML: the other test covers it
        }
        String text = Files.readString(fixture);

        assertThat(NetworkStateJson.read(text)).isEqualTo(NetworkStateJson.readYaml(text));
    }

    @Test
    void theFixturesHoldRecordsWithEveryKindOfObject() throws IOException {
        List<NetworkState> states = fixtureFiles().map(f -> {
            try {
                return NetworkStateJson.readYaml(Files.readString(f));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();

        assertThat(states).anyMatch(s -> !s.tunnels().isEmpty()).anyMatch(s -> !s.sessions().isEmpty())
                .anyMatch(s -> s.links().values().stream().anyMatch(l -> l.vlan().isPresent()))
                .anyMatch(s -> s.links().values().stream().anyMatch(l -> !l.addresses().isEmpty()))
                .anyMatch(s -> s.sessions().values().stream().anyMatch(x -> x.cookie().isPresent()))
                .anyMatch(s -> !s.foreignPorts().isEmpty());
    }

    @Test
    void textThatIsNotJsonNamesWhere() {
        assertThatThrownBy(() -> NetworkStateJson.read("{\"format\": 1,\n  \"tunnels\": [}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not JSON: line 2, column 15: a value was expected, found '}'");
    }

    @Test
    void aFormatOfAnotherReleaseIsRefused() {
        assertThatThrownBy(() -> NetworkStateJson.read("{\"format\": 2}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("format 2 is not one this release reads (1)");
    }

    @Test
    void jsonOfTheWrongShapeIsRefused() {
        assertThatThrownBy(() -> NetworkStateJson.read("{\"format\": 1, \"tunnels\": [{\"tunnel-id\": \"x\"}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a network state of this release: java.lang.ClassCastException");
        assertThatThrownBy(() -> NetworkStateJson.read("[]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a network state of this release: java.lang.ClassCastException");
    }
}
