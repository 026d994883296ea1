package net.jl2tp.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The numbers a link's end gets when the file does not give them. Each depends only on the
 * link's label and the site's name, so every host computes the same ones, in every version, and
 * adding or removing other links changes none. Written down in the README; never change it
 * (a new derivation would need a new prefix than {@code jl2tp-link-v1}).
 */
public final class LinkDerivation {
    private static final String PREFIX = "jl2tp-link-v1";
    private static final long IDS = 0xFFFF_FFFFL; // 1..4294967295
    private static final long PORTS = 65536 - 1024; // 1024..65535

    private LinkDerivation() {
    }

    /**
     * H(kind, link, site): the first 8 bytes, big-endian unsigned, of SHA-256 over the UTF-8 of
     * {@code "jl2tp-link-v1" \0 kind \0 link \0 site}.
     */
    static long hash(String kind, String link, String site) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((PREFIX + "\0" + kind + "\0" + link + "\0" + site)
                    .getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public static long tunnelId(String link, String site) {
        return 1 + Long.remainderUnsigned(hash("tunnel-id", link, site), IDS);
    }

    public static long sessionId(String link, String site) {
        return 1 + Long.remainderUnsigned(hash("session-id", link, site), IDS);
    }

    public static int udpPort(String link, String site) {
        return (int) (1024 + Long.remainderUnsigned(hash("udp-port", link, site), PORTS));
    }

    /** 16 lower-case hex digits: an 8-byte cookie. */
    public static String cookie(String link, String site) {
        return String.format("%016x", hash("cookie", link, site));
    }
}
