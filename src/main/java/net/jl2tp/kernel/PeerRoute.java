package net.jl2tp.kernel;

import java.net.InetAddress;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.route.RouteLookup;
import net.jl2tp.netlink.route.RouteNetlink;
import net.jl2tp.netlink.route.Rtnl;

/**
 * The routing table's answer to {@code ip route get DESTINATION from SOURCE}, where "there is no
 * usable route" is an answer, not a failure. A tunnel's socket connects to its remote from its
 * local address with the same lookup, and the kernel refuses the tunnel with the lookup's errno:
 * ENETUNREACH with no route, EHOSTUNREACH at an unreachable route, EACCES at a prohibit route,
 * EINVAL at a blackhole route (measured on Linux 6.1, UDP and IP encapsulation, IPv4 and IPv6;
 * see the README's kernel facts). Asking {@code from} the local address matters: a policy rule
 * may route that source elsewhere than the main table.
 */
public sealed interface PeerRoute {

    /** A route packets can leave by. */
    record Found(RouteLookup lookup) implements PeerRoute {
    }

    /**
     * No usable route.
     *
     * @param kind what the kernel met: "no route", "an unreachable route", ...
     * @param errno the lookup's errno; 0 when the kernel answered with a route of a reject type
     */
    record None(String kind, int errno) implements PeerRoute {
        /** {@code no route: ENETUNREACH}, {@code a prohibit route: EACCES}. */
        public String detail() {
            return errno == 0 ? kind : kind + ": " + Errno.name(errno);
        }

        /** Plain absence of a route (ENETUNREACH), as opposed to a route that rejects. */
        public boolean plain() {
            return errno == Errno.ENETUNREACH;
        }

        /** After "no route to X": {@code ENETUNREACH} alone, or what rejected it ({@code a prohibit route: EACCES}). */
        public String afterNoRoute() {
            return plain() ? Errno.name(errno) : detail();
        }
    }

    /** Asks the kernel; errors other than the four that mean "no usable route" are thrown. */
    static PeerRoute lookup(RouteNetlink route, InetAddress destination, InetAddress source) throws NetlinkException {
        RouteLookup found;
        try {
            found = route.routeGet(destination, source);
        } catch (NetlinkException e) {
            String kind = switch (e.errno()) {
                case Errno.ENETUNREACH -> "no route";
                case Errno.EHOSTUNREACH -> "an unreachable route";
                case Errno.EACCES -> "a prohibit route"; // RTM_GETROUTE needs no privilege: not a permission error
                case Errno.EINVAL -> "a blackhole route";
                default -> null;
            };
            if (kind == null) {
                throw e;
            }
            return new None(kind, e.errno());
        }
        // Linux 6.1 answers these with an error, not a route; a kernel that answers with the route is read the same.
        return switch (found.type()) {
            case Rtnl.RTN_UNREACHABLE -> new None("an unreachable route", 0);
            case Rtnl.RTN_PROHIBIT -> new None("a prohibit route", 0);
            case Rtnl.RTN_BLACKHOLE -> new None("a blackhole route", 0);
            case Rtnl.RTN_THROW -> new None("a throw route", 0);
            default -> new Found(found);
        };
    }
}
