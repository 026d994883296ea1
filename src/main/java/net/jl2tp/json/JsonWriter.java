package net.jl2tp.json;

/**
 * Writes a {@link Tree} as JSON, two spaces a level, keys in the tree's order; comments are left
 * out. Scripts can rely on the key order and on every key being present (absent values are null).
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    public static String write(Tree tree) {
        StringBuilder out = new StringBuilder();
        value(out, tree, 0);
        return out.append('\n').toString();
    }

    private static void value(StringBuilder out, Tree tree, int indent) {
        if (tree instanceof Tree.Mapping m) {
            var entries = m.entries();
            if (entries.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            String separator = "\n";
            for (Tree.Entry e : entries) {
                out.append(separator).append(" ".repeat(indent + 2)).append(quote(e.key())).append(": ");
                value(out, e.value(), indent + 2);
                separator = ",\n";
            }
            out.append('\n').append(" ".repeat(indent)).append('}');
        } else if (tree instanceof Tree.Sequence s) {
            if (s.items().isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            String separator = "\n";
            for (Tree item : s.items()) {
                out.append(separator).append(" ".repeat(indent + 2));
                value(out, item, indent + 2);
                separator = ",\n";
            }
            out.append('\n').append(" ".repeat(indent)).append(']');
        } else if (tree instanceof Tree.Text t) {
            out.append(quote(t.value()));
        } else if (tree instanceof Tree.Number n) {
            out.append(n.value());
        } else if (tree instanceof Tree.Bool b) {
            out.append(b.value());
        } else if (tree instanceof Tree.Null) {
            out.append("null");
        } else if (tree instanceof Tree.Line line) {
            compact(out, line.value());
        }
    }

    /** On one line: {@code {"a": 1, "b": [2, 3]}}. */
    private static void compact(StringBuilder out, Tree tree) {
        if (tree instanceof Tree.Mapping m) {
            out.append('{');
            String separator = "";
            for (Tree.Entry e : m.entries()) {
                out.append(separator).append(quote(e.key())).append(": ");
                compact(out, e.value());
                separator = ", ";
            }
            out.append('}');
        } else if (tree instanceof Tree.Sequence s) {
            out.append('[');
            String separator = "";
            for (Tree item : s.items()) {
                out.append(separator);
                compact(out, item);
                separator = ", ";
            }
            out.append(']');
        } else if (tree instanceof Tree.Line line) {
            compact(out, line.value());
        } else {
            value(out, tree, 0); // a scalar: the same either way
        }
    }

    /** A JSON string literal; also a valid YAML double-quoted scalar. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
