package net.jl2tp.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small parser of the Prometheus text exposition format 0.0.4, as its specification says it
 * (docs/instrumenting/exposition_formats.md), strict where Prometheus is: lines end in \n; {@code #
 * HELP name text} and {@code # TYPE name type} at most once per family, and before its samples; other
 * lines starting with {@code #} are comments; a sample is {@code name{label="value",...} value
 * [timestamp]}, names [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]*, label values
 * with the escapes \\, \" and \n only, values Go floats (Nan, +Inf, -Inf too). Throws on anything else.
 */
public final class PrometheusTextParser {
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public record Family(String name, String help, String type, List<Sample> samples) {
    }

    public static final class Invalid extends RuntimeException {
        Invalid(int line, String why) {
            super("line " + line + ": " + why);
        }
    }

    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private PrometheusTextParser() {
    }

    /** The families in order of their first line; a sample's family is its name (no histograms here). */
    public static List<Family> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new Invalid(0, "the last line does not end in a line feed");
        }
        Map<String, String> help = new LinkedHashMap<>();
        Map<String, String> type = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Set<String> series = new java.util.HashSet<>();
        String current = null; // a family's lines are one group: interrupted and resumed is refused
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            int n = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] words = line.split(" ", 4);
                if (words.length >= 3 && words[0].equals("#") && (words[1].equals("HELP") || words[1].equals("TYPE"))) {
                    String name = words[2];
                    requireName(n, name);
                    if (samples.get(name) != null) {
                        throw new Invalid(n, words[1] + " of " + name + " after its samples");
                    }
                    String rest = words.length == 4 ? words[3] : "";
                    if (words[1].equals("HELP")) {
                        if (help.put(name, unescape(n, rest, false)) != null) {
                            throw new Invalid(n, "a second HELP for " + name);
                        }
                    } else {
                        if (!TYPES.contains(rest)) {
                            throw new Invalid(n, "unknown type " + rest);
                        }
                        if (type.put(name, rest) != null) {
                            throw new Invalid(n, "a second TYPE for " + name);
                        }
                    }
                    samples.putIfAbsent(name, null); // declared: order kept, samples to come
                    current = name;
                }
                continue;
            }
            Sample sample;
            try {
                sample = sample(n, line);
            } catch (StringIndexOutOfBoundsException e) {
                throw new Invalid(n, "the line ends inside a sample");
            }
            List<Sample> of = samples.get(sample.name());
            if (of != null && !of.isEmpty() && !sample.name().equals(current)) {
                throw new Invalid(n, "the samples of " + sample.name() + " are not one group");
            }
            current = sample.name();
            if (of == null) {
                of = new ArrayList<>();
                samples.put(sample.name(), of);
            }
            if (!series.add(sample.name() + sample.labels())) {
                throw new Invalid(n, "a second sample of the series " + sample.name() + sample.labels());
            }
            of.add(sample);
        }
        List<Family> families = new ArrayList<>();
        samples.forEach((name, of) -> families.add(new Family(name, help.get(name), type.getOrDefault(name, "untyped"),
                of == null ? List.of() : List.copyOf(of))));
        return families;
    }

    private static Sample sample(int n, String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        requireName(n, name);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int start = i;
                while (i < line.length() && line.charAt(i) != '=') {
                    i++;
                }
                String label = line.substring(start, i);
                if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*") || label.startsWith("__")) {
                    throw new Invalid(n, "bad label name '" + label + "'");
                }
                if (i + 1 >= line.length() || line.charAt(i + 1) != '"') {
                    throw new Invalid(n, "label " + label + " has no quoted value");
                }
                i += 2;
                StringBuilder value = new StringBuilder();
                while (true) {
                    if (i >= line.length()) {
                        throw new Invalid(n, "unterminated value of " + label);
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char e = i < line.length() ? line.charAt(i++) : 0;
                        switch (e) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new Invalid(n, "bad escape \\" + e + " in " + label);
                        }
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new Invalid(n, "label " + label + " twice");
                }
                if (line.charAt(i) == ',') {
                    i++;
                } else if (line.charAt(i) != '}') {
                    throw new Invalid(n, "expected , or } after " + label);
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new Invalid(n, "no value");
        }
        String[] rest = line.substring(i).trim().split(" +");
        if (rest.length > 2) {
            throw new Invalid(n, "more than a value and a timestamp");
        }
        if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) {
            throw new Invalid(n, "bad timestamp " + rest[1]);
        }
        return new Sample(name, labels, goFloat(n, rest[0]));
    }

    private static void requireName(int n, String name) {
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new Invalid(n, "bad metric name '" + name + "'");
        }
    }

    /** Go's strconv.ParseFloat: decimal or hexadecimal, Inf/NaN in any case, an optional sign. */
    private static double goFloat(int n, String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
            }
        }
        if (!t.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?")
                && !t.matches("[+-]?0x[0-9a-f]*\\.?[0-9a-f]*p[+-]?[0-9]+")) {
            throw new Invalid(n, "not a float: " + text);
        }
        return Double.parseDouble(text);
    }

    private static String unescape(int n, String help, boolean quotes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = ++i < help.length() ? help.charAt(i) : 0;
            switch (e) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                default -> {
                    if (quotes && e == '"') {
                        out.append('"');
                    } else {
                        throw new Invalid(n, "bad escape in HELP");
                    }
                }
            }
        }
        return out.toString();
    }
}
