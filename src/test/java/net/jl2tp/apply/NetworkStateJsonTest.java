package net.jl2tp.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import net.jl2tp.model.NetworkState;

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
        NetworkState state = NetworkStateYaml.read(Files.readString(fixture));

        assertThat(NetworkStateJson.read(NetworkStateJson.write(state))).isEqualTo(state);
    }

    @ParameterizedTest
    @MethodSource("fixtureFiles")
    void theJsonReaderAndTheYamlEngineAgreeOnEveryRecordFixture(Path fixture) throws IOException {
        if (!fixture.getFileName().toString().endsWith(".json")) {
            return; // live.yaml is block-style YAML: the other test covers it
        }
        String text = Files.readString(fixture);

        assertThat(NetworkStateJson.read(text)).isEqualTo(NetworkStateYaml.read(text));
    }

    @Test
    void theFixturesHoldRecordsWithEveryKindOfObject() throws IOException {
        List<NetworkState> states = fixtureFiles().map(f -> {
            try {
                return NetworkStateYaml.read(Files.readString(f));
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
                .hasMessage("unreadable record: tunnels[0]: 'tunnel-id' is the string \"x\", not a whole number in 1..4294967295");
        assertThatThrownBy(() -> NetworkStateJson.read("[]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unreadable record: the record: is not a JSON object but a list");
    }

    /**
     * Each field of the record with what it must not hold: once a ClassCastException (later, far
     * from the record), a number cut to fit ((int) of 2^32 + 5 is 5), a fraction rounded, a
     * non-ASCII prefix length read as a number, or a keyword taken for another one.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a number in foreign-ports | \"foreign-ports\": {\"lan0\": 5} | 'foreign-ports' holds the number 5 for 'lan0' where a string belongs",
        "a tunnel id above 2^32 | \"tunnels\": [TUNNEL(4294967301)] | 'tunnel-id' is 4294967301, not in 1..4294967295",
        "a tunnel id with a fraction | \"tunnels\": [TUNNEL(7.5)] | 'tunnel-id' is the number 7.5, not a whole number",
        "a huge exponent | \"tunnels\": [TUNNEL(1e999999999)] | 'tunnel-id' is the number 1E+999999999, not a whole number",
        "a port above 65535 | \"tunnels\": [TUNNEL(7)], \"x\": 0 | 'udp-source-port' is 65536, not in 0..65535",
        "an unknown encap | \"tunnels\": [TUNNEL(8)], \"y\": 0 | 'encap' is \"gre\", not udp or ip",
        "an mtu above 2^31 | \"links\": [{\"name\": \"br0\", \"kind\": \"bridge\", \"mtu\": 2147483648, \"up\": true}] | 'mtu' is 2147483648, not in 0..2147483647",
        "a vlan id above 4095 | \"links\": [{\"name\": \"v\", \"kind\": \"vlan\", \"vlan-link\": \"x\", \"vlan-id\": 69637, \"up\": true}] | 'vlan-id' is 69637, not in 0..4095",
        "an Arabic-Indic prefix length | \"links\": [{\"name\": \"br0\", \"kind\": \"bridge\", \"up\": true, \"addresses\": [\"192.0.2.1/٢٤\"]}] | 'addresses' holds \"192.0.2.1/٢٤\"",
        "a prefix past the address | \"links\": [{\"name\": \"br0\", \"kind\": \"bridge\", \"up\": true, \"addresses\": [\"192.0.2.1/99\"]}] | 'addresses' holds \"192.0.2.1/99\": prefix length 99 out of range",
        "a number as an address | \"links\": [{\"name\": \"br0\", \"kind\": \"bridge\", \"up\": true, \"addresses\": [5]}] | 'addresses' holds the number 5 where a string belongs",
        "an unknown l2spec-type | \"sessions\": [{\"tunnel-id\": 1, \"session-id\": 1, \"peer-session-id\": 1, \"interface\": \"p\", \"l2spec-type\": \"udp\", \"sequencing\": \"none\"}] | 'l2spec-type' is \"udp\", not none or default",
        "a boolean missing | \"links\": [{\"name\": \"br0\", \"kind\": \"bridge\"}] | 'up' is missing"})
    void aFieldOfTheWrongTypeOrRangeIsAnUnreadableRecord(String what, String members, String message) {
        String json = "{\"format\": 1, " + members.replace("TUNNEL(4294967301)", tunnel("4294967301", "5000", "udp"))
                .replace("TUNNEL(7.5)", tunnel("7.5", "5000", "udp")).replace("TUNNEL(1e999999999)", tunnel("1e999999999", "5000", "udp"))
                .replace("TUNNEL(7)], \"x\": 0", tunnel("7", "65536", "udp") + "]")
                .replace("TUNNEL(8)], \"y\": 0", tunnel("8", "5000", "gre") + "]") + "}";
        assertThatThrownBy(() -> NetworkStateJson.read(json)).as(what).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unreadable record: ").hasMessageContaining(message);
    }

    private static String tunnel(String id, String port, String encap) {
        return "{\"tunnel-id\": " + id + ", \"peer-tunnel-id\": 2, \"encap\": \"" + encap + "\", \"local\": \"192.0.2.1\", "
                + "\"remote\": \"192.0.2.2\", \"udp-source-port\": " + port + ", \"udp-destination-port\": 1701, "
                + "\"udp-checksum\": false, \"udp6-checksum-tx\": true, \"udp6-checksum-rx\": true}";
    }

    @Test
    void aNumberOfAMillionDigitsIsRefusedBeforeItIsBuilt() {
        assertThatThrownBy(() -> NetworkStateJson.read("{\"format\": " + "9".repeat(1_000_000) + "}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a number of 1000000 characters; numbers here have at most 40");
    }
}
