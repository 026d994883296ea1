package net.jl2tp.model;

import java.util.HexFormat;
import java.util.Locale;

/**
 * An L2TPv3 cookie, carried in every data packet and checked by the receiver. A config's is 4 or 8
 * bytes (RFC 3931, and all `ip` accepts: {@link #isValidHex}); the kernel takes 1 to 8 bytes over
 * netlink, so a session made by another tool may hold any of those, and reading it must not fail.
 * Kept as lower-case hex so that records compare by value and print the way {@code ip} takes them.
 */
public record Cookie(String hex) {
    public Cookie {
        hex = hex.toLowerCase(Locale.ROOT);
        if (hex.isEmpty() || hex.length() > 16 || hex.length() % 2 != 0 || !isHex(hex)) {
            throw new IllegalArgumentException("a cookie is 1 to 8 bytes of hex, got '" + hex + "'");
        }
    }

    /** A cookie a config may give: 8 or 16 hex digits. */
    public static boolean isValidHex(String text) {
        return (text.length() == 8 || text.length() == 16) && isHex(text);
    }

    /** ASCII hex digits only: Character.digit would take Arabic-Indic or full-width digits too. */
    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Ascii.hexDigit(text.charAt(i)) < 0) {
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
