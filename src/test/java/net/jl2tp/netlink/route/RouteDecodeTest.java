package net.jl2tp.netlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jl2tp.netlink.AttributeEncoder;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.Fixtures;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;

/** Decoding the kernel's real answers, captured by capture-rtnl.sh on the host kernel. */
class RouteDecodeTest {

    /** The captured dump as the fake kernel's answer to whatever the product asks. */
    private static RouteNetlink replaying(String fixture) throws NetlinkProtocolException {
        List<NetlinkMessage> captured = Fixtures.messages(fixture);
        return new RouteNetlink(FakeNetlink.of(req -> captured).netlink());
    }

    @Test
    void linkDumpGivesNamesIndexesKindsAndParents() throws Exception {
        List<Link> links = replaying("replies/link-dump.hex").links();
        assertThat(links).extracting(Link::name).containsExactly("lo", "pw1", "pw0", "br0");
        assertThat(links.get(3).kind()).isEqualTo("bridge");
        Link lo = links.get(0);
        assertThat(lo.index()).isEqualTo(1);
        assertThat(lo.mtu()).isEqualTo(65536);
        assertThat(lo.kind()).isNull();
        assertThat(lo.isAdministrativelyUp()).isTrue();
        Link pw0 = links.get(2);
        assertThat(pw0.index()).isEqualTo(3);
        assertThat(pw0.kind()).isEqualTo("veth");
        assertThat(pw0.parentIndex()).isEqualTo(2);
        assertThat(pw0.masterIndex()).isZero();
        assertThat(pw0.macAddress()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    }

    @Test
    void linkDumpGivesTheInterfacesOwnCountersAsIpShowsThem() throws Exception {
        // Captured in the VM (capture-diagnose.sh): pw1 with MTU 1000 refused b's two 1242-byte frames;
        // `ip -s -j link show dev pw1` before and after the dump: rx 12 then 13 packets (1164 then 1246
        // bytes), 2 errors, 2 dropped; tx 3 packets, 294 bytes.
        Link pw1 = replaying("replies/link-dump-l2tp-stats.hex").links().stream()
                .filter(l -> l.name().equals("pw1")).findFirst().orElseThrow();
        assertThat(pw1.stats()).isNotNull();
        assertThat(pw1.stats().rxPackets()).isEqualTo(13);
        assertThat(pw1.stats().rxErrors()).isEqualTo(2);
        assertThat(pw1.stats().rxDropped()).isEqualTo(2);
        assertThat(pw1.stats().txPackets()).isEqualTo(3);
        assertThat(pw1.stats().txDropped()).isZero();
        assertThat(pw1.stats().rxBytes()).isEqualTo(1246);
        assertThat(pw1.stats().txBytes()).isEqualTo(294);
    }

    @Test
    void aStats64TooShortIsAProtocolError() {
        assertThatThrownBy(() -> LinkStats.decode(new byte[40])).isInstanceOf(NetlinkProtocolException.class)
                .hasMessageContaining("IFLA_STATS64 of 40 bytes");
    }

    @Test
    void addressDumpGivesPrefixesAndLabels() throws Exception {
        List<LinkAddress> addresses = replaying("replies/addr-dump.hex").addresses();
        assertThat(addresses).extracting(LinkAddress::describe).contains("127.0.0.1/8", "192.0.2.1/24", "0:0:0:0:0:0:0:1/128", "2001:db8:1:0:0:0:0:1/64");
        assertThat(addresses).filteredOn(a -> a.describe().equals("192.0.2.1/24")).singleElement().satisfies(a -> {
            assertThat(a.index()).isEqualTo(3);
            assertThat(a.label()).isEqualTo("pw0");
            assertThat(a.peer()).isNull();
        });
    }

    @Test
    void routeGetGivesOutputInterfaceGatewayAndMtuMetric() throws Exception {
        RouteLookup r = replaying("replies/route-get-ipv4.hex").routeGet(InetAddress.getByName("198.51.100.2"), InetAddress.getByName("192.0.2.1"));
        assertThat(r.outputIndex()).isEqualTo(3);
        assertThat(r.gateway()).isEqualTo(InetAddress.getByName("192.0.2.254"));
        assertThat(r.mtu()).isEqualTo(1400);
        assertThat(r.type()).as("rtm_type").isEqualTo(Rtnl.RTN_UNICAST);
        RouteLookup v6 = replaying("replies/route-get-ipv6.hex").routeGet(InetAddress.getByName("2001:db8:2::2"), InetAddress.getByName("2001:db8:1::1"));
        assertThat(v6.outputIndex()).isEqualTo(3);
        assertThat(v6.routeMtu()).hasValue(1380);
        assertThat(v6.type()).as("rtm_type").isEqualTo(Rtnl.RTN_UNICAST);
        assertThat(v6.gateway()).isEqualTo(InetAddress.getByName("2001:db8:1::fe"));
    }

    @Test
    void routeGetWithoutRouteIsENETUNREACH() {
        assertThatThrownBy(() -> replaying("replies/route-get-unreachable.hex").routeGet(InetAddress.getByName("203.0.113.9"), null))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENETUNREACH);
                    assertThat(e.getMessage()).isEqualTo("look up the route to 203.0.113.9: ENETUNREACH (Network is unreachable)");
                });
    }

    @Test
    void wrongMessageTypeIsAProtocolError() {
        NetlinkMessage notALink = new NetlinkMessage(Rtnl.RTM_NEWADDR, 0, 0, 0, new byte[8]);
        assertThatThrownBy(() -> LinkCodec.decode(notALink)).isInstanceOf(NetlinkProtocolException.class);
        NetlinkMessage truncated = new NetlinkMessage(Rtnl.RTM_NEWLINK, 0, 0, 0, new byte[8]);
        assertThatThrownBy(() -> LinkCodec.decode(truncated)).isInstanceOf(NetlinkProtocolException.class).hasMessageContaining("no ifinfomsg");
    }

    /** Once a LinkAddress that the model refused later with an IllegalArgumentException. */
    @Test
    void aPrefixLengthLongerThanTheAddressIsAProtocolError() throws Exception {
        assertThatThrownBy(() -> AddressCodec.decode(address(Rtnl.AF_INET6, 200, "2001:db8::1", null)))
                .isInstanceOf(NetlinkProtocolException.class)
                .hasMessageContaining("the kernel reported prefix length 200 for the 128-bit address 2001:db8:0:0:0:0:0:1");
        assertThatThrownBy(() -> AddressCodec.decode(address(Rtnl.AF_INET, 33, "192.0.2.1", null)))
                .isInstanceOf(NetlinkProtocolException.class).hasMessageContaining("prefix length 33 for the 32-bit");
        assertThat(AddressCodec.decode(address(Rtnl.AF_INET6, 128, "2001:db8::1", null)).prefixLength()).isEqualTo(128);
        assertThat(AddressCodec.decode(address(Rtnl.AF_INET, 32, "192.0.2.1", null)).prefixLength()).isEqualTo(32);
    }

    @Test
    void aPeerOfAnotherFamilyIsAProtocolError() {
        assertThatThrownBy(() -> AddressCodec.decode(address(Rtnl.AF_INET, 24, "192.0.2.1", "2001:db8::2")))
                .isInstanceOf(NetlinkProtocolException.class).hasMessageContaining("of another family");
    }

    private static NetlinkMessage address(int family, int prefix, String local, String peer) throws Exception {
        AttributeEncoder e = new AttributeEncoder(AddressCodec.ifaddrmsg(family, prefix, 0, 0, 7))
                .inetAddress(Rtnl.IFA_LOCAL, InetAddress.getByName(local));
        if (peer != null) {
            e.inetAddress(Rtnl.IFA_ADDRESS, InetAddress.getByName(peer));
        }
        return new NetlinkMessage(Rtnl.RTM_NEWADDR, 0, 0, 0, e.encode());
    }

    /** The state record reads an mtu as 0..2^31-1: a larger one from the kernel would make a record it cannot read. */
    @Test
    void anMtuAbove2To31IsAProtocolError() {
        byte[] payload = new AttributeEncoder(new byte[Rtnl.IFINFOMSG_LENGTH]).string(Rtnl.IFLA_IFNAME, "x")
                .u32(Rtnl.IFLA_MTU, 0x8000_0000L).encode();
        assertThatThrownBy(() -> LinkCodec.decode(new NetlinkMessage(Rtnl.RTM_NEWLINK, 0, 0, 0, payload)))
                .isInstanceOf(NetlinkProtocolException.class).hasMessageContaining("the kernel reported MTU 2147483648 for 'x'");
    }
}
