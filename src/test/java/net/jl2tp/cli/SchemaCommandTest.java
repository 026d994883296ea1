package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code jl2tp-apply schema}: the class-path resource the build made, byte for byte the committed file. */
class SchemaCommandTest {
    @Test
    void printsTheCommittedSchema() throws Exception {
        CliTest.Result r = CliTest.run(CliTest.NO_KERNEL, "schema");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(Files.readString(Path.of("schema/jl2tp.schema.json")));
        byte[] resource = SchemaCommand.class.getResourceAsStream(SchemaCommand.RESOURCE).readAllBytes();
        assertThat(resource).isEqualTo(Files.readAllBytes(Path.of("schema/jl2tp.schema.json")));
        assertThat(r.out()).startsWith("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",");
    }

    @Test
    void isListedInTheHelp() {
        CliTest.Result r = CliTest.run(CliTest.NO_KERNEL, "--help");

        assertThat(r.out()).containsPattern("\\n\\s+schema\\s+Print the JSON Schema");
    }
}
