package net.jl2tp.model;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The one parser of interface address text: {@code A/len}, and {@code A peer P/len} (as
 * {@code ip addr add} takes it, the prefix length on the peer). The config reads the parts from
 * their own YAML nodes and wants a message that names the part at fault; the state record reads
 * the whole text as {@link InterfaceAddress#toString} writes it.
 */
public final class AddressSyntax {
    private static final String PEER = " peer ";

    private AddressSyntax() {
    }

    /** Which written part a problem is in: the config points at that part's node. */
    public enum Part { ADDRESS, PEER }

    /** An address, or why the text is not one. */
    public sealed interface Result {
    }

    public record Parsed(InterfaceAddress address) implements Result {
    }

    public record Invalid(Part part, String message) implements Result {
    }

    /**
     * {@code A peer P/len} or {@code A/len}, as {@link InterfaceAddress#toString} writes it. Empty
     * when the text is not of that form; the record's constructor throws IllegalArgumentException
     * when the parts do not fit together (prefix too long, mixed families).
     */
    public static Optional<InterfaceAddress> parse(String text) {
        int peerAt = text.indexOf(PEER);
        String own = peerAt < 0 ? text : text.substring(0, peerAt);
        String prefixed = peerAt < 0 ? text : text.substring(peerAt + PEER.length());
        int slash = prefixed.indexOf('/');
        String last = slash < 0 ? prefixed : prefixed.substring(0, slash);
        String length = slash < 0 ? "" : prefixed.substring(slash + 1);
        Optional<InetAddress> address = IpAddresses.parse(peerAt < 0 ? last : own);
        Optional<InetAddress> peer = peerAt < 0 ? Optional.empty() : IpAddresses.parse(last);
        if (address.isEmpty() || (peerAt >= 0 && peer.isEmpty()) || !isPrefixText(length)) {
            return Optional.empty();
        }
        return Optional.of(new InterfaceAddress(address.get(), Integer.parseInt(length), peer));
    }

    /** {@code 192.0.2.1/24}: the prefix length is required, as in netplan. */
    public static Result prefixed(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new Invalid(Part.ADDRESS, "address '" + text + "' needs a prefix length, like " + text + "/24; "
                    + "for a point-to-point address write { address: " + text + ", peer: PEER }");
        }
        Optional<InetAddress> address = IpAddresses.parse(text.substring(0, slash));
        if (address.isEmpty()) {
            return notAnAddress(text.substring(0, slash));
        }
        return withPrefix(Part.ADDRESS, text.substring(slash + 1), address.get(),
                length -> InterfaceAddress.of(address.get(), length));
    }

    /**
     * The address of a point-to-point pair, checked before its peer is read: it takes no prefix
     * length (that belongs on the peer). Parsed as a host address, for {@link #peerOf}.
     */
    public static Result ownOfPair(String text) {
        if (text.contains("/")) {
            return new Invalid(Part.ADDRESS, "with a peer, the prefix length belongs on the peer "
                    + "(as in 'ip addr add A peer P/len'); write the address without '/'");
        }
        Optional<InetAddress> address = IpAddresses.parse(text);
        return address.isEmpty() ? notAnAddress(text) : new Parsed(InterfaceAddress.of(address.get(), IpAddresses.maxPrefix(address.get())));
    }

    /** {@code P} or {@code P/len} for an address checked by {@link #ownOfPair}; no length means a host peer. */
    public static Result peerOf(InterfaceAddress own, String addressText, String peerText) {
        InetAddress address = own.address();
        int slash = peerText.indexOf('/');
        Optional<InetAddress> peer = IpAddresses.parse(slash < 0 ? peerText : peerText.substring(0, slash));
        if (peer.isEmpty()) {
            return new Invalid(Part.PEER, "peer '" + peerText + "' is not an IPv4 or IPv6 address");
        }
        if (!IpAddresses.sameFamily(address, peer.get())) {
            return new Invalid(Part.PEER, "peer " + peerText + " is " + IpAddresses.family(peer.get())
                    + " but address " + addressText + " is " + IpAddresses.family(address));
        }
        if (slash < 0) {
            return new Parsed(InterfaceAddress.withPeer(address, peer.get(), IpAddresses.maxPrefix(peer.get())));
        }
        return withPrefix(Part.PEER, peerText.substring(slash + 1), peer.get(),
                length -> InterfaceAddress.withPeer(address, peer.get(), length));
    }

    private static Result withPrefix(Part part, String text, InetAddress address,
            java.util.function.IntFunction<InterfaceAddress> make) {
        int max = IpAddresses.maxPrefix(address);
        if (isPrefixText(text) && Integer.parseInt(text) <= max) {
            return new Parsed(make.apply(Integer.parseInt(text)));
        }
        return new Invalid(part, "prefix length '" + text + "' must be a number in 0.." + max + " for "
                + IpAddresses.family(address));
    }

    private static Result notAnAddress(String text) {
        return new Invalid(Part.ADDRESS, "'" + text + "' is not an IPv4 or IPv6 address");
    }

    /** One to three ASCII digits (leading zeros allowed, as ip takes them). */
    private static boolean isPrefixText(String text) {
        return !text.isEmpty() && text.length() <= 3 && Ascii.isDigits(text);
    }
}
