package net.jl2tp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's schema step: a committed schema that is not what the README and the key tables make
 * fails, saying how to regenerate; so do a key without a README row and a row without a key.
 */
class SchemaFileTest {
    static final Path README = Path.of("README.md");

    @TempDir
    Path tmp;

    @Test
    void aStaleCommittedSchemaFailsAndSaysHowToRegenerate() throws Exception {
        Path committed = Files.writeString(tmp.resolve("jl2tp.schema.json"), "{}\n");
        Path generated = tmp.resolve("classes/net/jl2tp/cli/jl2tp.schema.json");

        assertThatThrownBy(() -> SchemaFile.main(new String[] {"check", README.toString(), committed.toString(),
                generated.toString()}))
                .hasMessageContaining("is not the schema").hasMessageContaining(SchemaFile.REGENERATE);
        assertThat(Files.readString(generated)).isEqualTo(Files.readString(SchemaValidation.COMMITTED));

        SchemaFile.main(new String[] {"write", README.toString(), committed.toString()});
        SchemaFile.main(new String[] {"check", README.toString(), committed.toString()});
        assertThat(Files.readString(committed)).isEqualTo(Files.readString(SchemaValidation.COMMITTED));
    }

    @Test
    void aKeyWithoutAReadmeRowStopsTheBuild() throws Exception {
        String readme = Files.readString(README);
        String row = "| `udp6-checksum-rx` | `true` (kernel default) | `udp6_csum_rx on/off` | IPv6 + UDP only |\n";
        assertThat(readme).contains(row);

        assertThatThrownBy(() -> ConfigSchema.json(readme.replace(row, "")))
                .hasMessageContaining("no row for 'udp6-checksum-rx' of `l2tp.tunnels.*`");
    }

    @Test
    void aRowForAKeyJl2tpDoesNotReadStopsTheBuild() throws Exception {
        String readme = Files.readString(README);
        String row = "| `peer-offset` | `0` | `peer_offset` | only 0, for the same reason |\n";
        assertThat(readme).contains(row);

        assertThatThrownBy(() -> ConfigSchema.json(readme.replace(row, row + "| `colour` | none | | a colour |\n")))
                .hasMessageContaining("a row for 'colour' of `l2tp.tunnels.*.sessions.*`, which jl2tp does not read");
    }

    @Test
    void theDescriptionIsTheReadmeRow() throws Exception {
        String schema = Files.readString(SchemaValidation.COMMITTED);

        assertThat(schema).contains("\"description\": \"1..65535; refused with encap: ip. Required with udp. "
                + "ip l2tp add tunnel: udp_dport.\"");
        String edited = ConfigSchema.json(Files.readString(README).replace("1..65535; refused with `encap: ip` |",
                "1..65535; never with `encap: ip` |"));
        assertThat(edited).contains("1..65535; never with encap: ip.");
    }
}
