package net.jl2tp.config;

/**
 * Where a config node starts: file name as the user gave it, 1-based line and column.
 * Every stage that reports on a config object points here.
 */
public record SourceMark(String file, int line, int column) {
    /** A problem with a whole file (unreadable, empty) points at its first character. */
    public static SourceMark startOf(String file) {
        return new SourceMark(file, 1, 1);
    }

    static SourceMark of(String file, org.snakeyaml.engine.v2.exceptions.Mark mark) {
        return new SourceMark(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
