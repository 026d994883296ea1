package net.jl2tp.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.netlink.AttributeEncoder;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.route.RouteNetlink;
import net.jl2tp.netlink.route.Rtnl;
import net.jl2tp.testing.LinkBuilder;
import org.junit.jupiter.api.Test;

/** The usable-address check on a fake kernel: what the address dump and `ip route get` answer decides. */
class UsableAddressesTest {
    private static final int L2TPETH0 = 5;
    private static final int ETH9 = 7;
    private static final InetAddress LOCAL6 = ip("2001:db8:f::1");
    private static final InetAddress PEER6 = ip("2001:db8:f::2");

    /** What the fake kernel answers: address flags per dump (the last repeats), and the route to the peer. */
    private record Scene(List<Integer> flagsPerDump, Optional<Integer> routeOif, boolean viaGateway) {
    }

    private final AtomicInteger dumps = new AtomicInteger();
    private final List<Duration> slept = new ArrayList<>();
    private int kernelPrefix;
    private InetAddress kernelPeer;

    @Test
    void aPeerAddressWhoseRouteLeavesByItsLinkIsFine() throws Exception {
        assertThat(check(new Scene(List.of(0x80), Optional.of(L2TPETH0), false), peerLink(true))).isEmpty();
    }

    @Test
    void aPeerAddressWithNoRouteToItsPeerIsNamed() throws Exception {
        assertThat(check(new Scene(List.of(0x82), Optional.empty(), false), peerLink(true))).containsExactly(
                "l2tpeth0: address 2001:db8:f::1 peer 2001:db8:f::2/128: no route to the peer 2001:db8:f::2 (ENETUNREACH);"
                        + " an IPv6 peer address added while its link was down, without duplicate address detection,"
                        + " gets no peer route: `ip link set l2tpeth0 down` and apply again");
    }

    @Test
    void aRouteToThePeerByAnotherLinkOrAGatewayIsNamed() throws Exception {
        assertThat(check(new Scene(List.of(0x80), Optional.of(ETH9), false), peerLink(true)))
                .singleElement().asString().contains("the route to the peer 2001:db8:f::2 leaves by eth9, not by l2tpeth0");
        assertThat(check(new Scene(List.of(0x80), Optional.of(L2TPETH0), true), peerLink(true)))
                .singleElement().asString().contains("leaves by l2tpeth0 via 2001:db8:ff::1, not by l2tpeth0");
    }

    @Test
    void aTentativeAddressIsWaitedForUntilItsDuplicateDetectionEnds() throws Exception {
        int tentative = Rtnl.IFA_F_TENTATIVE | Rtnl.IFA_F_PERMANENT;
        assertThat(check(new Scene(List.of(tentative, tentative, 0x80), Optional.of(L2TPETH0), false), peerLink(true)))
                .isEmpty();
        assertThat(dumps).hasValue(3);
        assertThat(slept).hasSize(2);
    }

    @Test
    void anAddressStillTentativeAtTheBoundOrWhoseDetectionFailedIsNamed() throws Exception {
        int tentative = Rtnl.IFA_F_TENTATIVE | Rtnl.IFA_F_PERMANENT;
        assertThat(check(new Scene(List.of(tentative), Optional.of(L2TPETH0), false), peerLink(true))).singleElement()
                .asString().contains("still in IPv6 duplicate address detection after 1 s");
        assertThat(slept).hasSize(10); // 1 s in steps of 100 ms, then no more
        assertThat(check(new Scene(List.of(tentative | Rtnl.IFA_F_DADFAILED), Optional.of(L2TPETH0), false),
                peerLink(true))).singleElement().asString().contains("duplicate address detection failed");
    }

    @Test
    void downLinksAreNotLookedAt() throws Exception {
        assertThat(check(new Scene(List.of(0x80), Optional.empty(), false), peerLink(false))).isEmpty();
        assertThat(dumps).hasValue(0);
    }

    @Test
    void anAddressWithoutAPeerIsWaitedForButHasNoRouteLookedUp() throws Exception {
        int tentative = Rtnl.IFA_F_TENTATIVE | Rtnl.IFA_F_PERMANENT;
        Link plain = LinkBuilder.link("l2tpeth0", LinkKind.SESSION).addresses(List.of(InterfaceAddress.of(LOCAL6, 64)))
                .build();
        // A route lookup would fail (no route in the scene): none is made.
        assertThat(check(new Scene(List.of(tentative, 0x80), Optional.empty(), false), plain, 64, null)).isEmpty();
        assertThat(dumps).hasValue(2);
        assertThat(check(new Scene(List.of(tentative), Optional.empty(), false), plain, 64, null)).singleElement()
                .asString().startsWith("l2tpeth0: address 2001:db8:f::1/64: still in IPv6 duplicate address detection");
    }

    @Test
    void anAddressTheKernelDoesNotHaveIsLeftToThePlanner() throws Exception {
        Link other = LinkBuilder.link("l2tpeth0", LinkKind.SESSION)
                .addresses(List.of(InterfaceAddress.withPeer(ip("2001:db8:e::1"), ip("2001:db8:e::2"), 128))).build();
        assertThat(check(new Scene(List.of(0x80), Optional.empty(), false), other)).isEmpty();
    }

    private List<String> check(Scene scene, Link desiredLink) throws NetlinkException {
        return check(scene, desiredLink, 128, PEER6);
    }

    /** The kernel reports LOCAL6 with this prefix length and peer (null: none). */
    private List<String> check(Scene scene, Link desiredLink, int prefix, InetAddress peer) throws NetlinkException {
        kernelPrefix = prefix;
        kernelPeer = peer;
        dumps.set(0);
        slept.clear();
        FakeNetlink fake = FakeNetlink.of(request -> answer(scene, request));
        NetworkState desired = NetworkState.of(Map.of(), Map.of(), Map.of(desiredLink.name(), desiredLink), Map.of());
        try (var netlink = fake.netlink()) {
            return UsableAddresses.problems(new RouteNetlink(netlink), desired, Duration.ofSeconds(1), slept::add);
        }
    }

    private List<NetlinkMessage> answer(Scene scene, NetlinkMessage request) {
        return switch (request.type()) {
            case Rtnl.RTM_GETLINK -> List.of(link(L2TPETH0, "l2tpeth0"), link(ETH9, "eth9"), FakeNetlink.done());
            case Rtnl.RTM_GETADDR -> {
                List<Integer> flags = scene.flagsPerDump();
                int flag = flags.get(Math.min(dumps.getAndIncrement(), flags.size() - 1));
                yield List.of(address(flag), FakeNetlink.done());
            }
            case Rtnl.RTM_GETROUTE -> scene.routeOif().isEmpty()
                    ? List.of(FakeNetlink.error(request, Errno.ENETUNREACH, null))
                    : List.of(route(scene.routeOif().get(), scene.viaGateway()));
            default -> throw new AssertionError("unexpected request type " + request.type());
        };
    }

    private static Link peerLink(boolean up) {
        return LinkBuilder.link("l2tpeth0", LinkKind.SESSION).up(up)
                .addresses(List.of(InterfaceAddress.withPeer(LOCAL6, PEER6, 128))).build();
    }

    private static NetlinkMessage link(int index, String name) {
        byte[] ifinfomsg = ByteBuffer.allocate(Rtnl.IFINFOMSG_LENGTH).order(ByteOrder.nativeOrder())
                .putInt(4, index).putInt(8, Rtnl.IFF_UP).array();
        return FakeNetlink.multi(Rtnl.RTM_NEWLINK, new AttributeEncoder(ifinfomsg).string(Rtnl.IFLA_IFNAME, name).encode());
    }

    private NetlinkMessage address(int flags) {
        byte[] ifaddrmsg = ByteBuffer.allocate(Rtnl.IFADDRMSG_LENGTH).order(ByteOrder.nativeOrder())
                .put((byte) Rtnl.AF_INET6).put((byte) kernelPrefix).put((byte) 0).put((byte) 0).putInt(L2TPETH0).array();
        AttributeEncoder e = new AttributeEncoder(ifaddrmsg);
        if (kernelPeer != null) {
            e.inetAddress(Rtnl.IFA_LOCAL, LOCAL6).inetAddress(Rtnl.IFA_ADDRESS, kernelPeer);
        } else {
            e.inetAddress(Rtnl.IFA_ADDRESS, LOCAL6); // IPv6 without a peer: IFA_ADDRESS alone, as the kernel sends it
        }
        return FakeNetlink.multi(Rtnl.RTM_NEWADDR, e.u32(Rtnl.IFA_FLAGS, flags).encode());
    }

    private static NetlinkMessage route(int oif, boolean viaGateway) {
        byte[] rtmsg = ByteBuffer.allocate(Rtnl.RTMSG_LENGTH).order(ByteOrder.nativeOrder())
                .put((byte) Rtnl.AF_INET6).put((byte) 128).array();
        AttributeEncoder e = new AttributeEncoder(rtmsg).inetAddress(Rtnl.RTA_DST, PEER6).u32(Rtnl.RTA_OIF, oif);
        if (viaGateway) {
            e.inetAddress(Rtnl.RTA_GATEWAY, ip("2001:db8:ff::1"));
        }
        return FakeNetlink.reply(Rtnl.RTM_NEWROUTE, 0, e.encode());
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
