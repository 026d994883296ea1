package net.jl2tp.model;

import java.util.HexFormat;
import java.util.Locale;

/**
 * An L2TPv3 cookie: 4 or 8 bytes carried in every data packet and checked by the receiver.
 * Kept as lower-case hex so that records compare by value and print the way {@code ip} takes them.
 */
public record Cookie(String hex) {
    public Cookie {
        hex = hex.toLowerCase(Locale.ROOT);
        if (!isValidHex(hex)) {
            throw new IllegalArgumentException("a cookie is 8 or 16 hex digits, got '" + hex + "'");
        }
    }

    public static boolean isValidHex(String text) {
        if (text.length() != 8 && text.length() != 16) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    public int length() {
        return hex.length() / 2;
    }

    @Override
    public String toString() {
        return hex;
    }
}
