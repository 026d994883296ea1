package net.jl2tp.export;

import net.jl2tp.json.Tree;
import net.jl2tp.json.JsonWriter;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

class YamlWriterTest {
    private final Load json = new Load(LoadSettings.builder().build());
    private final Load core = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build());

    private static String written(String text) {
        return YamlWriter.write(Tree.mapping().put("key", text).build());
    }

    private void readsBack(String text) {
        String yaml = written(text);
        assertThat(json.loadFromString(yaml)).as(yaml).isEqualTo(Map.of("key", text));
        assertThat(core.loadFromString(yaml)).as(yaml).isEqualTo(Map.of("key", text));
        assertThat(json.loadFromString(YamlWriter.write(Tree.mapping().put(text, 1).build())))
                .as("as a key").isEqualTo(Map.of(text, 1));
    }

    /** What YAML 1.2's core schema or YAML 1.1 (Ansible, yq, SnakeYAML 1.x) resolves to a non-string. */
    @ParameterizedTest
    @ValueSource(strings = {"00000012", "1446", "1e3", "0x1f", "true", "False", "yes", "off", "null", "~", ".inf",
        "12:30", "", "y", "N", "On", "+0x1f", "0b101", "0o17", "1_000", ".5", ".5e3", "1.", "-.INF", ".NaN",
        "190:20:30.15", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "<<", "=", "${X}",
        "\uFEFFx", "x\uFEFF"})
    void textAYamlReaderWouldTakeForSomethingElseIsDoubleQuotedAndReadsBack(String text) {
        assertThat(written(text)).isEqualTo("key: " + JsonWriter.quote(text) + "\n");
        readsBack(text);
    }

    /** YAML's indicators and other text that cannot be plain: the emitter quotes it. */
    @ParameterizedTest
    @ValueSource(strings = {"@pw0", "#x", "-", "[a]", "{a}", "'q'", "\"q\"", "tab\there", "!x", "&x", "*x", "|x",
        ">x", "%x", "`x", "?", "x:", "x: y", "a #b", " lead", "trail ", "\u0001", "x\uFFFF"})
    void textThatCannotBePlainIsQuotedAndReadsBack(String text) {
        assertThat(written(text)).matches("(?s)key: [\"'].*\n");
        readsBack(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"l2tpeth0", "l2tpeth0.5", "pw-cisco", "0badc0de", "014d3636deadbeef", "192.0.2.1",
        "2001:db8:1::1", "203.0.113.1/26", "tunnel-3000", "br_0", "a@b", "pw\u00e4", "a b", "a,b", "-x", "?x",
        "::1", "1.2.3", "x\u00a0y"})
    void namesAddressesAndCookiesArePlain(String text) {
        assertThat(written(text)).isEqualTo("key: " + text + "\n");
        readsBack(text);
    }

    /** The emitter's choice, whatever it is, reads back. */
    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\u2028b"})
    void otherOddTextReadsBack(String text) {
        readsBack(text);
    }

    @Test
    void commentsStayAtTheirKeyAndAMappingOfCommentsOnlyIsEmpty() {
        Tree tree = Tree.mapping()
                .comment("top")
                .put("sessions", Tree.mapping().comment("session 5 has no interface").build())
                .put("next", Tree.mapping().put("a", "b").comment("last\nline").build())
                .put("after", 1)
                .build();

        String yaml = YamlWriter.write(tree);

        assertThat(yaml).isEqualTo("""
                # top
                sessions:
                  # session 5 has no interface
                  {}
                next:
                  a: b
                  # last?line
                after: 1
                """);
        assertThat(json.loadFromString(yaml)).isEqualTo(json.loadFromString(JsonWriter.write(tree)));
    }

    @Test
    void aDocumentThatIsNotACollection() {
        assertThat(YamlWriter.write(Tree.text("@x"))).isEqualTo("'@x'\n");
        assertThat(YamlWriter.write(Tree.mapping().build())).isEqualTo("{}\n");
        assertThat(YamlWriter.write(new Tree.Sequence(List.of()))).isEqualTo("[]\n");
        assertThat(YamlWriter.write(Tree.mapping().comment("only").build())).isEqualTo("# only\n{}\n");
    }

    @Test
    void mappingsInSequencesAndEmptyCollections() {
        Tree tree = Tree.mapping()
                .comment("top")
                .put("list", new Tree.Sequence(List.of(Tree.text("a"),
                        Tree.mapping().put("address", "192.0.2.1").put("peer", "192.0.2.2").build())))
                .put("none", new Tree.Sequence(List.of()))
                .put("empty", Tree.mapping().build())
                .put("flag", true)
                .put("absent", (String) null)
                .build();

        assertThat(YamlWriter.write(tree)).isEqualTo("""
                # top
                list:
                  - a
                  - address: 192.0.2.1
                    peer: 192.0.2.2
                none: []
                empty: {}
                flag: true
                absent: null
                """);
        assertThat(JsonWriter.write(tree)).isEqualTo("""
                {
                  "list": [
                    "a",
                    {
                      "address": "192.0.2.1",
                      "peer": "192.0.2.2"
                    }
                  ],
                  "none": [],
                  "empty": {},
                  "flag": true,
                  "absent": null
                }
                """);
    }
}
