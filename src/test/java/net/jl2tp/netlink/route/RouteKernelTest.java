package net.jl2tp.netlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkReply;
import net.jl2tp.netlink.TwoHosts;
import net.jl2tp.netlink.ffi.NetlinkSocket;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;

/** Every rtnetlink request, sent to a real kernel in a fresh namespace, does what `ip` shows. */
@KernelTest
class RouteKernelTest {
    private TwoHosts hosts;
    private Netns a;
    private NetlinkSocket socket;
    private RouteNetlink route;

    @BeforeEach
    void hostWithAVeth() throws Exception {
        hosts = TwoHosts.create();
        a = hosts.a;
        socket = NetlinkSocket.route(a.name());
        route = new RouteNetlink(socket);
    }

    @AfterEach
    void cleanUp() {
        if (socket != null) {
            socket.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    private int index(String name) throws NetlinkException {
        return route.link(name).orElseThrow(() -> new AssertionError("no link " + name)).index();
    }

    /** A name lookup, not a dump: a link that is there, and ENODEV as empty for one that is not. */
    @Test
    void linkByName() throws Exception {
        Link pw0 = route.link("pw0").orElseThrow();
        assertThat(a.ip("-o link show pw0")).startsWith(pw0.index() + ": pw0@");
        assertThat(route.link("nosuch0")).isEmpty();
    }

    /**
     * The kernel fact batching rests on: the requests of one datagram are each handled and answered
     * in order, and a refused one does not stop the ones after it.
     */
    @Test
    void eachRequestOfADatagramIsAnsweredAndARefusalDoesNotStopTheRest() throws Exception {
        int pw0 = index("pw0");
        List<NetlinkReply> replies = route.executeAll(List.of(
                LinkCodec.setMtu(pw0, 1400), LinkCodec.setMtu(pw0, 10), LinkCodec.setUp(pw0, true), LinkCodec.get("nosuch0")));

        assertThat(replies).extracting(NetlinkReply::succeeded).containsExactly(true, false, true, false);
        assertThat(replies.get(1).error().orElseThrow().errno()).isEqualTo(Errno.EINVAL);
        assertThat(replies.get(1).error().orElseThrow().extackMessage()).isPresent();
        assertThat(replies.get(3).error().orElseThrow().errno()).isEqualTo(Errno.ENODEV);
        assertThat(a.ip("-o link show pw0")).contains("mtu 1400").contains(",UP");
    }

    @Test
    void bridgeVlanMasterMtuUpDownAndDelete() throws Exception {
        route.createBridge("br0", 0);
        assertThat(a.ip("-d link show br0")).contains("bridge forward_delay");
        route.createVlan("pw0.5", index("pw0"), 5);
        assertThat(a.ip("-d link show pw0.5")).contains("pw0.5@pw0").contains("vlan protocol 802.1Q id 5");
        Link vlan = route.link("pw0.5").orElseThrow();
        assertThat(vlan.kind()).isEqualTo("vlan");
        assertThat(vlan.vlanId()).isEqualTo(5);
        assertThat(vlan.parentIndex()).isEqualTo(index("pw0"));

        route.setMtu(vlan.index(), 1400);
        assertThat(a.ip("link show pw0.5")).contains("mtu 1400");
        route.setMaster(vlan.index(), index("br0"));
        assertThat(a.ip("link show pw0.5")).contains("master br0");
        assertThat(route.link("pw0.5").orElseThrow().masterIndex()).isEqualTo(index("br0"));
        route.setMaster(vlan.index(), 0);
        assertThat(a.ip("link show pw0.5")).doesNotContain("master");

        route.setUp(index("br0"), true);
        assertThat(a.ip("link show br0")).containsPattern("<[^>]*\\bUP\\b");
        assertThat(route.link("br0").orElseThrow().isAdministrativelyUp()).isTrue();
        route.setUp(index("br0"), false);
        assertThat(a.ip("link show br0")).doesNotContainPattern("<[^>]*\\bUP\\b");

        route.deleteLink(vlan.index());
        assertThat(a.tryIp("link show pw0.5").ok()).isFalse();
        route.createBridge("br1", 1400);
        assertThat(a.ip("link show br1")).contains("mtu 1400");
    }

    @Test
    void addressesPrefixPeerAndIpv6() throws Exception {
        int pw0 = index("pw0");
        LinkAddress prefix = LinkAddress.of(pw0, InetAddress.getByName("203.0.113.1"), 24);
        LinkAddress peer = LinkAddress.withPeer(pw0, InetAddress.getByName("198.51.100.1"), InetAddress.getByName("198.51.100.2"));
        LinkAddress v6 = LinkAddress.of(pw0, InetAddress.getByName("2001:db8:2::1"), 64).withFlags(Rtnl.IFA_F_NODAD);
        route.addAddress(prefix);
        route.addAddress(peer);
        route.addAddress(v6);
        String shown = a.ip("addr show dev pw0");
        assertThat(shown).contains("inet 203.0.113.1/24").contains("inet 198.51.100.1 peer 198.51.100.2/32")
                .contains("inet6 2001:db8:2::1/64");
        assertThat(route.addresses()).extracting(LinkAddress::describe)
                .contains("203.0.113.1/24", "198.51.100.1 peer 198.51.100.2/32", "2001:db8:2:0:0:0:0:1/64");

        assertThatThrownBy(() -> route.addAddress(prefix)).isInstanceOfSatisfying(NetlinkException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST));
        route.deleteAddress(prefix);
        route.deleteAddress(peer);
        route.deleteAddress(v6);
        assertThat(a.ip("addr show dev pw0")).doesNotContain("203.0.113.1").doesNotContain("198.51.100.1").doesNotContain("2001:db8:2::1");
    }

    @Test
    void routeGetGivesTheRoutesMtuAndOutputInterface() throws Exception {
        a.ip("route add 198.51.100.0/24 via 192.0.2.2 dev pw0 mtu 1400");
        RouteLookup r = route.routeGet(InetAddress.getByName("198.51.100.9"), InetAddress.getByName("192.0.2.1"));
        assertThat(r.outputIndex()).isEqualTo(index("pw0"));
        assertThat(r.gateway()).isEqualTo(InetAddress.getByName("192.0.2.2"));
        assertThat(r.mtu()).isEqualTo(1400);
        RouteLookup direct = route.routeGet(InetAddress.getByName("192.0.2.2"), null);
        assertThat(direct.gateway()).isNull();
        assertThat(direct.routeMtu()).isEmpty();
        assertThatThrownBy(() -> route.routeGet(InetAddress.getByName("203.0.113.9"), null))
                .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENETUNREACH));
    }

    @Test
    void changingAMissingLinkIsENODEV() {
        assertThatThrownBy(() -> route.setMtu(9999, 1400)).isInstanceOfSatisfying(NetlinkException.class, e -> {
            assertThat(e.errno()).isEqualTo(Errno.ENODEV);
            assertThat(e.getMessage()).startsWith("set mtu 1400 on ifindex 9999: ENODEV (No such device)");
        });
    }
}
