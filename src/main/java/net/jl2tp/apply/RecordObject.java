package net.jl2tp.apply;

import net.jl2tp.json.JsonReader;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One object of a state record's tree (as JsonReader or the YAML engine gives it), read field by
 * field with the type and range each must have. Anything else is an IllegalArgumentException
 * that names the object and the field: never a ClassCastException, never a number cut to fit
 * ({@code (int)} of 2^32 + 1 is 1), never a fraction rounded.
 */
final class RecordObject {
    private final Map<?, ?> fields;
    private final String where;

    private RecordObject(Map<?, ?> fields, String where) {
        this.fields = fields;
        this.where = where;
    }

    /** The tree's root, which must be an object. */
    static RecordObject root(Object tree) {
        if (!(tree instanceof Map<?, ?> map)) {
            throw unreadable("the record", "is not a JSON object but " + describe(tree));
        }
        return new RecordObject(map, "the record");
    }

    Object raw(String key) {
        return fields.get(key);
    }

    /** The objects of a list; a missing list is an empty one (fixtures write only what they need). */
    List<RecordObject> objects(String key) {
        List<RecordObject> out = new ArrayList<>();
        List<?> items = listOrEmpty(key);
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String itemWhere = key + "[" + i + "]";
            if (!(item instanceof Map<?, ?> map)) {
                throw unreadable(itemWhere, "is not a JSON object but " + describe(item));
            }
            out.add(new RecordObject(map, itemWhere));
        }
        return out;
    }

    /** A nested object; missing is an error. */
    RecordObject object(String key) {
        Object value = fields.get(key);
        if (!(value instanceof Map<?, ?> map)) {
            throw field(key, value == null ? "is missing" : "is " + describe(value) + ", not a JSON object");
        }
        return new RecordObject(map, where + "." + key);
    }

    /** The tree under {@code key}, as parsed, for a reader of its own (a nested state). */
    Object tree(String key) {
        Object value = fields.get(key);
        if (value == null) {
            throw field(key, "is missing");
        }
        return value;
    }

    /** The strings of a list; missing or null is empty. */
    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Object item : listOrEmpty(key)) {
            if (!(item instanceof String text)) {
                throw field(key, "holds " + describe(item) + " where a string belongs");
            }
            out.add(text);
        }
        return out;
    }

    /** An object of string values; missing or null is empty. */
    TreeMap<String, String> stringMap(String key) {
        TreeMap<String, String> out = new TreeMap<>();
        Object value = fields.get(key);
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw field(key, "is " + describe(value) + ", not a JSON object");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof String text)) {
                throw field(key, "holds " + describe(e.getValue()) + " for '" + e.getKey() + "' where a string belongs");
            }
            out.put(name, text);
        }
        return out;
    }

    String string(String key) {
        return optionalString(key).orElseThrow(() -> field(key, "is missing"));
    }

    Optional<String> optionalString(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw field(key, "is " + describe(value) + ", not a string");
        }
        return Optional.of(text);
    }

    boolean bool(String key) {
        Object value = fields.get(key);
        if (!(value instanceof Boolean b)) {
            throw field(key, value == null ? "is missing" : "is " + describe(value) + ", not true or false");
        }
        return b;
    }

    long whole(String key, long min, long max) {
        return optionalWhole(key, min, max).orElseThrow(() -> field(key, "is missing"));
    }

    Optional<Long> optionalWhole(String key, long min, long max) {
        Object value = fields.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
            throw field(key, "is " + describe(value) + ", not a whole number in " + min + ".." + max);
        }
        BigInteger number = value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue());
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw field(key, "is " + number + ", not in " + min + ".." + max);
        }
        return Optional.of(number.longValue());
    }

    /** An error about a field of this object, for what the record holds there. */
    IllegalArgumentException field(String key, String what) {
        return unreadable(where, "'" + key + "' " + what);
    }

    private List<?> listOrEmpty(String key) {
        Object value = fields.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw field(key, "is " + describe(value) + ", not a list");
        }
        return list;
    }

    private static IllegalArgumentException unreadable(String where, String what) {
        return new IllegalArgumentException("unreadable record: " + where + ": " + what);
    }

    /** What a value is, for messages: its kind and, when short, itself. */
    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String kind = value instanceof String ? "the string" : value instanceof Boolean ? "the boolean"
                : value instanceof Number ? "the number" : value instanceof List ? "a list"
                : value instanceof Map ? "an object" : "a " + value.getClass().getSimpleName();
        if (value instanceof List || value instanceof Map) {
            return kind;
        }
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return kind + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
