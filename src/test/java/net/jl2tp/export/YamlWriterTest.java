package net.jl2tp.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class YamlWriterTest {
    private final Load yaml = new Load(LoadSettings.builder().build());

    @ParameterizedTest
    @ValueSource(strings = {"00000012", "1446", "1e3", "0x1f", "true", "False", "yes", "off", "null", "~", ".inf",
        "12:30", "a b", "x:", "#x", "::1", "-", "[a]", "{a}", "a,b", "'q'", "\"q\"", "tab\there", ""})
    void textAYamlReaderWouldTakeForSomethingElseIsQuotedAndReadsBack(String text) {
        String written = YamlWriter.scalarText(text);

        assertThat(written).startsWith("\"");
        assertThat(yaml.loadFromString("key: " + written)).isEqualTo(java.util.Map.of("key", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"l2tpeth0", "l2tpeth0.5", "pw-cisco", "0badc0de", "014d3636deadbeef", "192.0.2.1",
        "2001:db8:1::1", "203.0.113.1/26", "tunnel-3000", "br_0", "a@b"})
    void namesAddressesAndCookiesArePlain(String text) {
        assertThat(YamlWriter.scalarText(text)).isEqualTo(text);
        assertThat(yaml.loadFromString("key: " + text)).isEqualTo(java.util.Map.of("key", text));
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
