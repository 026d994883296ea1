package net.jl2tp.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Strict parsing of IP address literals. {@link InetAddress#getByName} would resolve host names
 * (a DNS query from a config validator) and accepts inet_aton forms such as {@code 10.1}; neither
 * belongs in a network config, so the text is checked first and only literals reach it.
 */
public final class IpAddresses {
    private IpAddresses() {
    }

    public static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        return parseV4(text);
    }

    private static Optional<InetAddress> parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return Optional.empty(); // leading zeros read as octal by some tools: refuse
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c < '0' || c > '9') {
                    return Optional.empty();
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(byBytes(bytes));
    }

    private static Optional<InetAddress> parseV6(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c == ':' || c == '.' || Character.digit(c, 16) >= 0;
            if (!ok) {
                return Optional.empty(); // also refuses zone ids ('%') and brackets
            }
        }
        try {
            InetAddress address = InetAddress.getByName(text); // a pure literal: no lookup
            return address instanceof Inet6Address ? Optional.of(address) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public static InetAddress byBytes(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address is 4 or 16 bytes, got " + bytes.length, e);
        }
    }

    public static int maxPrefix(InetAddress address) {
        return address instanceof Inet4Address ? 32 : 128;
    }

    public static String family(InetAddress address) {
        return address instanceof Inet4Address ? "IPv4" : "IPv6";
    }

    public static boolean sameFamily(InetAddress a, InetAddress b) {
        return a.getClass() == b.getClass();
    }

    /** The canonical text: dotted quad, or RFC 5952 compressed IPv6. */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        return formatV6(address.getAddress());
    }

    private static String formatV6(byte[] b) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(words[i]));
        }
        return out.toString();
    }
}
