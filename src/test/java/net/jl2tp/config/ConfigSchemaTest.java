package net.jl2tp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schema against the files jl2tp reads: every example and every good test config passes
 * it; every bad config whose problem is one of shape (an unknown or missing key, a wrong type, a
 * value out of range, a bad keyword or pattern) fails it. Every bad config is classified here, so
 * a new one has to be: {@link #SHAPE}, or one of the kinds the schema cannot see, with why.
 */
class ConfigSchemaTest {
    static final Path BAD = Path.of("src/test/resources/config/bad");

    /** Problems of shape: the schema must reject these files. */
    static final Set<String> SHAPE = Set.of(
            "address-no-prefix.yaml", "address-pair-no-prefix.yaml", "address-not-ip.yaml", "address-prefix-too-long.yaml",
            "address-prefix-with-peer.yaml", "address-unknown-key.yaml", "addresses-scalar.yaml",
            "bridge-interfaces-mapping.yaml", "bridge-mtu-auto.yaml",
            "cookie-not-hex.yaml", "cookie-arabic-indic-digits.yaml", "cookie-full-width-digits.yaml",
            "encap-unknown.yaml", "file-is-a-list.yaml", "file-is-a-scalar.yaml",
            "ifname-colon.yaml", "ifname-reserved.yaml", "ifname-space.yaml", "ifname-too-long.yaml",
            "ifname-not-ascii.yaml", "ifname-arabic-indic-digit.yaml", "ifname-percent.yaml",
            "l2spec-udp-typo.yaml", "l2spec-unknown.yaml", "missing-remote.yaml", "missing-version.yaml",
            "mtu-not-a-number.yaml", "mtu-too-large.yaml", "mtu-too-small.yaml", "no-l2tp-key.yaml",
            "offset-nonzero.yaml", "peer-offset-nonzero.yaml",
            "remote-hostname.yaml", "remote-not-an-address.yaml", "remote-with-prefix.yaml",
            "remote-not-a-literal.yaml", "remote-ipv6-arabic-indic-digit.yaml", "remote-ipv6-zone.yaml",
            "sequencing-unknown.yaml", "session-id-missing.yaml", "sessions-is-a-list.yaml",
            "tunnel-id-fraction.yaml", "tunnel-id-hundred-digits.yaml", "tunnel-id-negative.yaml",
            "tunnel-id-too-big.yaml", "tunnel-id-zero.yaml", "tunnel-is-a-scalar.yaml", "tunnels-is-a-scalar.yaml",
            "unknown-key-no-suggestion.yaml", "unknown-key-typo.yaml", "unknown-key-underscore.yaml",
            "unknown-top-key.yaml", "up-number.yaml", "up-yes.yaml", "version-2.yaml", "version-not-a-number.yaml",
            "vlan-id-4095.yaml", "vlan-id-zero.yaml", "vlan-missing-link.yaml",
            "link-cookies-mode.yaml", "link-end-unknown-key.yaml", "link-ends-missing.yaml", "link-ends-one.yaml",
            "link-ends-same.yaml", "link-interface-bad.yaml", "site-address-missing.yaml",
            "site-address-not-ip.yaml", "site-name-link-key.yaml", "site-name-not-one-word.yaml");

    /** Not a YAML document with a JSON form: the editor's YAML parser reports these, no schema sees them. */
    static final Map<String, String> NOT_A_JSON_DOCUMENT = Map.ofEntries(
            Map.entry("alias-bomb.yaml", "aliases: expanded, the document is what jl2tp refuses to build"),
            Map.entry("recursive-alias.yaml", "an alias inside its own anchor has no JSON form"),
            Map.entry("comments-only.yaml", "no document"),
            Map.entry("empty.yaml", "no document"),
            Map.entry("complex-key.yaml", "a key that is a list has no JSON form"),
            Map.entry("custom-tag.yaml", "a YAML tag has no JSON form"),
            Map.entry("tag-without-position.yaml", "YAML syntax"),
            Map.entry("duplicate-key.yaml", "a duplicate key is a YAML error; JSON keeps one of the two"),
            Map.entry("duplicate-tunnel-label.yaml", "a duplicate key is a YAML error; JSON keeps one of the two"),
            Map.entry("syntax-bad-indentation.yaml", "YAML syntax"),
            Map.entry("syntax-unclosed-bracket.yaml", "YAML syntax"),
            Map.entry("tab-indentation.yaml", "YAML syntax (a tab in indentation)"),
            Map.entry("two-documents.yaml", "two documents: an editor checks each on its own, jl2tp reads one"));

    /** Written as text that YAML 1.2 reads as a number: the schema sees the number, jl2tp the text. */
    static final Map<String, String> READ_AS_A_NUMBER = Map.of(
            "tunnel-id-hex.yaml", "0x10 is the number 16 to YAML; jl2tp wants decimal",
            "tunnel-id-leading-zero.yaml", "010 is the number 10 to YAML; jl2tp refuses the leading zero",
            "cookie-0x-prefix.yaml", "0xdeadbeef is a number to YAML, and a cookie of digits may be one",
            "cookie-seven-digits.yaml", "0123456 is a number to YAML, and a cookie of digits may be one",
            "link-cookie-not-hex.yaml", "0x0a0b0c0d is a number to YAML, and a cookie of digits may be one");

    /** Rules across keys, objects or files, and the meaning of values: jl2tp's validator keeps them. */
    static final Map<String, String> VALIDATOR = Map.ofEntries(
            Map.entry("address-duplicate.yaml", "an address twice on one interface: across list items"),
            Map.entry("address-peer-family.yaml", "address and peer of one family: across two values"),
            Map.entry("bridge-in-bridge.yaml", "what a port is: a reference to another object"),
            Map.entry("bridge-port-in-two-bridges.yaml", "a port in one bridge only: across objects"),
            Map.entry("bridge-port-twice.yaml", "a port listed twice: across list items"),
            Map.entry("bridge-stack-too-deep.yaml", "stacking depth: references across objects"),
            Map.entry("family-mismatch.yaml", "local and remote of one family: across two keys"),
            Map.entry("ifname-duplicate.yaml", "unique interface names: across objects"),
            Map.entry("ip-encap-with-ports.yaml", "keys that apply to one encapsulation: across keys"),
            Map.entry("local-equals-remote.yaml", "local and remote differ: across two keys"),
            Map.entry("local-unspecified.yaml", "a usable unicast address: the meaning of the address"),
            Map.entry("remote-ipv4-mapped.yaml", "which literals are addresses is jl2tp's parser's; the pattern is loose"),
            Map.entry("sequencing-without-l2spec.yaml", "sequencing needs l2spec-type default: across keys"),
            Map.entry("session-id-duplicate.yaml", "unique session ids: across objects"),
            Map.entry("session-id-shared-with-ip-encap.yaml", "unique session ids with IP encapsulation: across tunnels"),
            Map.entry("tunnel-id-duplicate.yaml", "unique tunnel ids: across objects"),
            Map.entry("udp-checksum-on-ipv6.yaml", "a checksum key for the tunnel's family: across keys"),
            Map.entry("udp-checksum-with-ip-encap.yaml", "keys that apply to one encapsulation: across keys"),
            Map.entry("udp-ports-missing.yaml", "ports required with UDP only: across keys"),
            Map.entry("udp-socket-shared.yaml", "one UDP socket per address and port: across objects"),
            Map.entry("udp6-checksum-on-ipv4.yaml", "a checksum key for the tunnel's family: across keys"),
            Map.entry("vlan-duplicate.yaml", "one vlan per link and id: across objects"),
            Map.entry("vlan-loop.yaml", "loops of vlans: references across objects"),
            Map.entry("vlan-own-link.yaml", "a vlan on itself: across its name and a key"),
            Map.entry("vlan-stack-too-deep.yaml", "stacking depth: references across objects"),
            Map.entry("vlan-up-on-down-link.yaml", "up against its link's up: across objects"),
            Map.entry("link-address-families.yaml", "the two sites' families: across objects"),
            Map.entry("link-bridge-duplicate-port.yaml", "a port twice once expanded: across objects"),
            Map.entry("link-derived-collision.yaml", "derived values colliding: across objects"),
            Map.entry("link-end-not-an-end.yaml", "a link's other keys must be its ends: keys named by a value"),
            Map.entry("link-ends-undeclared.yaml", "ends must be declared sites: a reference"),
            Map.entry("link-label-is-tunnel-label.yaml", "labels unique across tunnels and links: across objects"),
            Map.entry("link-label-too-long.yaml", "the label is the interface name unless an end names one: across keys"),
            Map.entry("link-udp-port-ip-encap.yaml", "keys that apply to one encapsulation: across objects"));

    static Stream<Path> badShapes() {
        return SHAPE.stream().sorted().map(BAD::resolve);
    }

    /** Good configs written for the schema: shapes an editor's YAML reads otherwise than jl2tp does. */
    static final Path SCHEMA_GOOD = Path.of("src/test/resources/config/schema-good");

    static Stream<Path> goodConfigs() throws IOException {
        Stream<Path> examples = Stream.concat(Files.list(Path.of("examples")), Files.list(SCHEMA_GOOD))
                .filter(p -> p.toString().endsWith(".yaml"));
        Stream<Path> plans;
        try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/plan"))) {
            plans = dirs.map(d -> d.resolve("desired.yaml")).toList().stream();
        }
        return Stream.of(examples, plans, Stream.of(Path.of("src/test/resources/sites/hub-spokes.yaml"),
                Path.of("src/test/resources/wait-online/routes.yaml"),
                Path.of("src/test/resources/export/scene-show.yaml"))).flatMap(s -> s).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodConfigs")
    void aGoodConfigPasses(Path file) throws IOException {
        assertThat(ConfigLoader.loadPaths(List.of(file)).problems()).as("jl2tp reads it").isEmpty();
        assertThat(SchemaValidation.errors(file)).isEmpty();
    }

    /** A config with one scalar to fill in ({@code VALUE}) at each key read as a number or a boolean. */
    private static final String SCALARS = """
            l2tp:
              version: %s
              tunnels:
                to-b:
                  tunnel-id: %s
                  peer-tunnel-id: 4000
                  local: 192.0.2.1
                  remote: 192.0.2.2
                  udp-source-port: %s
                  udp-destination-port: 6000
                  udp-checksum: %s
                  sessions:
                    l2tpeth0: { session-id: 1000, peer-session-id: 2000, mtu: %s, up: %s, offset: %s }
              bridges:
                br0: { interfaces: [], mtu: %s }
              vlans:
                l2tpeth0.5: { link: l2tpeth0, id: %s }
              sites:
                a: { address: 192.0.2.1 }
                b: { address: 192.0.2.2 }
              links:
                a-b: { ends: [a, b], a: { udp-port: %s, mtu: %s } }
            """;
    private static final List<String> SCALAR_KEYS = List.of("version", "tunnel-id", "udp-source-port", "udp-checksum",
            "session mtu", "up", "offset", "bridge mtu", "vlan id", "link end udp-port", "link end mtu");
    private static final List<String> SCALAR_DEFAULTS = List.of("1", "3000", "5000", "false", "1400", "true", "0",
            "1500", "5", "7000", "auto");

    /**
     * Numbers and booleans written as strings (a template's {@code "3000"}): the schema passes the
     * text exactly when jl2tp's loader reads it, at every key read as a number or a boolean, at and
     * around each range's ends and in the spellings jl2tp refuses (hex, a leading zero or sign,
     * YAML 1.1's yes).
     */
    @Test
    void aQuotedNumberOrBooleanPassesTheSchemaExactlyWhenJl2tpReadsIt(@TempDir Path dir) throws IOException {
        List<String> texts = List.of("0", "-0", "1", "-1", "+1", "01", "1.0", "1e3", "0x10", " 5", "", "2", "5", "67",
                "68", "1400", "4094", "4095", "65535", "65536", "2147483648", "4294967295", "4294967296",
                "99999999999999999999999", "auto", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "yes",
                "no", "on", "y");
        int[] agreed = {0, 0};
        for (int key = 0; key < SCALAR_KEYS.size(); key++) {
            for (String text : texts) {
                List<Object> values = new java.util.ArrayList<>(SCALAR_DEFAULTS);
                values.set(key, "'" + text + "'");
                Path file = dir.resolve("scalars.yaml");
                Files.writeString(file, SCALARS.formatted(values.toArray()));
                List<Problem> problems = ConfigLoader.loadPaths(List.of(file)).problems();
                List<String> errors = SchemaValidation.errors(file);
                assertThat(errors.isEmpty()).as(SCALAR_KEYS.get(key) + ": '" + text + "', jl2tp says " + problems
                        + ", the schema " + errors).isEqualTo(problems.isEmpty());
                agreed[problems.isEmpty() ? 0 : 1]++;
            }
        }
        assertThat(agreed[0]).as("accepted").isGreaterThan(30);
        assertThat(agreed[1]).as("refused").isGreaterThan(200);
    }

    /** The pattern of a range's decimal text against the arithmetic, on random ranges and values near their ends. */
    @Test
    void aRangePatternMatchesExactlyTheNumbersInIt() {
        java.util.Random random = new java.util.Random(21);
        long[] bounds = {0, 1, 9, 10, 68, 99, 100, 4094, 65535, 0xFFFF_FFFFL};
        for (int i = 0; i < 2000; i++) {
            long a = i < bounds.length * bounds.length ? bounds[i / bounds.length]
                    : (long) Math.pow(10, random.nextInt(11)) + random.nextInt(1000);
            long b = i < bounds.length * bounds.length ? bounds[i % bounds.length]
                    : a + (long) (random.nextDouble() * Math.pow(10, random.nextInt(11)));
            long min = Math.min(a, b);
            long max = Math.max(a, b);
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(ConfigSchemaRange.pattern(min, max));
            for (long v : new long[] {min - 1, min, min + 1, max - 1, max, max + 1, (min + max) / 2,
                    min + (long) (random.nextDouble() * (max - min + 1)), random.nextLong(0, 2 * max + 2)}) {
                if (v >= 0) {
                    assertThat(pattern.matcher(Long.toString(v)).matches()).as(min + ".." + max + ": " + v)
                            .isEqualTo(v >= min && v <= max);
                    assertThat(pattern.matcher("0" + v).matches()).as("a leading zero: 0" + v).isFalse();
                }
            }
            assertThat(pattern.matcher("-0").matches()).as(min + ".." + max + ": -0").isEqualTo(min == 0);
        }
    }

    /** The examples point editors at the installed schema, as show and render -o yaml do. */
    @Test
    void everyExampleStartsWithTheModeline() throws IOException {
        try (Stream<Path> examples = Files.list(Path.of("examples"))) {
            List<Path> yaml = examples.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertThat(yaml).isNotEmpty();
            for (Path example : yaml) {
                assertThat(Files.readAllLines(example).get(0)).as(example.toString()).isEqualTo("# " + ConfigSchema.MODELINE);
            }
        }
        assertThat(ConfigSchema.MODELINE).isEqualTo("yaml-language-server: $schema=/usr/share/jl2tp/jl2tp.schema.json");
    }

    /**
     * The schema rejects the file at the place jl2tp does: one of its complaints is about the node
     * (value, or key) at a line and column that expected.tsv gives for the file.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badShapes")
    void aBadShapeFails(Path file) throws IOException {
        Set<String> wanted = pointersOfJl2tpProblems(file);
        assertThat(wanted).as("expected.tsv's places in the file").isNotEmpty();
        assertThat(SchemaValidation.pointers(file)).as(SchemaValidation.errors(file).toString())
                .containsAnyElementsOf(wanted);
    }

    /** The JSON pointers of the nodes at the places jl2tp reports the file's problems (expected.tsv). */
    private static Set<String> pointersOfJl2tpProblems(Path file) throws IOException {
        Set<String> places = new HashSet<>();
        for (String row : Files.readAllLines(BAD.resolve("expected.tsv"))) {
            String[] cols = row.split("\t", 4);
            if (cols[0].equals(file.getFileName().toString())) {
                places.add(cols[1] + ":" + cols[2]);
            }
        }
        Node root = new Compose(LoadSettings.builder().build()).composeString(Files.readString(file)).orElseThrow();
        Set<String> pointers = new HashSet<>();
        pointersAt(root, "", places, pointers);
        return pointers;
    }

    /** A key's place stands for its value's pointer: jl2tp reports a missing or unknown key at a key. */
    private static void pointersAt(Node node, String pointer, Set<String> places, Set<String> out) {
        if (places.contains(place(node))) {
            out.add(pointer);
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                String child = pointer + "/" + SchemaValidation.escaped(((ScalarNode) tuple.getKeyNode()).getValue());
                if (places.contains(place(tuple.getKeyNode()))) {
                    out.add(child);
                }
                pointersAt(tuple.getValueNode(), child, places, out);
            }
        } else if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                pointersAt(seq.getValue().get(i), pointer + "/" + i, places, out);
            }
        }
    }

    private static String place(Node node) {
        return node.getStartMark().map(m -> (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse("");
    }

    /** The schema does not see these problems; if it comes to, the file moves to {@link #SHAPE}. */
    @Test
    void whatTheSchemaLeavesToJl2tpPassesIt() throws IOException {
        for (String file : union(READ_AS_A_NUMBER.keySet(), VALIDATOR.keySet())) {
            assertThat(SchemaValidation.errors(BAD.resolve(file))).as(file).isEmpty();
        }
    }

    @Test
    void everyBadConfigIsClassifiedOnce() throws IOException {
        List<Set<String>> classes = List.of(SHAPE, NOT_A_JSON_DOCUMENT.keySet(), READ_AS_A_NUMBER.keySet(),
                VALIDATOR.keySet());
        Set<String> all = new HashSet<>();
        int count = 0;
        for (Set<String> c : classes) {
            all.addAll(c);
            count += c.size();
        }
        assertThat(count).as("a file in two classes").isEqualTo(all.size());
        try (Stream<Path> files = Files.list(BAD)) {
            assertThat(all).containsExactlyInAnyOrderElementsOf(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml")).collect(Collectors.toSet()));
        }
    }

    /** Every key of every object says what it is for: the README's row for it. */
    @Test
    void everyPropertyHasADescription() throws IOException {
        JsonNode schema = JsonMapper.builder().build().readTree(Files.readString(SchemaValidation.COMMITTED));
        assertThat(schema.get("description").asString()).contains("jl2tp's validator");
        int[] properties = {0};
        walk(schema.get("properties").get("l2tp"), "l2tp", properties);
        assertThat(properties[0]).isGreaterThan(50);
    }

    private static void walk(JsonNode node, String path, int[] count) {
        if (node == null || !node.isObject()) {
            return;
        }
        JsonNode properties = node.get("properties");
        if (properties != null) {
            for (var e : properties.properties()) {
                if (!path.endsWith("addresses")) {
                    assertThat(e.getValue().has("description")).as(path + "." + e.getKey()).isTrue();
                    assertThat(e.getValue().get("description").asString()).as(path + "." + e.getKey()).isNotBlank();
                }
                count[0]++;
                walk(e.getValue(), path + "." + e.getKey(), count);
            }
        }
        walk(node.get("additionalProperties"), path + ".*", count);
        walk(node.get("items"), path, count);
    }

    @Test
    void theCommittedSchemaIsWhatTheReadmeAndKeyTablesMake() throws IOException {
        assertThat(Files.readString(SchemaValidation.COMMITTED)).as("regenerate: " + SchemaFile.REGENERATE)
                .isEqualTo(ConfigSchema.json(Files.readString(Path.of("README.md"))));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
