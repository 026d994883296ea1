package net.jl2tp.model;

/**
 * Character tests for syntax checks, ASCII only. The JDK's {@code Character.digit},
 * {@code isDigit} and {@code isLetterOrDigit} (and regex {@code \d}, {@code \w} with Unicode
 * flags) take Arabic-Indic, full-width and other digits too; a value that passes such a check
 * later fails in a codec, the kernel or another tool, after apply has begun.
 */
public final class Ascii {
    private Ascii() {
    }

    /** 0-9. */
    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of an ASCII hex digit (either case), or -1. */
    public static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Whether the text is one or more ASCII digits. */
    public static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A printable ASCII character other than the space: '!' to '~'. */
    public static boolean isVisible(char c) {
        return c > ' ' && c < 0x7f;
    }
}
