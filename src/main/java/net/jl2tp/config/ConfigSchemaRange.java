package net.jl2tp.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A regular expression for the decimal text of the whole numbers in a range, as jl2tp reads a
 * number (NodeReader.number: digits, no leading zero, an optional minus): the schema's branch for
 * a number written as a string ({@code tunnel-id: "3000"}, as templates render it), which must
 * admit exactly the text jl2tp accepts, range included.
 */
final class ConfigSchemaRange {
    private ConfigSchemaRange() {
    }

    /** The anchored pattern of {@code min..max}, both at least 0; {@code -0} is 0 to jl2tp, so it is in when 0 is. */
    static String pattern(long min, long max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("a range of whole numbers from 0 up: " + min + ".." + max);
        }
        List<String> alternatives = new ArrayList<>();
        long from = min;
        if (from == 0) {
            alternatives.add("-?0");
            from = 1;
        }
        // One alternative per count of digits: the numbers of one length are a range of strings.
        for (int digits = length(from); from <= max; digits++) {
            long top = Math.min(max, power(digits) - 1);
            alternatives.add(sameLength(Long.toString(from), Long.toString(top)));
            from = top + 1;
            if (top == Long.MAX_VALUE) {
                break;
            }
        }
        return "^(" + String.join("|", alternatives) + ")$";
    }

    /** The strings of digits from {@code low} to {@code high}, both of one length, as a pattern. */
    private static String sameLength(String low, String high) {
        int length = low.length();
        if (low.equals("0".repeat(length)) && high.equals("9".repeat(length))) {
            return any(length);
        }
        char a = low.charAt(0);
        char b = high.charAt(0);
        String lowRest = low.substring(1);
        String highRest = high.substring(1);
        if (a == b) {
            return a + sameLength(lowRest, highRest);
        }
        int rest = lowRest.length();
        if (lowRest.equals("0".repeat(rest)) && highRest.equals("9".repeat(rest))) {
            return digit(a, b) + any(rest);
        }
        List<String> parts = new ArrayList<>();
        parts.add(a + sameLength(lowRest, "9".repeat(rest)));
        if (b - a > 1) {
            parts.add(digit((char) (a + 1), (char) (b - 1)) + any(rest));
        }
        parts.add(b + sameLength("0".repeat(rest), highRest));
        return "(" + String.join("|", parts) + ")";
    }

    private static String digit(char from, char to) {
        return from == to ? String.valueOf(from) : "[" + from + "-" + to + "]";
    }

    private static String any(int digits) {
        return digits == 0 ? "" : digits == 1 ? "[0-9]" : "[0-9]{" + digits + "}";
    }

    private static int length(long n) {
        return Long.toString(n).length();
    }

    private static long power(int digits) {
        return digits >= 19 ? Long.MAX_VALUE : (long) Math.pow(10, digits);
    }
}
