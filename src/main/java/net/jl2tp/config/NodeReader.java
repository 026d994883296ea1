package net.jl2tp.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.jl2tp.model.IpAddresses;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads typed values out of YAML nodes of one file, collecting a problem for each value of the
 * wrong shape and carrying on, so that one run reports every mistake in the file.
 */
final class NodeReader {
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.NULL, Tag.FLOAT, Tag.MAP, Tag.SEQ);
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

    /** Problems kept per file: every one is a fix to make, and a hostile file could hold millions. */
    static final int MAX_PROBLEMS = 1000;
    /** Digits of a number read at all: more is far beyond any field's range (checked before parsing). */
    private static final int MAX_DIGITS = 20;

    private final String file;
    private final List<Problem> problems;
    private int reported;
    /** Nodes being read on the current path: an alias back to one of them is a cycle. */
    private final Set<Node> reading = Collections.newSetFromMap(new IdentityHashMap<>());

    NodeReader(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    SourceMark mark(Node node) {
        return node.getStartMark().map(m -> SourceMark.of(file, m)).orElse(SourceMark.startOf(file));
    }

    void problem(Node node, String message) {
        problem(mark(node), message);
    }

    /** Keeps the first {@link #MAX_PROBLEMS} of the file; the rest are only counted. */
    void problem(SourceMark mark, String message) {
        if (reported < MAX_PROBLEMS) {
            problems.add(new Problem(mark, message));
        }
        reported++;
    }

    /** After the whole file: one problem that says how many more there were, if any. */
    void finish() {
        if (reported > MAX_PROBLEMS) {
            problems.add(new Problem(SourceMark.startOf(file), (reported - MAX_PROBLEMS) + " more problems in "
                    + "this file are not listed (the first " + MAX_PROBLEMS + " are)"));
        }
    }

    boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    /** Checks that the node is plain data: no application tags, no alias cycles. */
    private boolean admissible(Node node) {
        if (!PLAIN_TAGS.contains(node.getTag())) {
            problem(node, "YAML tag '" + node.getTag().getValue() + "' is not used in jl2tp config; remove it");
            return false;
        }
        if (reading.contains(node)) {
            problem(node, "the anchor here is used inside itself through an alias; jl2tp config cannot be recursive");
            return false;
        }
        return true;
    }

    /**
     * The entries of a mapping, with its keys checked against its table (every key allowed when
     * null): unknown, duplicate and non-scalar keys are problems.
     */
    Optional<Entries> mapping(Node node, String what, KeyTable table) {
        Set<String> known = table == null ? null : table.names();
        if (!(node instanceof MappingNode map)) {
            problem(node, what + " must be a mapping (key: value lines), not " + describe(node));
            return Optional.empty();
        }
        if (!admissible(node)) {
            return Optional.empty();
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        Set<String> suggested = new java.util.HashSet<>();
        boolean unknown = false;
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar) || isNull(keyNode)) {
                problem(keyNode, "a key in " + what + " must be a plain word, not " + describe(keyNode));
                continue;
            }
            String key = keyScalar.getValue();
            NodeTuple first = entries.get(key);
            if (first != null) {
                problem(keyNode, "duplicate key '" + shown(key) + "' in " + what + " (first at line "
                        + mark(first.getKeyNode()).line() + ")");
                continue;
            }
            if (known != null && !known.contains(key)) {
                unknown = true;
                if (reported >= MAX_PROBLEMS) {
                    reported++; // counted, not kept: spare the suggestion's cost
                    continue;
                }
                Optional<String> suggestion = KeySuggestions.closest(key, table);
                suggestion.ifPresent(suggested::add);
                String hint = suggestion.map(k -> "; did you mean '" + k + "'?")
                        .orElse("; known keys: " + String.join(", ", known));
                problem(keyNode, "unknown key '" + shown(key) + "' in " + what + hint);
                continue;
            }
            entries.put(key, tuple);
        }
        return Optional.of(new Entries(map, what, entries, suggested, unknown));
    }

    /** The checked entries of one mapping, keyed by their text. */
    final class Entries {
        private final MappingNode node;
        private final String what;
        private final Map<String, NodeTuple> byKey;
        private final Map<String, SourceMark> valueMarks = new LinkedHashMap<>();
        /** Keys that an unknown key was taken for: their absence is already explained. */
        private final Set<String> suggested;
        private final boolean unknown;

        Entries(MappingNode node, String what, Map<String, NodeTuple> byKey, Set<String> suggested, boolean unknown) {
            this.node = node;
            this.what = what;
            this.byKey = byKey;
            this.suggested = suggested;
            this.unknown = unknown;
            byKey.forEach((k, t) -> valueMarks.put(k, mark(t.getValueNode())));
        }

        Map<String, NodeTuple> all() {
            return byKey;
        }

        Optional<Node> get(ConfigKey<?> key) {
            return Optional.ofNullable(byKey.get(key.yaml())).map(NodeTuple::getValueNode);
        }

        Marks marks(SourceMark self) {
            return new Marks(self, valueMarks);
        }

        /**
         * A key's value as its table row reads and checks it; when absent, its default, and a
         * problem at {@code self} if the key is required.
         */
        <T> T value(ConfigKey<T> key, SourceMark self) {
            Optional<Node> value = get(key);
            if (value.isEmpty()) {
                if (key.required() && !suggested.contains(key.yaml())) {
                    problem(self, what + " needs '" + key + "'");
                }
                return key.whenAbsent();
            }
            T read = within(node, n -> key.reader().read(NodeReader.this, value.get(), key.yaml(), what));
            ConfigKey.Check<T> check = key.check();
            if (read != null && check != null && !check.ok().test(read)) {
                problem(value.get(), key + " " + read + " " + check.message());
            }
            return read;
        }

        /** Whether the mapping had a key that was reported as unknown. */
        boolean hadUnknownKeys() {
            return unknown;
        }
    }

    /** Reads the children of a mapping or sequence with cycle protection. */
    <T> T within(Node node, Function<Node, T> read) {
        reading.add(node);
        try {
            return read.apply(node);
        } finally {
            reading.remove(node);
        }
    }

    Optional<List<Node>> sequence(Node node, String what) {
        if (isNull(node)) {
            return Optional.of(List.of());
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(node, what + " must be a list, not " + describe(node));
            return Optional.empty();
        }
        if (!admissible(node)) {
            return Optional.empty();
        }
        return Optional.of(new ArrayList<>(seq.getValue()));
    }

    /** The text of a scalar, whatever YAML would resolve it to: ids, cookies and names are text first. */
    Optional<String> scalarText(Node node, String key) {
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, key + " must be a single value, not " + describe(node));
            return Optional.empty();
        }
        if (!admissible(node)) {
            return Optional.empty();
        }
        if (isNull(node)) {
            problem(node, key + " has no value");
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }

    Long number(Node node, String key) {
        return scalarText(node, key).map(text -> {
            if (!DECIMAL.matcher(text).matches()) {
                String hint = text.startsWith("0x") || text.startsWith("0X") ? "; write it in decimal" : "";
                problem(node, key + " must be a whole number, not '" + shown(text) + "'" + hint);
                return null;
            }
            String digits = text.startsWith("-") ? text.substring(1) : text;
            if (digits.length() > 1 && digits.startsWith("0")) {
                problem(node, key + " '" + shown(text) + "' has a leading zero; write it without, in decimal");
                return null;
            }
            if (digits.length() > MAX_DIGITS) {
                problem(node, key + " " + shown(text) + " is far too large");
                return null;
            }
            BigInteger value = new BigInteger(text);
            if (value.bitLength() > 40) {
                problem(node, key + " " + text + " is far too large");
                return null;
            }
            return value.longValue();
        }).orElse(null);
    }

    Boolean bool(Node node, String key) {
        return scalarText(node, key).map(text -> switch (text) {
            case "true", "True", "TRUE" -> Boolean.TRUE;
            case "false", "False", "FALSE" -> Boolean.FALSE;
            default -> {
                String hint = switch (text.toLowerCase(java.util.Locale.ROOT)) {
                    case "yes", "on", "y" -> "; write true (YAML 1.2 reads '" + text + "' as text)";
                    case "no", "off", "n" -> "; write false (YAML 1.2 reads '" + text + "' as text)";
                    default -> "";
                };
                problem(node, key + " must be true or false, not '" + shown(text) + "'" + hint);
                yield null;
            }
        }).orElse(null);
    }

    <E extends Enum<E>> E keyword(Node node, String key, Map<String, E> words) {
        return scalarText(node, key).map(text -> {
            E value = words.get(text);
            if (value == null) {
                problem(node, key + " must be one of " + String.join(", ", words.keySet()) + ", not '" + shown(text) + "'");
            }
            return value;
        }).orElse(null);
    }

    InetAddress ipAddress(Node node, String key) {
        return scalarText(node, key).map(text -> {
            Optional<InetAddress> address = IpAddresses.parse(text);
            if (address.isEmpty()) {
                String hint = text.contains("/") ? "; a tunnel endpoint takes no prefix length" : "";
                problem(node, key + " must be an IPv4 or IPv6 address, not '" + shown(text) + "'" + hint);
            }
            return address.orElse(null);
        }).orElse(null);
    }

    /** A value as a message quotes it: whole up to 64 characters, else its start and its length. */
    static String shown(String text) {
        return text.length() <= 64 ? text : text.substring(0, 40) + "... (" + text.length() + " characters)";
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof ScalarNode scalar) {
            if (scalar.getTag().equals(Tag.NULL)) {
                return "an empty value";
            }
            String text = scalar.getValue();
            return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
        }
        return "this";
    }
}
