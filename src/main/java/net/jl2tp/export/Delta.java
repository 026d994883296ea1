package net.jl2tp.export;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.jl2tp.model.Counter;
import net.jl2tp.model.Counters;

/**
 * How far each counter moved between two samples (diagnose), or since the object was made (status:
 * the cumulative counters are a delta from zero). A counter unknown in either sample is unknown
 * here. {@code reset} when any counter went back: the object was deleted and made again between the
 * samples, and no delta can be told.
 */
public record Delta(Counters moved, boolean reset) {

    public static Delta between(Counters before, Counters after) {
        boolean reset = false;
        for (Counter c : Counter.values()) {
            if (before.get(c).isPresent() && after.get(c).isPresent()
                    && after.get(c).getAsLong() < before.get(c).getAsLong()) {
                reset = true;
            }
        }
        Counters moved = Counters.from(c -> before.get(c).isPresent() && after.get(c).isPresent()
                ? OptionalLong.of(Math.max(0, after.get(c).getAsLong() - before.get(c).getAsLong()))
                : OptionalLong.empty());
        return new Delta(moved, reset);
    }

    /** The cumulative counters, as a delta since the object was made. */
    public static Delta since(Counters counters) {
        return new Delta(counters, false);
    }

    public OptionalLong get(Counter counter) {
        return moved.get(counter);
    }

    /** Whether the counter is known to have moved. */
    public boolean moving(Counter counter) {
        return moved.get(counter).orElse(0) > 0;
    }

    /** Whether the counter is known and did not move. */
    public boolean flat(Counter counter) {
        return moved.get(counter).isPresent() && moved.get(counter).getAsLong() == 0;
    }

    public long value(Counter counter) {
        return moved.get(counter).orElse(0);
    }

    /** The counters the kernel did not report. */
    public List<Counter> unknown() {
        List<Counter> unknown = new ArrayList<>();
        for (Counter c : Counter.values()) {
            if (moved.get(c).isEmpty()) {
                unknown.add(c);
            }
        }
        return unknown;
    }
}
