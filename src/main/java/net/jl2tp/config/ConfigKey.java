package net.jl2tp.config;

import java.util.function.Predicate;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * One row of a config object's key table: the key as written in YAML, the record component its
 * value fills, how the value is read from its node, what it is when absent, and the range it must
 * be in (checked at the node, so a value out of range is reported where it is written).
 * {@link #toString} is the YAML key, for messages.
 */
public final class ConfigKey<T> {
    /** Reads a key's value from its node; {@code owner} names the mapping, as messages say it. */
    @FunctionalInterface
    interface ValueReader<T> {
        T read(NodeReader read, Node value, String key, String owner);
    }

    /**
     * A range the value must be in, and what the message says when it is not; {@code minimum} and
     * {@code maximum} are the range as numbers, for the JSON Schema ({@link ConfigSchema}).
     */
    record Check<T>(Predicate<T> ok, String message, long minimum, long maximum) {
        /** A whole number in {@code minimum..maximum}. */
        static Check<Long> range(long minimum, long maximum, String message) {
            return new Check<>(v -> v >= minimum && v <= maximum, message, minimum, maximum);
        }
    }

    private final String yaml;
    private final String component;
    private final boolean required;
    private final ValueReader<T> reader;
    private final T whenAbsent;
    private final Check<T> check;

    ConfigKey(String yaml, String component, boolean required, ValueReader<T> reader, T whenAbsent, Check<T> check) {
        this.yaml = yaml;
        this.component = component;
        this.required = required;
        this.reader = reader;
        this.whenAbsent = whenAbsent;
        this.check = check;
    }

    /** The same key read another way (a session's mtu may be auto). */
    ConfigKey<T> readBy(ValueReader<T> other) {
        return new ConfigKey<>(yaml, component, required, other, whenAbsent, check);
    }

    public String yaml() {
        return yaml;
    }

    /** The name of the record component this key fills, as a validator's property path names it. */
    public String component() {
        return component;
    }

    boolean required() {
        return required;
    }

    ValueReader<T> reader() {
        return reader;
    }

    T whenAbsent() {
        return whenAbsent;
    }

    Check<T> check() {
        return check;
    }

    @Override
    public String toString() {
        return yaml;
    }
}
