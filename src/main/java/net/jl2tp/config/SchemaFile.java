package net.jl2tp.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The build's step for the JSON Schema: {@code check README COMMITTED GENERATED} writes the schema
 * made from the README and the key tables to GENERATED (the class-path resource that
 * {@code jl2tp-apply schema} prints) and fails, saying how to regenerate, when the committed file
 * differs; {@code write README COMMITTED} regenerates the committed file.
 */
public final class SchemaFile {
    static final String REGENERATE = "mvn -B -o -q process-classes -Djl2tp.schema.write=true";

    private SchemaFile() {
    }

    public static void main(String[] args) throws IOException {
        boolean write = args.length > 0 && (args[0].equals("write") || Boolean.parseBoolean(System.getProperty(
                "jl2tp.schema.write", "false")));
        if (args.length < 3 || !Arrays.asList("check", "write").contains(args[0])) {
            throw new IllegalArgumentException("usage: SchemaFile check|write README COMMITTED [GENERATED]");
        }
        String schema = ConfigSchema.json(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8));
        Path committed = Path.of(args[2]);
        if (args.length > 3) {
            Path generated = Path.of(args[3]);
            Files.createDirectories(generated.getParent());
            Files.writeString(generated, schema, StandardCharsets.UTF_8);
        }
        if (write) {
            Files.createDirectories(committed.toAbsolutePath().getParent());
            Files.writeString(committed, schema, StandardCharsets.UTF_8);
            return;
        }
        String current = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
        if (!current.equals(schema)) {
            throw new IllegalStateException(committed + " is not the schema the key tables and the README's Config "
                    + "reference make now; regenerate it with '" + REGENERATE + "' and commit it");
        }
    }
}
