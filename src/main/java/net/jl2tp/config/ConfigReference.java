package net.jl2tp.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's "Config reference" (and the key tables of its link files section), read as data:
 * per config object, the text of each key's row. It is the one place the keys are explained; the
 * JSON Schema's descriptions and defaults are taken from it ({@link ConfigSchema}), and a key
 * with no row there, or a row for a key jl2tp does not read, stops the build.
 *
 * <p>A table belongs to the object path in backquotes in the heading or paragraph before it
 * ({@code l2tp.tunnels.LABEL}); a path segment in capitals is a name the user chooses, kept as
 * {@code *} ({@code l2tp.tunnels.*}).
 */
final class ConfigReference {
    /** One row: what the key is for, as plain text, and its default cell as written. */
    record Row(String text, String defaultCell) {
    }

    /** The rows of one object, and the paragraph that introduces the object. */
    record Table(String path, String intro, Map<String, Row> rows) {
    }

    private static final Pattern PATH = Pattern.compile("`(l2tp(?:\\.[A-Za-z0-9-]+)*)`");
    private static final String START = "## Config reference";
    private static final String END = "## How errors look";
    private static final String ADDRESSES = "### Addresses";

    private final Map<String, Table> tables;
    private final String addresses;

    private ConfigReference(Map<String, Table> tables, String addresses) {
        this.tables = tables;
        this.addresses = addresses;
    }

    /** The tables of the README's text. */
    static ConfigReference parse(String readme) {
        int start = readme.indexOf("\n" + START + "\n");
        int end = readme.indexOf("\n" + END + "\n");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("the README has no '" + START + "' section before '" + END + "'");
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        String path = null;
        String title = null;
        List<String> intro = new ArrayList<>();
        List<String> header = null;
        Map<String, List<String>> cells = new LinkedHashMap<>();
        for (String line : readme.substring(start + 1, end).split("\n", -1)) {
            boolean tableLine = line.startsWith("|");
            if (!tableLine && header != null) { // a table has ended
                tables.put(path, table(path, title, intro, header, cells));
                path = null;
                header = null;
                cells = new LinkedHashMap<>();
            }
            if (line.startsWith("#")) {
                Matcher m = PATH.matcher(line);
                path = m.find() ? wildcard(m.group(1)) : null;
                title = line.replaceFirst("^#+\\s*", "").replaceFirst("\\s*\\(.*$", "");
                intro = new ArrayList<>();
                continue;
            }
            if (tableLine && path != null) {
                List<String> row = cells(line);
                if (header == null) {
                    header = row;
                } else if (!row.get(0).startsWith("---")) {
                    cells.put(row.get(0), row);
                }
            } else if (line.startsWith("`l2tp.")) {
                Matcher m = PATH.matcher(line);
                m.find();
                path = wildcard(m.group(1));
                title = null;
                intro = new ArrayList<>(List.of(line.substring(m.end()).replaceFirst("^:\\s*", "")));
            } else if (path != null && !line.isBlank()) {
                intro.add(line);
            }
        }
        return new ConfigReference(inherited(tables), addressesText(readme.substring(start, end)));
    }

    /** A row that says only "as for a bridge" (a vlan's mtu) is the bridge's row for that key. */
    private static Map<String, Table> inherited(Map<String, Table> tables) {
        Map<String, String> objects = Map.of("a bridge", "l2tp.bridges.*", "a session", "l2tp.tunnels.*.sessions.*",
                "a tunnel", "l2tp.tunnels.*");
        Map<String, Table> out = new LinkedHashMap<>();
        for (Table table : tables.values()) {
            Map<String, Row> rows = new LinkedHashMap<>();
            table.rows().forEach((key, row) -> {
                String other = row.defaultCell().startsWith("as for ") ? objects.get(row.defaultCell().substring(7)) : null;
                Row theirs = other == null || !tables.containsKey(other) ? null : tables.get(other).rows().get(key);
                rows.put(key, theirs == null ? row : theirs);
            });
            out.put(table.path(), new Table(table.path(), table.intro(), rows));
        }
        return out;
    }

    private static String addressesText(String reference) {
        int at = reference.indexOf("\n" + ADDRESSES + "\n");
        if (at < 0) {
            throw new IllegalArgumentException("the README's Config reference has no '" + ADDRESSES + "' section");
        }
        int from = at + ADDRESSES.length() + 2;
        int to = reference.indexOf("\n#", from);
        return plain(String.join(" ", reference.substring(from, to).strip().split("\n")));
    }

    /** The table of the object at {@code path} (as {@code l2tp.tunnels.*}). */
    Table table(String path) {
        Table table = tables.get(path);
        if (table == null) {
            throw new IllegalArgumentException("the README's Config reference has no table for `" + path + "` (tables: "
                    + String.join(", ", tables.keySet()) + ")");
        }
        return table;
    }

    Map<String, Table> tables() {
        return tables;
    }

    /** The text of the "Addresses" section: what an item of {@code addresses} is. */
    String addresses() {
        return addresses;
    }

    /** The key of a row as a default cell gives it: the first word in backquotes, if the cell starts with one. */
    static Optional<String> defaultValue(String cell) {
        Matcher m = Pattern.compile("^`([^`]*)`").matcher(cell);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Table table(String path, String title, List<String> intro, List<String> header,
            Map<String, List<String>> cells) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : cells.entrySet()) {
            List<String> row = e.getValue();
            String text = rowText(header, row);
            String defaultCell = "";
            for (int i = 1; i < header.size() && i < row.size(); i++) {
                if (header.get(i).equals("default")) {
                    defaultCell = row.get(i);
                }
            }
            for (String key : e.getKey().split(",")) {
                rows.put(key.strip().replace("`", ""), new Row(text, defaultCell));
            }
        }
        String introText = intro.isEmpty() ? (title == null ? "" : title) : plain(String.join(" ", intro).strip());
        return new Table(path, introText, rows);
    }

    /** The row as one text: what it means or its rules first, then its default, then its ip command. */
    private static String rowText(List<String> header, List<String> row) {
        List<String> parts = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (int i = 1; i < header.size() && i < row.size(); i++) {
            String column = header.get(i);
            String cell = row.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            switch (column) {
                case "meaning", "rules" -> parts.add(0, sentence(plain(cell)));
                case "required" -> {
                    if (cell.equals("yes")) {
                        parts.add("Required.");
                    }
                }
                case "default" -> parts.add(cell.equals("required") ? "Required."
                        : cell.startsWith("required") ? sentence(plain("R" + cell.substring(1)))
                        : "Default: " + sentence(plain(cell)));
                default -> after.add(plain(column) + ": " + sentence(plain(cell)));
            }
        }
        parts.addAll(after);
        return String.join(" ", parts);
    }

    private static String sentence(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return s;
        }
        return s.endsWith(".") ? s : s + ".";
    }

    /** Markdown to plain text: no backquotes, a link's text without its target. */
    static String plain(String markdown) {
        return markdown.replace("`", "").replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("\\s+", " ").strip();
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> out = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            out.add(cell.strip());
        }
        return out;
    }

    private static String wildcard(String path) {
        return path.replaceAll("\\.[A-Z]+(?=\\.|$)", ".*");
    }
}
