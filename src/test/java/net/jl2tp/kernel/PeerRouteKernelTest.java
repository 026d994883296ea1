package net.jl2tp.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.ffi.NetlinkSocket;
import net.jl2tp.netlink.route.RouteNetlink;
import net.jl2tp.testing.Command;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code --wait-online} rests on: the route lookup from the local address and the kernel's
 * tunnel create agree. For no route and each reject route, IPv4 with UDP and IPv6 with IP
 * encapsulation, {@link PeerRoute} says "no usable route" with the errno that `ip l2tp add tunnel`
 * then fails with; with a route, both succeed. `ip` is the witness of the create.
 */
@KernelTest
class PeerRouteKernelTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "none, 4, no route, 101, Network is unreachable",
        "unreachable, 4, an unreachable route, 113, No route to host",
        "prohibit, 4, a prohibit route, 13, Permission denied",
        "blackhole, 4, a blackhole route, 22, Invalid argument",
        "none, 6, no route, 101, Network is unreachable",
        "unreachable, 6, an unreachable route, 113, No route to host",
        "prohibit, 6, a prohibit route, 13, Permission denied",
        "blackhole, 6, a blackhole route, 22, Invalid argument"})
    void theLookupAndTheTunnelCreateRefuseAlike(String route, int family, String kind, int errno, String strerror)
            throws Exception {
        try (Netns ns = host(); NetlinkSocket socket = NetlinkSocket.route(ns.name())) {
            Path path = new Path(family);
            if (!route.equals("none")) {
                ns.ip("route add " + route + " " + path.prefix);
            }
            assertThat(PeerRoute.lookup(new RouteNetlink(socket), path.remote(), path.local()))
                    .isEqualTo(new PeerRoute.None(kind, errno));
            Command.Result create = ns.tryIp(path.createTunnel());
            assertThat(create.ok()).as(create.describe()).isFalse();
            assertThat(create.stderr()).contains(strerror);

            ns.ip("route replace " + path.prefix + " dev d0");
            assertThat(PeerRoute.lookup(new RouteNetlink(socket), path.remote(), path.local()))
                    .isInstanceOf(PeerRoute.Found.class);
            ns.ip(path.createTunnel());
            assertThat(ns.ip("l2tp show tunnel")).contains("From " + path.localText + " to " + path.remoteText);
        }
    }

    /** A link taken down loses its routes; one up without carrier keeps them, and the tunnel is made. */
    @Test
    void aDownLinksRouteIsNoRouteAndACarrierlessOneIsARoute() throws Exception {
        try (Netns ns = host(); NetlinkSocket socket = NetlinkSocket.route(ns.name())) {
            RouteNetlink route = new RouteNetlink(socket);
            ns.ipBatch("link add d1 type dummy", "link set d1 up", "route add 203.0.113.0/24 dev d1", "link set d1 down");
            assertThat(PeerRoute.lookup(route, ip("203.0.113.9"), ip("192.0.2.1")))
                    .isEqualTo(new PeerRoute.None("no route", Errno.ENETUNREACH));

            ns.ipBatch("link add v0 type veth peer name v1", "link set v0 up", "addr add 198.51.100.1/24 dev v0");
            // The carrier loss reaches the route through the kernel's linkwatch, which may run a moment later.
            String routes = ns.ip("route show dev v0");
            for (long deadline = System.nanoTime() + 10_000_000_000L; !routes.contains("linkdown") && System.nanoTime() < deadline; ) {
                Thread.sleep(100);
                routes = ns.ip("route show dev v0");
            }
            assertThat(routes).as("v0's route, 10 s after v0 came up without its peer").contains("linkdown");
            assertThat(PeerRoute.lookup(route, ip("198.51.100.9"), ip("198.51.100.1"))).isInstanceOf(PeerRoute.Found.class);
            ns.ip("l2tp add tunnel tunnel_id 7 peer_tunnel_id 7 encap udp local 198.51.100.1 remote 198.51.100.9 "
                    + "udp_sport 5007 udp_dport 5007");
            assertThat(ns.ip("l2tp show tunnel")).contains("Tunnel 7");
        }
    }

    /** Why --wait-online asks for a route only once the address is there: IPv4 would say "no route" before. */
    @Test
    void ipv4AnswersNoRouteFromAnAddressItDoesNotHave() throws Exception {
        try (Netns ns = host(); NetlinkSocket socket = NetlinkSocket.route(ns.name())) {
            ns.ip("route add 203.0.113.0/24 dev d0");
            RouteNetlink route = new RouteNetlink(socket);
            assertThat(PeerRoute.lookup(route, ip("203.0.113.9"), ip("192.0.2.1"))).isInstanceOf(PeerRoute.Found.class);
            assertThat(PeerRoute.lookup(route, ip("203.0.113.9"), ip("192.0.2.77")))
                    .isEqualTo(new PeerRoute.None("no route", Errno.ENETUNREACH));
        }
    }

    private static Netns host() {
        Netns ns = Netns.create("peer");
        ns.ipBatch("link add d0 type dummy", "link set d0 up", "addr add 192.0.2.1/24 dev d0",
                "addr add 2001:db8:1::1/64 dev d0 nodad");
        return ns;
    }

    private static InetAddress ip(String text) {
        return IpAddresses.parse(text).orElseThrow();
    }

    /** IPv4 over UDP, or IPv6 over IP encapsulation. */
    private record Path(String localText, String remoteText, String prefix, String encap) {
        Path(int family) {
            this(family == 4 ? "192.0.2.1" : "2001:db8:1::1", family == 4 ? "203.0.113.9" : "2001:db8:9::9",
                    family == 4 ? "203.0.113.0/24" : "2001:db8:9::/64", family == 4 ? "udp" : "ip");
        }

        InetAddress local() {
            return ip(localText);
        }

        InetAddress remote() {
            return ip(remoteText);
        }

        String createTunnel() {
            return "l2tp add tunnel tunnel_id 9 peer_tunnel_id 9 encap " + encap + " local " + localText + " remote "
                    + remoteText + " udp_sport 5009 udp_dport 5009";
        }
    }
}
