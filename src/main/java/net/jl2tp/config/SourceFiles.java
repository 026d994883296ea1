package net.jl2tp.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The lines of every file read, by the name used in marks, for showing a caret under a problem. */
public final class SourceFiles {
    private final Map<String, List<String>> linesByFile = new LinkedHashMap<>();

    void add(String file, String text) {
        linesByFile.put(file, List.of(text.split("\r?\n", -1)));
    }

    /** The 1-based line of a file, if that file's text was read (unreadable files have none). */
    public Optional<String> line(String file, int line) {
        List<String> lines = linesByFile.get(file);
        if (lines == null || line < 1 || line > lines.size()) {
            return Optional.empty();
        }
        return Optional.of(lines.get(line - 1));
    }
}
