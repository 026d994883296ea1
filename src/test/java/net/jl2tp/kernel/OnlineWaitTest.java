package net.jl2tp.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.netlink.AttributeEncoder;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.route.LinkAddress;
import net.jl2tp.netlink.route.RouteLookup;
import net.jl2tp.netlink.route.RouteNetlink;
import net.jl2tp.netlink.route.Rtnl;
import net.jl2tp.plan.Desired;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.validate.ConfigValidator;
import org.junit.jupiter.api.Test;

/** Which tunnels must wait, from an address dump and the routing table's answers toward their remotes. */
class OnlineWaitTest {
    private static final PeerRoute ROUTED = new PeerRoute.Found(new RouteLookup(ip("203.0.113.9"), 2, null, null, 0,
            Rtnl.RTN_UNICAST));
    private static final OnlineWait.Routes ALWAYS_ROUTED = (remote, local) -> ROUTED;

    static InetAddress ip(String text) {
        return IpAddresses.parse(text).orElseThrow();
    }

    @Test
    void absentTentativeAndFailedAddressesWaitAndAUsableOneDoesNot() throws Exception {
        Desired desired = example("site-a.yaml");

        assertThat(OnlineWait.notReady(desired, all(desired), List.of(), ALWAYS_ROUTED)).containsExactly(Map.entry(3000L,
                same("its local address 192.0.2.1 (absent)")));
        assertThat(OnlineWait.notReady(desired, all(desired), List.of(LinkAddress.of(2, ip("192.0.2.1"), 24)), ALWAYS_ROUTED)).isEmpty();

        Desired v6 = example("ipv6-underlay.yaml");
        LinkAddress tentative = LinkAddress.of(2, ip("2001:db8::1"), 64).withFlags(Rtnl.IFA_F_TENTATIVE);
        LinkAddress failed = LinkAddress.of(2, ip("2001:db8::1"), 64).withFlags(Rtnl.IFA_F_DADFAILED | Rtnl.IFA_F_TENTATIVE);
        assertThat(OnlineWait.notReady(v6, all(v6), List.of(tentative), ALWAYS_ROUTED)).containsExactly(Map.entry(3000L,
                same("its local address 2001:db8::1 (tentative: IPv6 duplicate address detection is still running)")));
        assertThat(OnlineWait.notReady(v6, all(v6), List.of(failed), ALWAYS_ROUTED)).containsExactly(Map.entry(3000L,
                same("its local address 2001:db8::1 (duplicate address detection failed: another host has it)")));
        assertThat(OnlineWait.notReady(v6, all(v6), List.of(LinkAddress.of(2, ip("2001:db8::1"), 64)
                .withFlags(Rtnl.IFA_F_PERMANENT)), ALWAYS_ROUTED)).isEmpty();
    }

    /** IPv4 answers ENETUNREACH from a source it does not have: the address is what is missing, not a route. */
    @Test
    void aTunnelWithoutItsAddressHasNoRouteAskedFor() throws Exception {
        OnlineWait.Routes never = (remote, local) -> {
            throw new AssertionError("route asked for " + remote + " from " + local);
        };
        assertThat(OnlineWait.notReady(example("site-a.yaml"), Set.of(3000L), List.of(), never)).containsOnlyKeys(3000L);
    }

    @Test
    void aTunnelWithItsAddressWaitsForARouteToItsRemoteFromIt() throws Exception {
        Desired desired = routesExample();
        List<LinkAddress> both = List.of(LinkAddress.of(2, ip("192.0.2.1"), 24), LinkAddress.of(3, ip("2001:db8:1::1"), 64));
        Map<String, PeerRoute> answers = new HashMap<>();
        answers.put("192.0.2.2 from 192.0.2.1", ROUTED);
        answers.put("203.0.113.9 from 192.0.2.1", ROUTED);
        answers.put("2001:db8:9::9 from 2001:db8:1::1", new PeerRoute.None("no route", Errno.ENETUNREACH));
        OnlineWait.Routes routes = (remote, local) -> answers.get(IpAddresses.format(remote) + " from " + IpAddresses.format(local));

        assertThat(OnlineWait.notReady(desired, all(desired), both, routes)).containsExactly(Map.entry(3003L, new OnlineWait.NotReady(
                "a route to 2001:db8:9::9 from 2001:db8:1::1 (no route: ENETUNREACH)",
                "no route to 2001:db8:9::9 from 2001:db8:1::1 (ENETUNREACH)")));

        answers.put("2001:db8:9::9 from 2001:db8:1::1", new PeerRoute.None("a prohibit route", Errno.EACCES));
        assertThat(OnlineWait.notReady(desired, all(desired), both, routes)).containsExactly(Map.entry(3003L, new OnlineWait.NotReady(
                "a route to 2001:db8:9::9 from 2001:db8:1::1 (a prohibit route: EACCES)",
                "no route to 2001:db8:9::9 from 2001:db8:1::1 (a prohibit route: EACCES)")));

        answers.put("2001:db8:9::9 from 2001:db8:1::1", new PeerRoute.None("an unreachable route", 0));
        assertThat(OnlineWait.notReady(desired, all(desired), both, routes).get(3003L).waitsFor())
                .isEqualTo("a route to 2001:db8:9::9 from 2001:db8:1::1 (an unreachable route)");

        answers.put("2001:db8:9::9 from 2001:db8:1::1", ROUTED);
        assertThat(OnlineWait.notReady(desired, all(desired), both, routes)).isEmpty();
        assertThat(OnlineWait.notReady(desired, all(desired), both.subList(0, 1), routes)).containsOnlyKeys(3003L);
        answers.put("203.0.113.9 from 192.0.2.1", new PeerRoute.None("no route", Errno.ENETUNREACH));
        assertThat(OnlineWait.notReady(desired, all(desired), both, routes)).as("each tunnel's own answer").containsOnlyKeys(3002L);
    }

    /** The loop on a fake kernel: the address comes, then the route; one line each, and nothing left waiting. */
    @Test
    void aTunnelWaitingForItsAddressThenItsRouteGetsALineForEach() throws Exception {
        Desired desired = example("site-a.yaml");
        AtomicInteger dumps = new AtomicInteger();
        FakeNetlink fake = FakeNetlink.of(request -> switch (request.type()) {
            case Rtnl.RTM_GETADDR -> dumps.incrementAndGet() == 1 ? List.of(FakeNetlink.done())
                    : List.of(address(ip("192.0.2.1")), FakeNetlink.done());
            case Rtnl.RTM_GETROUTE -> dumps.get() < 3 ? List.of(FakeNetlink.error(request, Errno.ENETUNREACH, null))
                    : List.of(route(Rtnl.RTN_UNICAST));
            default -> throw new AssertionError("unexpected request type " + request.type());
        });
        List<String> lines = new ArrayList<>();
        try (var netlink = fake.netlink()) {
            assertThat(OnlineWait.waitFor(desired, all(desired), new RouteNetlink(netlink), Duration.ofSeconds(30), lines::add)).isEmpty();
        }
        assertThat(lines).containsExactly(
                "waiting: tunnel 'to-site-b' (3000) waits for its local address 192.0.2.1 (absent)",
                "waiting: tunnel 'to-site-b' (3000) waits for a route to 192.0.2.2 from 192.0.2.1 (no route: ENETUNREACH)");
        assertThat(dumps).hasValue(3);
    }

    @Test
    void aTunnelStillWithoutARouteAtTheDeadlineIsReturned() throws Exception {
        FakeNetlink fake = FakeNetlink.of(request -> switch (request.type()) {
            case Rtnl.RTM_GETADDR -> List.of(address(ip("192.0.2.1")), FakeNetlink.done());
            case Rtnl.RTM_GETROUTE -> List.of(FakeNetlink.error(request, Errno.EHOSTUNREACH, null));
            default -> throw new AssertionError("unexpected request type " + request.type());
        });
        List<String> lines = new ArrayList<>();
        try (var netlink = fake.netlink()) {
            assertThat(OnlineWait.waitFor(example("site-a.yaml"), Set.of(3000L), new RouteNetlink(netlink), Duration.ZERO, lines::add))
                    .containsExactly(Map.entry(3000L, new OnlineWait.NotReady(
                            "a route to 192.0.2.2 from 192.0.2.1 (an unreachable route: EHOSTUNREACH)",
                            "no route to 192.0.2.2 from 192.0.2.1 (an unreachable route: EHOSTUNREACH)")));
        }
        assertThat(lines).containsExactly("waiting: tunnel 'to-site-b' (3000) waits for a route to 192.0.2.2 from "
                + "192.0.2.1 (an unreachable route: EHOSTUNREACH)");
    }

    /** A tunnel the kernel already has as configured does not wait: nothing is asked for it. */
    @Test
    void onlyTheTunnelsThisRunMakesWait() throws Exception {
        OnlineWait.Routes never = (remote, local) -> {
            throw new AssertionError("route asked for " + remote + " from " + local);
        };
        Desired desired = routesExample();
        assertThat(OnlineWait.notReady(desired, Set.of(), List.of(), never)).isEmpty();
        assertThat(OnlineWait.notReady(desired, Set.of(3003L), List.of(), never)).containsOnlyKeys(3003L);
    }

    private static Set<Long> all(Desired desired) {
        return desired.state().tunnels().keySet();
    }

    private static OnlineWait.NotReady same(String why) {
        return new OnlineWait.NotReady(why, why);
    }

    private static Desired example(String name) throws Exception {
        return DesiredBuilder.build(ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(Path.of("examples", name)))));
    }

    private static Desired routesExample() throws Exception {
        return DesiredBuilder.build(ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(
                Path.of("src/test/resources/wait-online/routes.yaml")))));
    }

    static NetlinkMessage address(InetAddress local) {
        byte[] ifaddrmsg = ByteBuffer.allocate(Rtnl.IFADDRMSG_LENGTH).order(ByteOrder.nativeOrder())
                .put((byte) Rtnl.AF_INET).put((byte) 24).put((byte) 0).put((byte) 0).putInt(2).array();
        return FakeNetlink.multi(Rtnl.RTM_NEWADDR, new AttributeEncoder(ifaddrmsg).inetAddress(Rtnl.IFA_LOCAL, local)
                .inetAddress(Rtnl.IFA_ADDRESS, local).u32(Rtnl.IFA_FLAGS, Rtnl.IFA_F_PERMANENT).encode());
    }

    static NetlinkMessage route(int type) {
        byte[] rtmsg = ByteBuffer.allocate(Rtnl.RTMSG_LENGTH).order(ByteOrder.nativeOrder())
                .put((byte) Rtnl.AF_INET).put((byte) 32).put(7, (byte) type).array();
        return FakeNetlink.reply(Rtnl.RTM_NEWROUTE, 0,
                new AttributeEncoder(rtmsg).inetAddress(Rtnl.RTA_DST, ip("192.0.2.2")).u32(Rtnl.RTA_OIF, 2).encode());
    }
}
