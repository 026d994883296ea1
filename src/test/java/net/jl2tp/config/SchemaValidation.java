package net.jl2tp.config;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.json.JsonMapper;

/**
 * A config file checked against schema/jl2tp.schema.json as an editor checks it: the YAML read
 * as YAML 1.2's core schema reads it (yaml-language-server's default: {@code 0x10} and {@code 010}
 * are numbers, {@code yes} is text), then validated by networknt's json-schema-validator (draft-07).
 */
final class SchemaValidation {
    static final Path COMMITTED = Path.of("schema/jl2tp.schema.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema SCHEMA = load();

    private SchemaValidation() {
    }

    private static Schema load() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(Files.readString(COMMITTED), InputFormat.JSON);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The schema's complaints about the file, as "PATH: message". */
    static List<String> errors(Path file) throws IOException {
        return validate(file).stream().map(Error::toString).toList();
    }

    /**
     * The JSON pointer each complaint is about: the value's (for a missing key, the object's, where
     * jl2tp reports it too), or for an unknown key or a bad name (additionalProperties,
     * propertyNames), the key's.
     */
    static List<String> pointers(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (Error error : validate(file)) {
            StringBuilder pointer = new StringBuilder();
            NodePath at = error.getInstanceLocation();
            for (int i = 0; i < at.getNameCount(); i++) {
                pointer.append('/').append(escaped(String.valueOf(at.getElement(i))));
            }
            boolean aboutAKey = KEY_KEYWORDS.contains(error.getKeyword()) && error.getProperty() != null;
            out.add(aboutAKey ? pointer + "/" + escaped(error.getProperty()) : pointer.toString());
        }
        return out;
    }

    private static final java.util.Set<String> KEY_KEYWORDS = java.util.Set.of("additionalProperties", "propertyNames");

    static String escaped(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static List<Error> validate(Path file) throws IOException {
        Object document = new Load(LoadSettings.builder().setSchema(new CoreSchema()).build())
                .loadFromString(Files.readString(file));
        return SCHEMA.validate(JSON.valueToTree(jsonable(document)));
    }

    /** YAML's values as JSON has them: keys are text. */
    private static Object jsonable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), jsonable(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SchemaValidation::jsonable).toList();
        }
        return value;
    }
}
