package net.jl2tp.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    @Test
    void readsEveryKindOfValue() {
        Object value = JsonReader.parse(" {\"s\": \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", "
                + "\"n\": [0, -1, 2147483647, 2147483648, -9223372036854775808, 9223372036854775808, 1.5, -2e3],"
                + "\r\n\t\"t\": true, \"f\": false, \"z\": null, \"e\": {}, \"l\": []} ");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "a\"b\\c/d\b\f\n\r\té\ud83d\ude00");
        expected.put("n", List.of(0, -1, 2147483647, 2147483648L, Long.MIN_VALUE, new BigInteger("9223372036854775808"),
                new BigDecimal("1.5"), new BigDecimal("-2e3")));
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        expected.put("e", Map.of());
        expected.put("l", List.of());
        assertThat(value).isEqualTo(expected);
    }

    @Test
    void integersComeAsTheSmallestTypeThatHoldsThem() {
        assertThat(JsonReader.parse("7")).isInstanceOf(Integer.class);
        assertThat(JsonReader.parse("-2147483648")).isInstanceOf(Integer.class);
        assertThat(JsonReader.parse("4294967295")).isInstanceOf(Long.class).isEqualTo(4294967295L);
        assertThat(JsonReader.parse("-9223372036854775809")).isInstanceOf(BigInteger.class);
    }

    @Test
    void keysKeepTheirOrder() {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) JsonReader.parse("{\"z\": 1, \"a\": 2, \"m\": 3}");

        assertThat(map.keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        String deepest = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);

        assertThat(JsonReader.parse(deepest)).isInstanceOf(List.class);
    }

    @Test
    void nestingPastTheLimitIsAnErrorNotAStackOverflow() {
        String tooDeep = "[".repeat(100_000);

        assertThatThrownBy(() -> JsonReader.parse(tooDeep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 1, column 66: nested deeper than 64 levels");
    }

    @Test
    void aStringWithoutEscapesIsOneSubstring() {
        String plain = "x".repeat(10_000);

        assertThat(JsonReader.parse("\"" + plain + "\"")).isEqualTo(plain);
    }

    /** Each malformed text with the exact message, line and column it gives. */
    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                         | line 1, column 1: a value was expected, the text ends",
        "`   `                      | line 1, column 4: a value was expected, the text ends",
        "`{} x`                     | line 1, column 4: unexpected 'x' after the value",
        "`{\"a\": 1,\n \"a\": 2}`   | line 2, column 2: duplicate key \"a\"",
        "`{\"a\" 1}`                | line 1, column 6: ':' was expected, found '1'",
        "`{\"a\": 1,}`              | line 1, column 9: a key in double quotes was expected, found '}'",
        "`{'a': 1}`                 | line 1, column 2: a key in double quotes was expected, found '''",
        "`{\"a\": 1`                | line 1, column 8: '}' was expected, found the end of the text",
        "`[1,]`                     | line 1, column 4: a value was expected, found ']'",
        "`[1 2]`                    | line 1, column 4: ']' was expected, found '2'",
        "`\"abc`                    | line 1, column 5: the string is not closed",
        "`\"a\tb\"`                 | line 1, column 3: a control character (0x9) in a string must be escaped",
        "`\"\\x\"`                  | line 1, column 3: \\x is not a JSON escape",
        "`\"\\u12\"`                | line 1, column 4: \\u wants four hex digits",
        "`\"\\u٠٠٤١\"`              | line 1, column 4: \\u wants four hex digits",
        "`\"\\u００４１\"`              | line 1, column 4: \\u wants four hex digits",
        "`[12345678901234567890123456789012345678901]` | line 1, column 2: a number of 41 characters; numbers here have at most 40",
        "`\"\\`                     | line 1, column 3: the string is not closed",
        "`01`                       | line 1, column 2: unexpected '1' after the value",
        "`-`                        | line 1, column 2: a digit was expected, found the end of the text",
        "`1.`                       | line 1, column 3: a digit was expected after the decimal point, found the end of the text",
        "`1e+`                      | line 1, column 4: a digit was expected in the exponent, found the end of the text",
        "`[1e99999999999]`          | line 1, column 2: the number 1e99999999999 is out of range",
        "`tru`                      | line 1, column 1: a value was expected, found 't'",
        "`NaN`                      | line 1, column 1: a value was expected, found 'N'",
        "`+1`                       | line 1, column 1: a value was expected, found '+'",
        "`[\u0001]`                 | line 1, column 2: a value was expected, found character 0x1",
    })
    void malformedTextIsAnErrorWithItsPlace(String text, String message) {
        assertThatThrownBy(() -> JsonReader.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void anyPrefixOfAValidTextIsAnErrorNeverAnotherException() {
        String text = "{\"a\": [1, -2.5e3, \"x\\u0041\\n\", true, false, null, {\"b\": {}}]}";
        List<String> failures = new ArrayList<>();
        for (int end = 0; end < text.length(); end++) {
            String prefix = text.substring(0, end);
            try {
                JsonReader.parse(prefix);
                failures.add("parsed: " + prefix);
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).matches("line 1, column \\d+: .+");
            }
        }
        assertThat(failures).as("every proper prefix is incomplete").isEmpty();
        assertThat(JsonReader.parse(text)).isInstanceOf(Map.class);
    }
}
