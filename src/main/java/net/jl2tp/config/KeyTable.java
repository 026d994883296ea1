package net.jl2tp.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys one kind of config mapping allows, each with its reader: the only place a key is
 * spelled. Unknown-key messages list them in this order.
 */
public final class KeyTable {
    /** For objects without keys of their own (a bridge port is a list item). */
    static final KeyTable NONE = new KeyTable();

    private final List<ConfigKey<?>> keys = new ArrayList<>();
    /** The words of {@code ip l2tp} and {@code ip link} for a key, for "did you mean". */
    private final Map<String, ConfigKey<?>> ipWords = new HashMap<>();
    /** Made on first use, after the table's class has added every key. */
    private Set<String> names;

    <T> ConfigKey<T> required(String yaml, String component, ConfigKey.ValueReader<T> reader) {
        return add(new ConfigKey<>(yaml, component, true, reader, null, null));
    }

    <T> ConfigKey<T> required(String yaml, String component, ConfigKey.ValueReader<T> reader,
            ConfigKey.Check<T> check) {
        return add(new ConfigKey<>(yaml, component, true, reader, null, check));
    }

    <T> ConfigKey<T> optional(String yaml, String component, ConfigKey.ValueReader<T> reader) {
        return add(new ConfigKey<>(yaml, component, false, reader, null, null));
    }

    <T> ConfigKey<T> optional(String yaml, String component, ConfigKey.ValueReader<T> reader,
            ConfigKey.Check<T> check) {
        return add(new ConfigKey<>(yaml, component, false, reader, null, check));
    }

    /** An optional list: empty when the key is absent. */
    <E> ConfigKey<List<E>> list(String yaml, String component, ConfigKey.ValueReader<List<E>> reader) {
        return add(new ConfigKey<>(yaml, component, false, reader, List.of(), null));
    }

    /** Records what {@code ip} calls a key: a user who writes that word is told this key. */
    void ipWords(ConfigKey<?> key, String... words) {
        for (String word : words) {
            ipWords.put(word, key);
        }
    }

    /** The key an {@code ip} word (lower case) stands for in this table. */
    Optional<String> byIpWord(String word) {
        return Optional.ofNullable(ipWords.get(word)).map(ConfigKey::yaml);
    }

    /** A key shared with other tables ({@link InterfaceKeys}). */
    <T> ConfigKey<T> include(ConfigKey<T> key) {
        return add(key);
    }

    private <T> ConfigKey<T> add(ConfigKey<T> key) {
        keys.add(key);
        return key;
    }

    /** The rows, in table order (the JSON Schema lists them so). */
    List<ConfigKey<?>> keys() {
        return Collections.unmodifiableList(keys);
    }

    /** The YAML keys, in table order. */
    Set<String> names() {
        if (names == null) {
            Set<String> all = new LinkedHashSet<>();
            keys.forEach(k -> all.add(k.yaml()));
            names = Collections.unmodifiableSet(all);
        }
        return names;
    }

    /** The key that fills a record component: how a validator's finding is placed. */
    public Optional<ConfigKey<?>> byComponent(String component) {
        return keys.stream().filter(k -> k.component().equals(component)).findFirst();
    }
}
