package net.jl2tp.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The bytes a pseudowire adds around each Ethernet frame, as the kernel counts them when it sets a
 * new session interface's MTU (l2tp_eth.c): outer IP header, UDP header (UDP encap only), L2TPv3
 * session header, the cookie this end sends, the L2-specific sublayer, and the inner Ethernet
 * header. The peer's cookie is not sent by this end and does not count (measured on Linux 6.1).
 */
public record EncapOverhead(boolean ipv6, Encap encap, int cookieBytes, L2specType l2spec) {
    public static final int ETHERNET_HEADER = 14;

    public EncapOverhead {
        if (cookieBytes != 0 && cookieBytes != 4 && cookieBytes != 8) {
            throw new IllegalArgumentException("a cookie is 0, 4 or 8 bytes, not " + cookieBytes);
        }
    }

    public static EncapOverhead of(Tunnel tunnel, Session session) {
        return new EncapOverhead(tunnel.isIpv6(), tunnel.encap(), session.cookie().map(Cookie::length).orElse(0),
                session.l2specType().orElse(L2specType.DEFAULT));
    }

    /** One named part of the overhead: {@code UDP 8}. */
    public record Part(String name, int bytes) {
        @Override
        public String toString() {
            return name + " " + bytes;
        }
    }

    /** The parts that add bytes, outermost first. */
    public List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        parts.add(ipv6 ? new Part("IPv6", 40) : new Part("IPv4", 20));
        if (encap == Encap.UDP) {
            parts.add(new Part("UDP", 8));
        }
        // Over UDP the session header has a 4-byte reserved word before the session id (RFC 3931 4.1.2.1).
        parts.add(new Part("L2TPv3", encap == Encap.UDP ? 8 : 4));
        if (cookieBytes > 0) {
            parts.add(new Part("cookie", cookieBytes));
        }
        if (l2spec.headerBytes() > 0) {
            parts.add(new Part("l2spec", l2spec.headerBytes()));
        }
        parts.add(new Part("Ethernet", ETHERNET_HEADER));
        return parts;
    }

    public int total() {
        return parts().stream().mapToInt(Part::bytes).sum();
    }

    /** The session interface MTU that fits a frame in one packet of {@code underlayMtu} bytes. */
    public int sessionMtu(int underlayMtu) {
        return underlayMtu - total();
    }

    /** {@code 54: IPv4 20 + UDP 8 + L2TPv3 8 + l2spec 4 + Ethernet 14}. */
    public String explain() {
        return total() + ": " + String.join(" + ", parts().stream().map(Part::toString).toList());
    }
}
