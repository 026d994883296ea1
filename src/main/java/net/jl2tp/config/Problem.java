package net.jl2tp.config;

import java.util.Comparator;

/** One thing wrong with the config, tied to the place that caused it. */
public record Problem(SourceMark mark, String message) {
    public static final Comparator<Problem> BY_POSITION = Comparator
            .comparing((Problem p) -> p.mark().file())
            .thenComparingInt(p -> p.mark().line())
            .thenComparingInt(p -> p.mark().column())
            .thenComparing(Problem::message);

    @Override
    public String toString() {
        return mark + ": " + message;
    }
}
