package net.jl2tp.json;

import net.jl2tp.model.Ascii;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON (RFC 8259) into plain Java values: {@code Map<String, Object>} (insertion order),
 * {@code List<Object>}, String, Integer / Long / BigInteger for integers (the smallest that
 * holds the value, as the YAML engine gives them), BigDecimal for any other number, Boolean, and
 * null. A duplicate key, trailing text, a bare control character in a string or nesting deeper than
 * {@link #MAX_DEPTH} is an error.
 *
 * <p>Why not the YAML engine, which reads JSON too: it took 13-18 s for the 4 MB state record of
 * 10 000 sessions under the benchmark's emulated CPU, most of a no-op run. Every error is an
 * IllegalArgumentException naming the line and column; no input makes it throw anything else.
 */
public final class JsonReader {
    /** Deeper than any state record (3 levels); bounds the recursion on hostile input. */
    static final int MAX_DEPTH = 64;
    /**
     * The longest number literal read: a record's numbers are 32-bit ids and small counts. Longer
     * ones are refused before any BigInteger or BigDecimal is built, whose cost grows with the
     * square of the digits (a million digits took seconds and hundreds of MB).
     */
    static final int MAX_NUMBER_LENGTH = 40;

    private final String text;
    private int position;

    private JsonReader(String text) {
        this.text = text;
    }

    /** The one value {@code text} holds, with only whitespace around it. */
    public static Object parse(String text) {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.position < text.length()) {
            throw reader.error("unexpected " + reader.describeNext() + " after the value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        if (position >= text.length()) {
            throw error("a value was expected, the text ends");
        }
        char c = text.charAt(position);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("a value was expected, found " + describeNext());
        }
    }

    private Map<String, Object> object(int depth) {
        position++; // '{'
        Map<String, Object> members = new LinkedHashMap<>();
        if (closesEmpty('}')) {
            return members;
        }
        do {
            skipWhitespace();
            if (peek() != '"') {
                throw error("a key in double quotes was expected, found " + describeNext());
            }
            int keyStart = position;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value(depth + 1);
            if (members.containsKey(key)) {
                position = keyStart;
                throw error("duplicate key \"" + key + "\"");
            }
            members.put(key, value);
        } while (another('}'));
        return members;
    }

    private List<Object> array(int depth) {
        position++; // '['
        List<Object> items = new ArrayList<>();
        if (closesEmpty(']')) {
            return items;
        }
        do {
            skipWhitespace();
            items.add(value(depth + 1));
        } while (another(']'));
        return items;
    }

    /** Just inside '{' or '[': true, past {@code close}, when the object or array is empty. */
    private boolean closesEmpty(char close) {
        skipWhitespace();
        if (peek() == close) {
            position++;
            return true;
        }
        return false;
    }

    /** After a member or item: true past a ',', false past {@code close}; anything else is an error. */
    private boolean another(char close) {
        skipWhitespace();
        if (peek() == ',') {
            position++;
            return true;
        }
        expect(close);
        return false;
    }

    private String string() {
        position++; // opening quote
        StringBuilder out = null;
        int runStart = position;
        while (true) {
            if (position >= text.length()) {
                throw error("the string is not closed");
            }
            char c = text.charAt(position);
            if (c == '"') {
                String run = text.substring(runStart, position);
                position++;
                return out == null ? run : out.append(run).toString();
            }
            if (c < 0x20) {
                throw error("a control character (0x" + Integer.toHexString(c) + ") in a string must be escaped");
            }
            if (c != '\\') {
                position++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder();
            }
            out.append(text, runStart, position);
            position++;
            if (position >= text.length()) {
                throw error("the string is not closed");
            }
            char escaped = text.charAt(position++);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> {
                    position--;
                    throw error("\\" + escaped + " is not a JSON escape");
                }
            }
            runStart = position;
        }
    }

    private char unicodeEscape() {
        if (position + 4 > text.length()) {
            throw error("\\u wants four hex digits");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Ascii.hexDigit(text.charAt(position));
            if (digit < 0) {
                throw error("\\u wants four hex digits");
            }
            value = value * 16 + digit;
            position++;
        }
        return (char) value;
    }

    private Object number() {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
        } else if (!digits()) {
            throw error("a digit was expected, found " + describeNext());
        }
        boolean integer = true;
        if (peek() == '.') {
            integer = false;
            position++;
            if (!digits()) {
                throw error("a digit was expected after the decimal point, found " + describeNext());
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!digits()) {
                throw error("a digit was expected in the exponent, found " + describeNext());
            }
        }
        if (position - start > MAX_NUMBER_LENGTH) {
            int length = position - start;
            position = start;
            throw error("a number of " + length + " characters; numbers here have at most " + MAX_NUMBER_LENGTH);
        }
        String literal = text.substring(start, position);
        if (!integer) {
            try {
                return new BigDecimal(literal);
            } catch (NumberFormatException e) { // an exponent beyond an int
                position = start;
                throw error("the number " + literal + " is out of range");
            }
        }
        if (literal.length() <= 9) {
            return Integer.valueOf(literal);
        }
        BigInteger big = new BigInteger(literal);
        if (big.bitLength() < 32) {
            return big.intValue();
        }
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    /** Skips a run of digits; false when there was none. */
    private boolean digits() {
        int start = position;
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            position++;
        }
        return position > start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            throw error("a value was expected, found " + describeNext());
        }
        position += word.length();
        return value;
    }

    private void expect(char wanted) {
        if (peek() != wanted) {
            throw error("'" + wanted + "' was expected, found " + describeNext());
        }
        position++;
    }

    /** The next character, or 0 at the end (never a valid token start). */
    private char peek() {
        return position < text.length() ? text.charAt(position) : 0;
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private String describeNext() {
        if (position >= text.length()) {
            return "the end of the text";
        }
        char c = text.charAt(position);
        return c < 0x20 || c == 0x7f ? "character 0x" + Integer.toHexString(c) : "'" + c + "'";
    }

    private IllegalArgumentException error(String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new IllegalArgumentException("line " + line + ", column " + (position - lineStart + 1) + ": " + message);
    }
}
