package net.jl2tp.model;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Strict parsing of IP address literals, in ASCII, without any resolver call: the text is parsed
 * here into bytes, and only {@link InetAddress#getByAddress} (which never looks anything up) makes
 * the address. {@link InetAddress#getByName} would resolve host names (a DNS query from a config
 * validator, or from reading the state record) and accepts inet_aton forms such as {@code 10.1};
 * neither belongs in a network config.
 */
public final class IpAddresses {
    /** The longest IPv6 text: eight groups of four, or six and a dotted quad (45 characters). */
    private static final int MAX_V6_TEXT = 45;

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
        byte[] bytes = new byte[4];
        return dottedQuad(text, bytes, 0) ? Optional.of(byBytes(bytes)) : Optional.empty();
    }

    /** Four decimal parts 0..255 without leading zeros, written into {@code out} at {@code at}. */
    private static boolean dottedQuad(String text, byte[] out, int at) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false; // leading zeros read as octal by some tools: refuse
            }
            if (!Ascii.isDigits(part)) {
                return false;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return false;
            }
            out[at + i] = (byte) value;
        }
        return true;
    }

    /**
     * RFC 4291 text: eight groups of 1-4 hex digits, one "::" for a run of zero groups, an IPv4
     * dotted quad in the last 32 bits. Parsed here, byte by byte: {@code InetAddress.getByName}
     * asks the name service for anything that is not a literal to it ({@code .1:2}), and takes
     * zone ids and brackets. An IPv4-mapped address ({@code ::ffff:192.0.2.1}) is refused: the
     * JDK turns it into an IPv4 address, which is not what was written.
     */
    private static Optional<InetAddress> parseV6(String text) {
        if (text.length() > MAX_V6_TEXT) {
            return Optional.empty();
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        if (gap < 0) {
            if (groups(text, bytes, 0, true) != 16) {
                return Optional.empty();
            }
        } else {
            String head = text.substring(0, gap);
            String tail = text.substring(gap + 2);
            byte[] after = new byte[16];
            int headBytes = head.isEmpty() ? 0 : groups(head, bytes, 0, false);
            int tailBytes = tail.isEmpty() ? 0 : groups(tail, after, 0, true);
            if (headBytes < 0 || tailBytes < 0 || headBytes + tailBytes > 14) {
                return Optional.empty(); // "::" stands for one group or more
            }
            System.arraycopy(after, 0, bytes, 16 - tailBytes, tailBytes);
        }
        InetAddress address = byBytes(bytes);
        return address instanceof Inet6Address ? Optional.of(address) : Optional.empty();
    }

    /** "1:2:3" or, when {@code last}, "1:2:192.0.2.1" into {@code out}: the bytes written, or -1. */
    private static int groups(String text, byte[] out, int at, boolean last) {
        String[] groups = text.split(":", -1);
        int written = at;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (last && i == groups.length - 1 && group.indexOf('.') >= 0) {
                if (written + 4 > out.length || !dottedQuad(group, out, written)) {
                    return -1;
                }
                written += 4;
                continue;
            }
            if (group.isEmpty() || group.length() > 4 || written + 2 > out.length) {
                return -1;
            }
            int value = 0;
            for (int j = 0; j < group.length(); j++) {
                int digit = Ascii.hexDigit(group.charAt(j));
                if (digit < 0) {
                    return -1; // also refuses zone ids ('%') and brackets
                }
                value = value * 16 + digit;
            }
            out[written++] = (byte) (value >> 8);
            out[written++] = (byte) value;
        }
        return written - at;
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
