package net.jl2tp.kernel;

import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.netlink.route.LinkAddress;

/** An interface address on the wire (on the link with that ifindex) and in the model. */
final class AddressWire {
    private AddressWire() {
    }

    static LinkAddress toWire(int index, InterfaceAddress a) {
        return new LinkAddress(index, a.address(), a.prefixLength(), a.peer().orElse(null), 0, 0, "");
    }

    /** A point-to-point address has a peer different from its local address; IFA_ADDRESS holds it. */
    static InterfaceAddress fromWire(LinkAddress a) {
        if (a.peer() != null && !a.peer().equals(a.address())) {
            return InterfaceAddress.withPeer(a.address(), a.peer(), a.prefixLength());
        }
        return InterfaceAddress.of(a.address(), a.prefixLength());
    }
}
