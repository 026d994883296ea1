package net.jl2tp.export;

import java.util.regex.Pattern;

/**
 * Writes a {@link Tree} as block-style YAML 1.2, two spaces a level. A string is written plain
 * only when every YAML reader takes it back as that same string; otherwise it is double-quoted
 * (JSON's quoting, which YAML reads too): {@code "00000012"} would be a number to a YAML tool
 * other than jl2tp, {@code "true"} a boolean.
 */
public final class YamlWriter {
    /** Letters, digits and the few marks names and addresses use; ':' never last or before a space. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@+][A-Za-z0-9_./:@+-]*");
    /** What YAML 1.1 or 1.2 resolves to something else than a string. */
    private static final Pattern NOT_A_STRING = Pattern.compile(
            "(?i)[-+]?[0-9][0-9_]*(\\.[0-9_]*)?(e[-+]?[0-9]+)?|[-+]?\\.[0-9]+|0x[0-9a-f_]+|0o[0-7]+|0b[01_]+"
                    + "|[-+]?\\.inf|\\.nan|true|false|yes|no|on|off|y|n|null|~|[0-9:]+:[0-5]?[0-9]");

    private YamlWriter() {
    }

    public static String write(Tree tree) {
        StringBuilder out = new StringBuilder();
        if (tree instanceof Tree.Mapping mapping && !mapping.members().isEmpty()) {
            mapping(out, mapping, 0);
        } else if (tree instanceof Tree.Sequence sequence && !sequence.items().isEmpty()) {
            sequence(out, sequence, 0);
        } else {
            out.append(inline(tree)).append('\n');
        }
        return out.toString();
    }

    private static void mapping(StringBuilder out, Tree.Mapping mapping, int indent) {
        for (Tree.Member member : mapping.members()) {
            out.append(" ".repeat(indent));
            if (member instanceof Tree.Comment comment) {
                out.append("# ").append(comment.text()).append('\n');
            } else if (member instanceof Tree.Entry entry) {
                out.append(scalarText(entry.key())).append(':');
                value(out, entry.value(), indent);
            }
        }
    }

    /** After "key:" or "- ": a scalar or empty collection on the same line, else nested below. */
    private static void value(StringBuilder out, Tree value, int indent) {
        if (value instanceof Tree.Mapping m && !m.members().isEmpty()) {
            out.append('\n');
            mapping(out, m, indent + 2);
        } else if (value instanceof Tree.Sequence s && !s.items().isEmpty()) {
            out.append('\n');
            sequence(out, s, indent + 2);
        } else {
            out.append(' ').append(inline(value)).append('\n');
        }
    }

    private static void sequence(StringBuilder out, Tree.Sequence sequence, int indent) {
        for (Tree item : sequence.items()) {
            out.append(" ".repeat(indent)).append('-');
            if (item instanceof Tree.Mapping m && !m.members().isEmpty()) {
                // "- key: value" with the mapping's other keys under the first one
                StringBuilder nested = new StringBuilder();
                mapping(nested, m, indent + 2);
                out.append(' ').append(nested.substring(indent + 2));
            } else {
                value(out, item, indent);
            }
        }
    }

    private static String inline(Tree tree) {
        if (tree instanceof Tree.Text t) {
            return scalarText(t.value());
        } else if (tree instanceof Tree.Number n) {
            return Long.toString(n.value());
        } else if (tree instanceof Tree.Bool b) {
            return Boolean.toString(b.value());
        } else if (tree instanceof Tree.Null) {
            return "null";
        } else if (tree instanceof Tree.Mapping) {
            return "{}";
        } else if (tree instanceof Tree.Sequence) {
            return "[]";
        }
        throw new IllegalArgumentException("not a tree node: " + tree);
    }

    static String scalarText(String text) {
        boolean plain = PLAIN.matcher(text).matches() && !text.endsWith(":") && !NOT_A_STRING.matcher(text).matches();
        return plain ? text : JsonWriter.quote(text);
    }
}
