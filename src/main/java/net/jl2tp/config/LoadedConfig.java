package net.jl2tp.config;

import java.util.List;

/**
 * A config as read from its files, with their text kept for pointing at lines later, and the
 * problems found while reading. Objects with a problem are still in the config where they could be
 * read at all, so that validation can report its own findings in the same run.
 */
public record LoadedConfig(L2tpConfig config, SourceFiles sources, List<Problem> problems) {
    public LoadedConfig {
        problems = List.copyOf(problems);
    }
}
