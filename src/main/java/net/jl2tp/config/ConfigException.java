package net.jl2tp.config;

import java.util.List;

/** The config cannot be used; carries every problem found, not only the first. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;
    private final transient SourceFiles sources;

    public ConfigException(List<Problem> problems, SourceFiles sources) {
        super(problems.isEmpty() ? "invalid config" : problems.get(0).toString(), null, false, false);
        this.problems = List.copyOf(problems);
        this.sources = sources;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The text of the files read, so a printer can show the offending line under each problem. */
    public SourceFiles sources() {
        return sources;
    }
}
