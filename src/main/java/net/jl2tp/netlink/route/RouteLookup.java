package net.jl2tp.netlink.route;

import java.net.InetAddress;
import java.util.OptionalInt;

/**
 * The kernel's answer to `ip route get DESTINATION [from SOURCE]`.
 *
 * @param destination the address looked up
 * @param outputIndex RTA_OIF, the interface packets leave by
 * @param gateway RTA_GATEWAY, null for a directly connected destination
 * @param preferredSource RTA_PREFSRC, null if absent
 * @param mtu the route's RTAX_MTU metric, 0 when the route has none (the link's MTU applies)
 * @param type rtm_type ({@code Rtnl.RTN_UNICAST}, or a reject type such as {@code RTN_UNREACHABLE})
 */
public record RouteLookup(InetAddress destination, int outputIndex, InetAddress gateway, InetAddress preferredSource, int mtu,
        int type) {

    public OptionalInt routeMtu() {
        return mtu == 0 ? OptionalInt.empty() : OptionalInt.of(mtu);
    }
}
