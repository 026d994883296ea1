package net.jl2tp.config;

import java.util.Map;
import java.util.Set;

/**
 * The source marks of one config object: where the object itself is declared and where each of
 * its keys' values stands, so that a problem with a field points at that field's value.
 */
public record Marks(SourceMark self, Map<String, SourceMark> values, Set<String> derived) {
    public Marks {
        values = Map.copyOf(values);
        derived = Set.copyOf(derived);
    }

    /** The marks of an object read from a file: every value written. */
    public Marks(SourceMark self, Map<String, SourceMark> values) {
        this(self, values, Set.of());
    }

    public static Marks at(SourceMark self) {
        return new Marks(self, Map.of());
    }

    /** The mark of a key's value, or of the object when the key is absent (a default applies). */
    public SourceMark of(String key) {
        return values.getOrDefault(key, self);
    }

    public SourceMark of(ConfigKey<?> key) {
        return of(key.yaml());
    }

    public boolean has(ConfigKey<?> key) {
        return values.containsKey(key.yaml());
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * Whether the key's value was derived from a link's label and a site name rather than written
     * (a problem with it then says how to choose another).
     */
    public boolean isDerived(ConfigKey<?> key) {
        return derived.contains(key.yaml());
    }
}
