package net.jl2tp.plan;

import java.net.Inet6Address;
import net.jl2tp.model.InterfaceAddress;

/** Address rules the planner shares. */
final class Addresses {
    private Addresses() {
    }

    /**
     * IPv6 link-local addresses (fe80::/10) are made by the kernel whenever a link comes up; jl2tp
     * neither removes them nor counts them as a difference unless the config lists one.
     */
    static boolean isKernelMade(InterfaceAddress address) {
        return address.address() instanceof Inet6Address v6 && v6.isLinkLocalAddress() && address.peer().isEmpty();
    }

    /**
     * The kernel drops a link's IPv6 addresses when the link goes down (keep_addr_on_down 0, the
     * default), and one added while it is down may never get its route to a peer: on a link the
     * config wants down, jl2tp neither adds its IPv6 addresses nor counts them missing; they are
     * added when the link comes up. One that is there anyway is left alone.
     */
    static boolean waitsForUp(InterfaceAddress address) {
        return address.address() instanceof Inet6Address && !isKernelMade(address);
    }
}
