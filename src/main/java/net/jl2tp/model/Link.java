package net.jl2tp.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network interface's settings that jl2tp manages. In the desired state {@code mtu} may be empty
 * (leave it as the kernel has it); in the live state everything is as read.
 *
 * @param vlan the parent link and id of a vlan, empty for other kinds
 * @param master the bridge this link is a port of, empty for none
 */
public record Link(String name, LinkKind kind, Optional<VlanOf> vlan, OptionalInt mtu, boolean up,
        Optional<String> master, List<InterfaceAddress> addresses) {
    public Link {
        addresses = List.copyOf(addresses);
    }

    /** A vlan's place: on which link, with which 802.1Q id. */
    public record VlanOf(String link, int id) {
    }
}
