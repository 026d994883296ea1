package net.jl2tp.config;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jl2tp.config.constraints.SchemaString;
import net.jl2tp.json.JsonWriter;
import net.jl2tp.json.Tree;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Mtu;

/**
 * The JSON Schema (draft-07) of a config file, for editors: made from the key tables (which keys
 * each object has, which are required, what each key's reader takes and the range it checks),
 * the Jakarta constraints on the config records ({@link SchemaString} on each constraint) and the
 * README's Config reference (each key's description and default, {@link ConfigReference}). The
 * build writes it (schema/jl2tp.schema.json, {@link SchemaFile}); rules across objects are not in
 * it, the validator keeps them.
 */
public final class ConfigSchema {
    /** Where the Debian package installs the schema. */
    public static final String INSTALLED_PATH = "/usr/share/jl2tp/jl2tp.schema.json";
    /** The first line of a config file that tells yaml-language-server (VS Code, ...) the schema, without "# ". */
    public static final String MODELINE = "yaml-language-server: $schema=" + INSTALLED_PATH;

    static final String DESCRIPTION = "A jl2tp config file (README, Config reference; jl2tp.yaml(5)). This schema "
            + "checks the shape of one file: its keys, their types, ranges, keywords and patterns. Rules across "
            + "objects and files (unique ids and interface names, references to bridges, links and sites, "
            + "collisions of derived ids and ports, address families, encapsulation-specific keys) stay in "
            + "jl2tp's validator: run jl2tp-apply validate.";

    /**
     * A literal address, loosely: digits and dots, or hex digits and colons (jl2tp's parser
     * decides). Up to 8 colons: '::' may stand for one group at either end of eight
     * ({@code 2001:db8:1:2:3:4:5::}, {@code ::2001:db8:1:2:3:4:5}).
     */
    private static final String IPV4 = "[0-9]{1,3}(\\.[0-9]{1,3}){3}";
    private static final String IPV6 = "[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){1,8}(:" + IPV4 + ")?";
    static final String IP_ADDRESS = "(" + IPV4 + "|" + IPV6 + ")";
    /** An address with a prefix length in its family's range. */
    static final String PREFIXED = "(" + IPV4 + "/(3[0-2]|[12]?[0-9])|" + IPV6 + "/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))";

    /** How the README's table of a link names the key of an end: the site's name. */
    private static final String END_KEY = "SITE";

    /** yaml-language-server's (and VS Code's) keyword for the message of a pattern not matched; validators ignore it. */
    private static final String PATTERN_MESSAGE = "patternErrorMessage";
    private static final String ADDRESS_MESSAGE = "an IPv4 or IPv6 address, without a prefix length";

    private final ConfigReference reference;

    private ConfigSchema(ConfigReference reference) {
        this.reference = reference;
    }

    /** The schema as the file holds it, from the README's text. */
    public static String json(String readme) {
        return ascii(JsonWriter.write(new ConfigSchema(ConfigReference.parse(readme)).document()));
    }

    /** Non-ASCII characters (from the README's text) escaped: the file reads the same in any charset. */
    private static String ascii(String json) {
        StringBuilder out = new StringBuilder(json.length());
        json.chars().forEach(c -> out.append(c < 0x80 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return out.toString();
    }

    /** Every README row a key was described by, as "PATH KEY": a row left over names no key jl2tp reads. */
    private final java.util.Set<String> described = new java.util.HashSet<>();

    private Tree document() {
        Tree tree = tree();
        for (ConfigReference.Table table : reference.tables().values()) {
            for (String key : table.rows().keySet()) {
                if (!described.contains(table.path() + " " + key)) {
                    throw new IllegalStateException("the README's Config reference has a row for '" + key + "' of `"
                            + table.path() + "`, which jl2tp does not read; remove the row or add the key");
                }
            }
        }
        return tree;
    }

    private Tree tree() {
        Tree.MappingBuilder root = Tree.mapping()
                .put("$schema", "http://json-schema.org/draft-07/schema#")
                .put("$id", "file://" + INSTALLED_PATH)
                .put("title", "jl2tp config file")
                .put("description", DESCRIPTION);
        object(root, FileKeys.ROOT, "", null, false);
        return root.build();
    }

    /** The keys of {@code table} as an object's properties; {@code path} names it in the README. */
    private void object(Tree.MappingBuilder out, KeyTable table, String path, Class<? extends Record> type,
            boolean nullable) {
        out.put("type", nullable ? types("object", "null") : Tree.text("object"));
        Tree.MappingBuilder properties = Tree.mapping();
        List<Tree> required = new ArrayList<>();
        for (ConfigKey<?> key : table.keys()) {
            String keyPath = path.isEmpty() ? key.yaml() : path + "." + key.yaml();
            Tree.MappingBuilder property = Tree.mapping();
            Optional<ConfigReference.Row> row = path.isEmpty() ? Optional.empty() : Optional.of(row(path, key));
            row.ifPresent(r -> property.put("description", r.text()));
            value(property, key, keyPath, type);
            row.flatMap(r -> ConfigReference.defaultValue(r.defaultCell())).ifPresent(d -> property.put("default",
                    defaultOf(key, d)));
            properties.put(key.yaml(), property.build());
            if (key.required()) {
                required.add(Tree.text(key.yaml()));
            }
        }
        if (!required.isEmpty()) {
            out.put("required", Tree.sequence(required));
        }
        out.put("properties", properties.build());
        if (table != LinkKeys.TABLE) { // a link's other keys are its ends, below
            out.put("additionalProperties", Tree.bool(false));
        }
    }

    private ConfigReference.Row row(String path, ConfigKey<?> key) {
        ConfigReference.Table table = reference.table(path);
        ConfigReference.Row row = table.rows().get(key.yaml());
        described.add(path + " " + key.yaml());
        if (row == null) {
            throw new IllegalStateException("the README's Config reference has no row for '" + key + "' of `" + path
                    + "`; add one to its table");
        }
        return row;
    }

    /** The schema of what the key's reader takes. */
    private void value(Tree.MappingBuilder out, ConfigKey<?> key, String path, Class<? extends Record> type) {
        ConfigKey.ValueReader<?> reader = key.reader();
        if (reader instanceof Nested nested) {
            object(out, nested.table(), path, null, false);
        } else if (reader instanceof NamedMap<?> map) {
            namedMap(out, map, path);
        } else if (reader == Values.NUMBER) {
            Tree.MappingBuilder number = Tree.mapping().put("type", "integer");
            if (key == FileKeys.VERSION) {
                List<Long> versions = FileBinder.SUPPORTED_VERSIONS.stream().sorted().toList();
                List<String> texts = versions.stream().map(String::valueOf).toList();
                number.put("enum", Tree.sequence(versions.stream().map(Tree::number).toList()));
                anyOf(out, number, numberText("^(" + String.join("|", texts) + ")$", "a supported version: "
                        + String.join(", ", texts)));
            } else {
                range(number, key);
                anyOf(out, number, numberText(key));
            }
        } else if (reader == Values.BOOL) {
            anyOf(out, Tree.mapping().put("type", "boolean"), Tree.mapping().put("type", "string")
                    .put("pattern", "^(" + String.join("|", BOOL_WORDS) + ")$")
                    .put(PATTERN_MESSAGE, "true or false (" + String.join(", ", BOOL_WORDS) + ")"));
        } else if (reader == Values.TEXT || reader == Values.COOKIE) {
            text(out, component(type, key.component()));
        } else if (reader == Values.IP_ADDRESS) {
            putAll(out, pattern("^" + IP_ADDRESS + "$", ADDRESS_MESSAGE));
        } else if (reader == Values.ENCAP) {
            words(out, Values.encapWords());
        } else if (reader == Values.SEQUENCING) {
            words(out, Values.sequencingWords());
        } else if (reader == Values.LINK_COOKIES) {
            words(out, Values.linkCookiesWords());
        } else if (reader == Values.L2SPEC_TYPE) {
            words(out, Arrays.stream(L2specType.values()).map(L2specType::keyword).toList());
        } else if (reader == Values.WORDS) {
            Tree.MappingBuilder word = Tree.mapping();
            text(word, Optional.empty());
            out.put("type", types("array", "null")).put("items", word.build());
        } else if (reader == Values.ENDS) {
            out.put("type", "array").put("items", siteName(true).build()).put("minItems", 2).put("maxItems", 2)
                    .put("uniqueItems", true);
        } else if (reader == Values.MTU_OR_AUTO) {
            Tree.MappingBuilder number = Tree.mapping().put("type", "integer");
            range(number, key);
            anyOf(out, number, Tree.mapping().put("enum", Tree.sequence(List.of(Tree.text(new Mtu.Auto().toString())))),
                    numberText(key));
        } else if (reader == Values.FIXED_MTU) {
            Tree.MappingBuilder number = Tree.mapping().put("type", "integer");
            range(number, key);
            anyOf(out, number, numberText(key));
        } else if (reader == Values.ADDRESSES) {
            addresses(out);
        } else if (reader == Values.PORTS) {
            Tree.MappingBuilder port = Tree.mapping();
            text(port, component(PortConfig.class, "name"));
            out.put("type", types("array", "null")).put("items", port.build());
        } else {
            throw new IllegalStateException("no JSON Schema for the reader of key '" + key + "' (" + path
                    + "): give its kind in ConfigSchema.value");
        }
    }

    /** A mapping from names the user chooses to objects of one table. */
    private void namedMap(Tree.MappingBuilder out, NamedMap<?> map, String path) {
        String members = path + ".*";
        out.put("type", types("object", "null"));
        Tree.MappingBuilder names = Tree.mapping();
        if (map.type() == SiteConfig.class) {
            names = siteName(false).put("not", Tree.mapping().put("enum", Tree.sequence(
                    LinkKeys.TABLE.names().stream().map(Tree::text).toList())).build());
        } else {
            Optional<RecordComponent> name = component(map.type(), "name");
            if (name.isPresent()) {
                constraints(names, name.get());
            }
        }
        Tree.Mapping nameSchema = names.build();
        if (!nameSchema.entries().isEmpty()) {
            out.put("propertyNames", nameSchema);
        }
        Tree.MappingBuilder member = Tree.mapping().put("description", reference.table(members).intro());
        object(member, map.members(), members, map.type(), false);
        if (map.type() == LinkConfig.class) {
            String ends = members + ".*";
            ConfigReference.Row site = reference.table(members).rows().get(END_KEY);
            described.add(members + " " + END_KEY);
            Tree.MappingBuilder end = Tree.mapping().put("description", site == null ? reference.table(ends).intro()
                    : site.text() + " " + reference.table(ends).intro());
            object(end, LinkEndKeys.TABLE, ends, LinkEndConfig.class, true);
            member.put("additionalProperties", end.build());
        }
        out.put("additionalProperties", member.build());
    }

    /**
     * A site's name: as a key, text; as a value (ends), one of digits may be a number to YAML and
     * {@code true} a boolean, which jl2tp reads as written, as it does an interface's name.
     */
    private static Tree.MappingBuilder siteName(boolean value) {
        Pattern pattern = Pattern.compile("^" + FileBinder.SITE_NAME.pattern() + "$");
        return Tree.mapping().put("type", value ? scalarTypes(Optional.of(pattern)) : Tree.text("string"))
                .put("pattern", pattern.pattern())
                .put(PATTERN_MESSAGE, "a site name: one word of letters, digits, '.', '_' and '-' (at most 63, starting "
                        + "with a letter or digit)");
    }

    /**
     * An item of addresses: a prefixed address, or an address with a peer ({@link AddressKeys});
     * with a peer, the prefix length belongs on the peer.
     */
    private void addresses(Tree.MappingBuilder out) {
        Tree.MappingBuilder pair = Tree.mapping().put("type", "object")
                .put("required", Tree.sequence(List.of(Tree.text(AddressKeys.ADDRESS.yaml()))));
        Tree.MappingBuilder properties = Tree.mapping();
        for (ConfigKey<?> key : AddressKeys.TABLE.keys()) {
            properties.put(key.yaml(), pattern("^(" + IP_ADDRESS + "|" + PREFIXED + ")$",
                    "an IPv4 or IPv6 address, with or without a prefix length"));
        }
        pair.put("properties", properties.build()).put("additionalProperties", false)
                .put("if", Tree.mapping().put("required", Tree.sequence(List.of(Tree.text(AddressKeys.PEER.yaml()))))
                        .build())
                .put("then", Tree.mapping().put("properties", Tree.mapping().put(AddressKeys.ADDRESS.yaml(),
                        pattern("^" + IP_ADDRESS + "$", "with a peer, the address takes no prefix length: it "
                                + "belongs on the peer")).build()).build())
                .put("else", Tree.mapping().put("properties", Tree.mapping().put(AddressKeys.ADDRESS.yaml(),
                        pattern("^" + PREFIXED + "$", "without a peer, the address needs its prefix length, like "
                                + "203.0.113.1/24")).build()).build());
        out.put("type", types("array", "null")).put("items", Tree.mapping()
                .put("description", reference.addresses())
                .put("anyOf", Tree.sequence(List.of(pattern("^" + PREFIXED + "$", "an address with its prefix length, like "
                        + "203.0.113.1/24"), pair.build()))).build());
    }

    private static void putAll(Tree.MappingBuilder out, Tree.Mapping entries) {
        entries.entries().forEach(e -> out.put(e.key(), e.value()));
    }

    private static Tree.Mapping pattern(String pattern, String message) {
        return Tree.mapping().put("type", "string").put("pattern", pattern).put(PATTERN_MESSAGE, message).build();
    }

    /** The spellings of true and false that jl2tp reads (NodeReader.bool), written as strings or not. */
    static final List<String> BOOL_WORDS = List.of("true", "True", "TRUE", "false", "False", "FALSE");

    private static void anyOf(Tree.MappingBuilder out, Tree.MappingBuilder... branches) {
        out.put("anyOf", Tree.sequence(Arrays.stream(branches).map(b -> (Tree) b.build()).toList()));
    }

    /**
     * A number written as a string ({@code "3000"}, as a template may render it): jl2tp reads the
     * text whatever YAML resolved it to, so the text of a number in the key's range is valid.
     */
    private static Tree.MappingBuilder numberText(ConfigKey<?> key) {
        ConfigKey.Check<?> check = key.check();
        return check == null ? numberText("^-?(0|[1-9][0-9]*)$", "a whole number in decimal")
                : numberText(ConfigSchemaRange.pattern(check.minimum(), check.maximum()),
                        "a whole number in " + check.minimum() + ".." + check.maximum() + ", in decimal");
    }

    private static Tree.MappingBuilder numberText(String pattern, String message) {
        return Tree.mapping().put("type", "string").put("pattern", pattern).put(PATTERN_MESSAGE, message);
    }

    private static void range(Tree.MappingBuilder out, ConfigKey<?> key) {
        ConfigKey.Check<?> check = key.check();
        if (check != null) {
            out.put("minimum", check.minimum()).put("maximum", check.maximum());
        }
    }

    private static void words(Tree.MappingBuilder out, java.util.Collection<String> words) {
        out.put("type", "string").put("enum", Tree.sequence(words.stream().map(Tree::text).toList()));
    }

    /**
     * A value read as text. YAML may read the text of a valid one as a number or a boolean (a
     * cookie {@code 12345678}, an interface named {@code 1234}), which jl2tp reads as written; so
     * those types are allowed where the constraint admits such text, and the pattern applies to
     * strings only.
     */
    private static void text(Tree.MappingBuilder out, Optional<RecordComponent> component) {
        Tree.MappingBuilder constraints = Tree.mapping();
        Optional<Pattern> pattern = component.flatMap(c -> constraints(constraints, c));
        out.put("type", scalarTypes(pattern));
        putAll(out, constraints.build());
    }

    /** The JSON types of a scalar read as text: a string, and a number or boolean if the pattern admits such text. */
    private static Tree scalarTypes(Optional<Pattern> pattern) {
        List<Tree> types = new ArrayList<>(List.of(Tree.text("string")));
        if (pattern.map(p -> p.matcher("12345678").matches()).orElse(true)) {
            types.add(Tree.text("number"));
        }
        if (pattern.map(p -> p.matcher("true").matches() && p.matcher("false").matches()).orElse(true)) {
            types.add(Tree.text("boolean"));
        }
        return types.size() == 1 ? types.get(0) : Tree.sequence(types);
    }

    /** The JSON Schema of the component's Jakarta constraints; the pattern, if any, as Java compiles it. */
    private static Optional<Pattern> constraints(Tree.MappingBuilder out, RecordComponent component) {
        Optional<Pattern> pattern = Optional.empty();
        for (Annotation annotation : fieldAnnotations(component)) {
            SchemaString schema = annotation.annotationType().getAnnotation(SchemaString.class);
            if (schema != null) {
                out.put("pattern", schema.pattern()).put(PATTERN_MESSAGE, schema.message());
                if (schema.maxLength() > 0) {
                    out.put("maxLength", schema.maxLength());
                }
                pattern = Optional.of(Pattern.compile(schema.pattern()));
            }
        }
        return pattern;
    }

    /** The constraints target fields (package-info of constraints says why), so they are read there. */
    private static Annotation[] fieldAnnotations(RecordComponent component) {
        try {
            return component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotations();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<RecordComponent> component(Class<? extends Record> type, String name) {
        if (type == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst();
    }

    /** The README's default as the key's value: a boolean, a number, an empty list or a word. */
    private static Tree defaultOf(ConfigKey<?> key, String text) {
        ConfigKey.ValueReader<?> reader = key.reader();
        if (reader == Values.BOOL) {
            return Tree.bool(Boolean.parseBoolean(text));
        }
        if (reader == Values.NUMBER) {
            return Tree.number(Long.parseLong(text));
        }
        if (text.equals("[]")) {
            return Tree.sequence(List.of());
        }
        return Tree.text(text);
    }

    private static Tree types(String... names) {
        return Tree.sequence(Arrays.stream(names).map(Tree::text).toList());
    }
}
