package net.jl2tp.config;

import java.util.Map;

/**
 * The source marks of one config object: where the object itself is declared and where each of
 * its keys' values stands, so that a problem with a field points at that field's value.
 */
public record Marks(SourceMark self, Map<String, SourceMark> values) {
    public Marks {
        values = Map.copyOf(values);
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
}
