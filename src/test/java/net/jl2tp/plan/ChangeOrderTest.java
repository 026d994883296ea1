package net.jl2tp.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.jl2tp.config.SourceMark;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;
import net.jl2tp.testing.LinkBuilder;
import net.jl2tp.testing.TunnelBuilder;
import org.junit.jupiter.api.Test;

class ChangeOrderTest {
    static final Optional<SourceMark> NONE = Optional.empty();

    static Link bridge(String name) {
        return LinkBuilder.link(name, LinkKind.BRIDGE).build();
    }

    static Link vlan(String name, String on, int id) {
        return LinkBuilder.link(name, LinkKind.VLAN).vlanOf(on, id).build();
    }

    static List<String> sorted(List<Change> changes, Map<String, Link> want, Map<String, Link> live) {
        return ChangeOrder.sort(changes, want, live).stream().map(Change::summary).toList();
    }

    /** Names chosen so that by name alone each list would come out the other way round. */
    @Test
    void vlansAreMadeParentsFirstAndDeletedChildrenFirst() {
        Link z = bridge("z");
        Link m = vlan("m", "z", 10);
        Link a = vlan("a", "m", 20);
        Map<String, Link> links = Map.of("z", z, "m", m, "a", a);
        List<Change> changes = List.of(
                new Change.CreateLink(m, "", NONE), new Change.CreateLink(a, "", NONE), new Change.CreateLink(z, "", NONE),
                new Change.DeleteLink(z, Optional.empty(), "", NONE), new Change.DeleteLink(m, Optional.empty(), "", NONE),
                new Change.DeleteLink(a, Optional.empty(), "", NONE));

        assertThat(sorted(changes, links, Map.of())).containsExactly(
                "delete vlan a", "delete vlan m", "delete bridge z",
                "create bridge z", "create vlan m (vlan 10 on z)", "create vlan a (vlan 20 on m)");
        assertThat(sorted(changes, Map.of(), links)).as("a link the config no longer has stands where the kernel has it")
                .containsExactly("delete vlan a", "delete vlan m", "delete bridge z",
                        "create bridge z", "create vlan m (vlan 10 on z)", "create vlan a (vlan 20 on m)");
    }

    /**
     * Two vlans that swap places in the config (the kernel has b on a, the config a on b): both are
     * deleted and made again, deleted as the kernel stacks them (b first: a's delete would take b
     * with it) and made as the config stacks them (b first).
     */
    @Test
    void vlansThatSwapPlacesAreDeletedAsTheKernelStacksThemAndMadeAsTheConfigDoes() {
        Link parent = bridge("p");
        Link aOnP = vlan("a", "p", 10);
        Link bOnA = vlan("b", "a", 20);
        Link bOnP = vlan("b", "p", 20);
        Link aOnB = vlan("a", "b", 10);
        Map<String, Link> live = Map.of("p", parent, "a", aOnP, "b", bOnA);
        Map<String, Link> want = Map.of("p", parent, "b", bOnP, "a", aOnB);
        List<Change> changes = List.of(
                new Change.DeleteLink(aOnP, Optional.empty(), "", NONE), new Change.DeleteLink(bOnA, Optional.empty(), "", NONE),
                new Change.CreateLink(aOnB, "", NONE), new Change.CreateLink(bOnP, "", NONE));

        assertThat(sorted(changes, want, live)).containsExactly("delete vlan b", "delete vlan a",
                "create vlan b (vlan 20 on p)", "create vlan a (vlan 10 on b)");
    }

    /** Ids are unsigned 32-bit numbers: 9 before 10 before 4294967295, as numbers, not as text. */
    @Test
    void insideAPhaseTunnelsThenSessionsThenLinksEachByKey() {
        List<Change> changes = List.of(
                adopt(new ObjectRef.LinkRef("a")),
                adopt(new ObjectRef.SessionRef(new SessionKey(10, 1))),
                adopt(new ObjectRef.SessionRef(new SessionKey(9, 4294967295L))),
                adopt(new ObjectRef.TunnelRef(4294967295L)),
                adopt(new ObjectRef.TunnelRef(10)),
                adopt(new ObjectRef.TunnelRef(9)));

        assertThat(sorted(changes, Map.of(), Map.of())).containsExactly(
                "adopt tunnel 9", "adopt tunnel 10", "adopt tunnel 4294967295",
                "adopt session 4294967295 in tunnel 9", "adopt session 1 in tunnel 10", "adopt link a");
    }

    @Test
    void phasesRunInTheirOrderAndOneObjectsChangesInAPhaseKeepTheirWrittenOrder() {
        InetAddress local = IpAddresses.parse("192.0.2.1").orElseThrow();
        Tunnel tunnel = TunnelBuilder.tunnel().encap(Encap.IP).local(local).remote("192.0.2.2").udpSourcePort(0)
                .udpDestinationPort(0).build();
        InterfaceAddress second = new InterfaceAddress(IpAddresses.parse("198.51.100.2").orElseThrow(), 24,
                Optional.empty());
        InterfaceAddress first = new InterfaceAddress(IpAddresses.parse("198.51.100.1").orElseThrow(), 24,
                Optional.empty());
        List<Change> changes = List.of(
                new Change.AddAddress("br0", second, "", NONE),
                new Change.AddAddress("br0", first, "", NONE),
                new Change.SetUp("br0", true, "", NONE),
                new Change.SetMaster("br0", Optional.empty(), Optional.of("br1"), "", NONE),
                new Change.SetMtu("br0", OptionalInt.empty(), 1400, "", NONE),
                new Change.CreateTunnel(tunnel, "", NONE),
                new Change.DeleteTunnel(tunnel, "", NONE));

        assertThat(sorted(changes, Map.of(), Map.of())).containsExactly(
                "delete tunnel 3000",
                "create tunnel 3000 (" + Change.Describe.tunnel(tunnel) + ")",
                "attach br0 to bridge br1",
                "set br0 mtu 1400",
                "set br0 up",
                "add address 198.51.100.2/24 to br0",
                "add address 198.51.100.1/24 to br0");
    }

    static Change adopt(ObjectRef ref) {
        return new Change.Adopt(ref, NetworkState.empty(), "", NONE);
    }
}
