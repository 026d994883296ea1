package net.jl2tp.model;

import java.net.InetAddress;
import java.util.Optional;

/**
 * An address on an interface: {@code ip addr add ADDRESS/PREFIX} or, with a peer,
 * {@code ip addr add ADDRESS peer PEER/PREFIX} (a point-to-point address whose prefix belongs to
 * the peer).
 */
public record InterfaceAddress(InetAddress address, int prefixLength, Optional<InetAddress> peer) {
    public InterfaceAddress {
        if (prefixLength < 0 || prefixLength > IpAddresses.maxPrefix(address)) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range");
        }
        peer.ifPresent(p -> {
            if (!IpAddresses.sameFamily(address, p)) {
                throw new IllegalArgumentException("address and peer of different families");
            }
        });
    }

    public static InterfaceAddress of(InetAddress address, int prefixLength) {
        return new InterfaceAddress(address, prefixLength, Optional.empty());
    }

    public static InterfaceAddress withPeer(InetAddress address, InetAddress peer, int prefixLength) {
        return new InterfaceAddress(address, prefixLength, Optional.of(peer));
    }

    /** As {@code ip} writes it: {@code 192.0.2.1/24} or {@code 192.0.2.1 peer 192.0.2.2/32}. */
    @Override
    public String toString() {
        return peer.map(p -> IpAddresses.format(address) + " peer " + IpAddresses.format(p) + "/" + prefixLength)
                .orElseGet(() -> IpAddresses.format(address) + "/" + prefixLength);
    }
}
