package net.jl2tp.validate;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.jl2tp.config.SourceMark;

/**
 * The first value seen under each key, and where it was written: a later claim of the same key
 * gets the first back, for a message that says "already used by ... at MARK".
 */
final class FirstSeen<K, V> {
    /** A value and its mark. */
    record Seen<V>(V value, SourceMark mark) {
    }

    private final Map<K, Seen<V>> first = new HashMap<>();

    /** Empty when {@code key} is new (then it is remembered), otherwise the first claim of it. */
    Optional<Seen<V>> claim(K key, V value, SourceMark mark) {
        return Optional.ofNullable(first.putIfAbsent(key, new Seen<>(value, mark)));
    }
}
