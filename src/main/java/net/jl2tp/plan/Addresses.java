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
}
