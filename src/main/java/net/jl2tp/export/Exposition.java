package net.jl2tp.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus text exposition format (version 0.0.4, what node_exporter's textfile collector
 * reads): metric families, each with its {@code # HELP} and {@code # TYPE} once, then its samples,
 * label values and help text escaped as the format says. Families are written in the order they
 * were first declared, so that a family's samples stay together whatever order they come in.
 */
public final class Exposition {
    public enum Type { gauge, counter }

    /** A sample's labels, in order: name, value, name, value... */
    private record Sample(List<String> labels, String value) {
    }

    private record Family(String help, Type type, List<Sample> samples, List<String> comments) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** Declares a family; its samples follow with {@link #sample}. */
    public Exposition family(String name, Type type, String help) {
        if (type == Type.counter && !name.endsWith("_total")) {
            throw new IllegalArgumentException("a counter's name ends in _total: " + name);
        }
        families.putIfAbsent(name, new Family(help, type, new ArrayList<>(), new ArrayList<>()));
        return this;
    }

    /** A sample of a declared family; {@code labels} alternates names and values. */
    public Exposition sample(String name, long value, String... labels) {
        Family family = families.get(name);
        if (family == null || labels.length % 2 != 0) {
            throw new IllegalArgumentException("not a declared family, or a label without a value: " + name);
        }
        family.samples().add(new Sample(List.of(labels), Long.toString(value)));
        return this;
    }

    /** A comment after the family's TYPE line: why it has no sample, for one reading the file. */
    public Exposition comment(String name, String text) {
        families.get(name).comments().add(text.replace('\n', ' '));
        return this;
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        families.forEach((name, family) -> {
            out.append("# HELP ").append(name).append(' ').append(escapeHelp(family.help())).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(family.type()).append('\n');
            family.comments().forEach(c -> out.append("# ").append(c).append('\n'));
            for (Sample sample : family.samples()) {
                out.append(name);
                if (!sample.labels().isEmpty()) {
                    out.append('{');
                    for (int i = 0; i < sample.labels().size(); i += 2) {
                        out.append(i == 0 ? "" : ",").append(sample.labels().get(i)).append("=\"")
                                .append(escapeLabelValue(sample.labels().get(i + 1))).append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(sample.value()).append('\n');
            }
        });
        return out.toString();
    }

    /** Label values: backslash, double quote and line feed escaped; nothing else is. */
    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** HELP text: backslash and line feed escaped. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
