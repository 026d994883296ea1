package net.jl2tp.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;
import net.jl2tp.testing.LinkBuilder;
import net.jl2tp.testing.SessionBuilder;
import net.jl2tp.testing.TunnelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RestoreTest {
    static final Tunnel T1 = TunnelBuilder.tunnel().tunnelId(1).peerTunnelId(11).build();
    static final Tunnel T2 = TunnelBuilder.tunnel().tunnelId(2).peerTunnelId(22).udpSourcePort(5002).build();
    /** Made by jl2tp with no l2spec sublayer: only the record knows. */
    static final Session S11 = SessionBuilder.session().tunnelId(1).sessionId(1).interfaceName("l2tp11")
            .l2specType(L2specType.NONE).build();
    static final Session S12 = SessionBuilder.session().tunnelId(1).sessionId(2).interfaceName("l2tp12").build();
    static final Session S21 = SessionBuilder.session().tunnelId(2).sessionId(1).interfaceName("l2tp21").build();

    static final InterfaceAddress A1 = address("192.0.2.1", 24);
    static final InterfaceAddress A2 = address("198.51.100.1", 24);
    static final InterfaceAddress A6 = address("2001:db8::1", 64);
    static final InterfaceAddress LINK_LOCAL = address("fe80::1", 64);

    static InterfaceAddress address(String ip, int prefix) {
        return InterfaceAddress.of(IpAddresses.parse(ip).orElseThrow(), prefix);
    }

    static LinkBuilder link(String name, LinkKind kind) {
        return LinkBuilder.link(name, kind).mtu(1500);
    }

    static LinkBuilder iface(String name) {
        return LinkBuilder.link(name, LinkKind.SESSION).mtu(1446);
    }

    static NetworkState state(List<Tunnel> tunnels, List<Session> sessions, List<Link> links) {
        return TryScopeTest.state(tunnels, sessions, links);
    }

    static Session unreported(Session s) {
        return SessionBuilder.from(s).l2specTypeUnknown().build();
    }

    /** As the kernel reports it: no l2spec types. */
    static NetworkState kernelView(NetworkState truth) {
        Map<SessionKey, Session> sessions = new TreeMap<>();
        truth.sessions().forEach((k, s) -> sessions.put(k, unreported(s)));
        return NetworkState.of(truth.tunnels(), sessions, truth.links(), Map.of());
    }

    static Ownership record(Session... sessions) {
        return new Ownership(state(List.of(), List.of(sessions), List.of()));
    }

    static TryScope scope(List<Long> tunnels, List<SessionKey> sessions, List<String> links) {
        return new TryScope(Set.copyOf(tunnels), Set.copyOf(sessions), Set.copyOf(links));
    }

    static List<String> summaries(Plan plan) {
        return plan.changes().stream().map(Change::summary).toList();
    }

    static List<String> notes(Plan plan) {
        return plan.notes().stream().map(n -> n.target() + ": " + n.message()).toList();
    }

    static Plan restore(NetworkState was, NetworkState now, TryScope scope) {
        return Restore.plan(new Before(scope, was.only(scope.tunnels()::contains, scope.sessions()::contains,
                scope.links()::contains, p -> false)), now, Ownership.empty(), Set.of());
    }

    // ---- Before.capture ----

    @Test
    void captureKeepsTheScopesObjectsAndTheRecordsL2specWhereTheRecordsSessionIsTheLiveOne() {
        Session foreign = SessionBuilder.from(S21).l2specTypeUnknown().build();
        Session stale = SessionBuilder.from(S12).peerSessionId(9).l2specType(L2specType.NONE).build();
        NetworkState live = kernelView(state(List.of(T1, T2), List.of(S11, S12, S21),
                List.of(iface("l2tp11").build(), iface("l2tp12").build(), iface("l2tp21").build(),
                        link("eth0", LinkKind.OTHER).build())));
        TryScope scope = scope(List.of(1L), List.of(S11.key(), S12.key(), S21.key()), List.of("l2tp11", "gone"));

        Before before = Before.capture(scope, live, record(S11, stale));

        assertThat(before.scope()).isEqualTo(scope);
        assertThat(before.state().tunnels()).containsOnlyKeys(1L);
        assertThat(before.state().links()).as("an object of the scope that did not exist is not there")
                .containsOnlyKeys("l2tp11");
        assertThat(before.state().foreignPorts()).isEmpty();
        assertThat(before.state().sessions()).containsOnly(Map.entry(S11.key(), S11),
                Map.entry(S12.key(), unreported(S12)), Map.entry(S21.key(), foreign));
    }

    // ---- tunnels and sessions ----

    @Test
    void aTunnelTheTryMadeIsDeletedItsSessionsFirst() {
        NetworkState was = state(List.of(), List.of(), List.of());
        NetworkState now = kernelView(state(List.of(T1), List.of(S11, S12), List.of(iface("l2tp11").build(),
                iface("l2tp12").build())));
        TryScope scope = scope(List.of(1L), List.of(S11.key(), S12.key()), List.of("l2tp11", "l2tp12"));

        Plan plan = restore(was, now, scope);

        assertThat(summaries(plan)).containsExactly("delete session 1 in tunnel 1 (l2tp11)",
                "delete session 2 in tunnel 1 (l2tp12)", "delete tunnel 1");
        assertThat(plan.changes().get(0)).isEqualTo(new Change.DeleteSession(unreported(S11),
                Optional.of(iface("l2tp11").build()), "its tunnel is deleted", Optional.empty()));
        assertThat(plan.changes().get(2).reason()).isEqualTo("as before the try: not there before it");
        assertThat(plan.notes()).isEmpty();
        assertThat(plan.conflicts()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aDeletedTunnelIsMadeAgainWithEveryFieldAndItsSessionsWithTheirInterfaces() {
        Link l2tp11 = iface("l2tp11").mtu(1400).master("br0").addresses(List.of(A1, LINK_LOCAL)).build();
        NetworkState was = state(List.of(T1), List.of(S11), List.of(l2tp11));
        TryScope scope = scope(List.of(1L), List.of(S11.key()), List.of("l2tp11"));

        Plan plan = restore(was, state(List.of(), List.of(), List.of(link("br0", LinkKind.BRIDGE).build())), scope);

        assertThat(summaries(plan)).containsExactly(
                "create tunnel 1 (udp 192.0.2.1 -> 192.0.2.2, ports 5000 -> 6000, peer tunnel 11)",
                "create session 1 in tunnel 1 (l2tp11, peer session 2000)",
                "set l2tp11 mtu 1400", "attach l2tp11 to bridge br0", "set l2tp11 up", "add address 192.0.2.1/24 to l2tp11");
        assertThat(plan.changes().get(0)).isEqualTo(new Change.CreateTunnel(T1, "as before the try: not in the kernel",
                Optional.empty()));
        assertThat(((Change.CreateSession) plan.changes().get(1)).session()).as("l2spec type and all").isEqualTo(S11);
    }

    @Test
    void aTunnelThatDiffersIsMadeAgainAndSoAreItsSessions() {
        Tunnel moved = TunnelBuilder.from(T1).remote("192.0.2.3").build();
        Link l2tp11 = iface("l2tp11").build();
        NetworkState was = state(List.of(T1), List.of(S11), List.of(l2tp11));
        NetworkState now = kernelView(state(List.of(moved), List.of(S11), List.of(l2tp11)));
        TryScope scope = scope(List.of(1L), List.of(S11.key()), List.of("l2tp11"));

        Plan plan = restore(was, now, scope);

        assertThat(summaries(plan)).containsExactly("delete session 1 in tunnel 1 (l2tp11)", "delete tunnel 1",
                "create tunnel 1 (udp 192.0.2.1 -> 192.0.2.2, ports 5000 -> 6000, peer tunnel 11)",
                "create session 1 in tunnel 1 (l2tp11, peer session 2000)", "set l2tp11 mtu 1446", "set l2tp11 up");
        assertThat(plan.changes().get(1).reason())
                .isEqualTo("as before the try: remote 192.0.2.3 -> 192.0.2.2; a tunnel cannot change in place");
        assertThat(plan.changes().get(3).reason()).isEqualTo("its tunnel is made again");
    }

    @Test
    void aSessionTheTryMadeIsDeletedWithItsInterfaceAsItWas() {
        Link l2tp12 = iface("l2tp12").addresses(List.of(A2)).build();
        NetworkState now = kernelView(state(List.of(T1), List.of(S12), List.of(l2tp12)));

        Plan plan = restore(state(List.of(T1), List.of(), List.of()), now,
                scope(List.of(), List.of(S12.key()), List.of("l2tp12")));

        assertThat(plan.changes()).containsExactly(new Change.DeleteSession(unreported(S12), Optional.of(l2tp12),
                "as before the try: not there before it", Optional.empty()));
    }

    @Test
    void aSessionThatDiffersOnlyInSequencingIsModifiedInPlace() {
        Session seq = SessionBuilder.from(S12).sequencing(Sequencing.BOTH).build();
        Link l2tp12 = iface("l2tp12").build();

        Plan plan = restore(state(List.of(T1), List.of(S12), List.of(l2tp12)),
                kernelView(state(List.of(T1), List.of(seq), List.of(l2tp12))),
                scope(List.of(), List.of(S12.key()), List.of("l2tp12")));

        assertThat(plan.changes()).containsExactly(new Change.ModifySession(unreported(seq), S12,
                "as before the try: sequencing both -> none", Optional.empty()));
    }

    @Test
    void aSessionThatDiffersOtherwiseIsMadeAgainAndItsInterfaceGetsItsSettingsFromFresh() {
        Session cookie = SessionBuilder.from(S12).cookie("0011223344556677").build();
        Link before = iface("l2tp12").addresses(List.of(A1)).build();
        Link now = iface("l2tp12").mtu(1400).addresses(List.of(A1, A2)).build();

        Plan plan = restore(state(List.of(T1), List.of(S12), List.of(before)),
                kernelView(state(List.of(T1), List.of(cookie), List.of(now))),
                scope(List.of(), List.of(S12.key()), List.of("l2tp12")));

        assertThat(summaries(plan)).containsExactly("delete session 2 in tunnel 1 (l2tp12)",
                "create session 2 in tunnel 1 (l2tp12, peer session 2000)", "set l2tp12 mtu 1446", "set l2tp12 up",
                "add address 192.0.2.1/24 to l2tp12");
        assertThat(plan.changes().get(0).reason())
                .isEqualTo("as before the try: cookie 0011223344556677 -> none; only sequencing changes in place");
    }

    @Test
    void anL2specTypeCountsWhereBothSidesKnowItTheLiveOneFromTheRecordNow() {
        Session none = SessionBuilder.from(S12).l2specType(L2specType.NONE).build();
        Link l2tp12 = iface("l2tp12").build();
        NetworkState was = state(List.of(T1), List.of(S12), List.of(l2tp12));
        NetworkState now = kernelView(state(List.of(T1), List.of(none), List.of(l2tp12)));
        Before before = new Before(scope(List.of(), List.of(S12.key()), List.of("l2tp12")), was);

        assertThat(summaries(Restore.plan(before, now, record(none), Set.of()))).containsExactly(
                "delete session 2 in tunnel 1 (l2tp12)", "create session 2 in tunnel 1 (l2tp12, peer session 2000)",
                "set l2tp12 mtu 1446", "set l2tp12 up");
        assertThat(Restore.plan(before, now, Ownership.empty(), Set.of()).changes())
                .as("the kernel does not report it: no difference").isEmpty();
        assertThat(Restore.plan(new Before(before.scope(), kernelView(was)), now, record(none), Set.of()).changes())
                .as("a foreign session's l2spec was never known: no difference").isEmpty();
    }

    // ---- links ----

    @Test
    void aBridgeTheTryMadeIsDeletedItsPortsOutsideTheScopeDetachedFirst() {
        Link br9 = link("br9", LinkKind.BRIDGE).build();
        NetworkState now = state(List.of(), List.of(), List.of(br9, link("eth0", LinkKind.OTHER).master("br9").build(),
                link("eth1", LinkKind.OTHER).master("br9").build()));

        Plan plan = restore(state(List.of(), List.of(), List.of(link("eth0", LinkKind.OTHER).build())), now,
                scope(List.of(), List.of(), List.of("br9", "eth0")));

        assertThat(summaries(plan)).containsExactly("detach eth0 from bridge br9", "detach eth1 from bridge br9",
                "delete bridge br9");
        assertThat(plan.changes().get(2)).isEqualTo(new Change.DeleteLink(br9, Optional.of(br9),
                "as before the try: not there before it", Optional.empty()));
    }

    @Test
    void aDeletedBridgeIsMadeAgainWithItsSettingsAndItsPortsPutBack() {
        Link br0 = link("br0", LinkKind.BRIDGE).mtu(1400).addresses(List.of(A1)).build();
        NetworkState was = state(List.of(), List.of(), List.of(br0, link("eth0", LinkKind.OTHER).master("br0").build()));
        NetworkState now = state(List.of(), List.of(), List.of(link("eth0", LinkKind.OTHER).build()));

        Plan plan = restore(was, now, scope(List.of(), List.of(), List.of("br0", "eth0")));

        assertThat(summaries(plan)).containsExactly("create bridge br0", "set br0 mtu 1400", "attach eth0 to bridge br0",
                "set br0 up", "add address 192.0.2.1/24 to br0");
    }

    @Test
    void aVlanOfAnotherIdIsMadeAgainAndSoAreTheVlansOnIt() {
        Link eth0 = link("eth0", LinkKind.OTHER).build();
        Link v10 = link("v", LinkKind.VLAN).vlanOf("eth0", 10).build();
        Link w = link("w", LinkKind.VLAN).vlanOf("v", 7).build();
        Link v20 = link("v", LinkKind.VLAN).vlanOf("eth0", 20).build();

        Plan plan = restore(state(List.of(), List.of(), List.of(eth0, v10, w)),
                state(List.of(), List.of(), List.of(eth0, v20, w)), scope(List.of(), List.of(), List.of("v", "w")));

        assertThat(summaries(plan)).containsExactly("delete vlan w", "delete vlan v", "create vlan v (vlan 10 on eth0)",
                "create vlan w (vlan 7 on v)", "set v mtu 1500", "set w mtu 1500", "set v up", "set w up");
        assertThat(plan.changes().get(1).reason()).isEqualTo("as before the try: was vlan 10 on eth0, is vlan 20 on eth0");
        assertThat(plan.changes().get(0).reason()).isEqualTo("its link v is deleted and made again");
    }

    /** Deleted children first as the kernel has them now, made parents first as they were. */
    @Test
    void twoVlansThatSwappedPlacesAreDeletedAndMadeEachInTheKernelsOrder() {
        Link eth0 = link("eth0", LinkKind.OTHER).build();
        NetworkState was = state(List.of(), List.of(), List.of(eth0, link("a", LinkKind.VLAN).vlanOf("b", 2).build(),
                link("b", LinkKind.VLAN).vlanOf("eth0", 1).build()));
        NetworkState now = state(List.of(), List.of(), List.of(eth0, link("a", LinkKind.VLAN).vlanOf("eth0", 1).build(),
                link("b", LinkKind.VLAN).vlanOf("a", 2).build()));

        Plan plan = restore(was, now, scope(List.of(), List.of(), List.of("a", "b")));

        assertThat(summaries(plan)).containsExactly("delete vlan b", "delete vlan a", "create vlan b (vlan 1 on eth0)",
                "create vlan a (vlan 2 on b)", "set a mtu 1500", "set b mtu 1500", "set a up", "set b up");
        assertThat(new Sim(now).run(plan.changes()).view()).isEqualTo(was);
    }

    @Test
    void aLinkOfAnotherKindIsMadeAgain() {
        Link asBridge = link("x", LinkKind.BRIDGE).build();
        Link asVlan = link("x", LinkKind.VLAN).vlanOf("eth0", 5).build();
        Link eth0 = link("eth0", LinkKind.OTHER).build();

        Plan plan = restore(state(List.of(), List.of(), List.of(eth0, asBridge)),
                state(List.of(), List.of(), List.of(eth0, asVlan)), scope(List.of(), List.of(), List.of("x")));

        assertThat(summaries(plan)).as("what is made again gets its mtu too: it starts with the kernel's")
                .containsExactly("delete vlan x", "create bridge x", "set x mtu 1500", "set x up");
        assertThat(plan.changes().get(0).reason()).isEqualTo("as before the try: was a bridge, is a vlan");
    }

    @Test
    void aLinkThatStaysGetsTheSettingsThatDifferKernelMadeAddressesAside() {
        Link before = link("br0", LinkKind.BRIDGE).mtu(1400).addresses(List.of(A1, LINK_LOCAL)).up(true).build();
        Link now = link("br0", LinkKind.BRIDGE).mtu(1500).addresses(List.of(A2, A6, address("fe80::2", 64))).up(false)
                .build();

        Plan plan = restore(state(List.of(), List.of(), List.of(before)), state(List.of(), List.of(), List.of(now)),
                scope(List.of(), List.of(), List.of("br0")));

        assertThat(summaries(plan)).containsExactly("delete address 198.51.100.1/24 from br0",
                "delete address 2001:db8::1/64 from br0", "set br0 mtu 1400", "set br0 up",
                "add address 192.0.2.1/24 to br0");
        assertThat(plan.changes().get(2)).isEqualTo(new Change.SetMtu("br0", java.util.OptionalInt.of(1500), 1400,
                "as before the try: mtu 1500 -> 1400", Optional.empty()));
    }

    @Test
    void aSessionInterfaceWhoseSessionStaysGetsItsSettingsBack() {
        Link before = iface("l2tp11").master("br0").build();
        Link now = iface("l2tp11").mtu(1400).master("br1").up(false).build();
        List<Link> bridges = List.of(link("br0", LinkKind.BRIDGE).build(), link("br1", LinkKind.BRIDGE).build());
        List<Link> was = new ArrayList<>(bridges);
        was.add(before);
        List<Link> is = new ArrayList<>(bridges);
        is.add(now);

        Plan plan = restore(state(List.of(T1), List.of(S11), was), kernelView(state(List.of(T1), List.of(S11), is)),
                scope(List.of(), List.of(), List.of("l2tp11")));

        assertThat(summaries(plan)).containsExactly("set l2tp11 mtu 1446", "move l2tp11 from bridge br1 to bridge br0",
                "set l2tp11 up");
    }

    @Test
    void aForeignLinkOnlyGetsItsBridgeBackAndOneThatIsGoneANote() {
        Link before = link("eth0", LinkKind.OTHER).master("br0").build();
        Link now = link("eth0", LinkKind.OTHER).mtu(9000).up(false).addresses(List.of(A1)).build();
        Link br0 = link("br0", LinkKind.BRIDGE).build();
        TryScope scope = scope(List.of(), List.of(), List.of("eth0", "veth1", "dummy0"));

        Plan plan = restore(state(List.of(), List.of(), List.of(before, br0, link("veth1", LinkKind.OTHER).build())),
                state(List.of(), List.of(), List.of(now, br0, link("dummy0", LinkKind.OTHER).build())), scope);

        assertThat(summaries(plan)).containsExactly("attach eth0 to bridge br0");
        assertThat(notes(plan)).containsExactly(
                "link dummy0: not there before the try, and not a link the rollback deletes: left as it is",
                "link veth1: not in the kernel now; jl2tp does not make such a link: nothing to put back");
    }

    @Test
    void aPortWhoseBridgeIsMadeAgainIsDetachedFirstThenAttachedAgain() {
        Link port = link("eth0", LinkKind.OTHER).master("x").build();
        Link bridge = link("x", LinkKind.BRIDGE).build();
        Link vlan = link("x", LinkKind.VLAN).vlanOf("eth1", 3).build();
        Link eth1 = link("eth1", LinkKind.OTHER).build();

        Plan plan = restore(state(List.of(), List.of(), List.of(bridge, port, eth1)),
                state(List.of(), List.of(), List.of(vlan, LinkBuilder.from(port).master(Optional.empty()).build(), eth1,
                        link("eth2", LinkKind.OTHER).master("x").build())),
                scope(List.of(), List.of(), List.of("x", "eth0")));

        assertThat(summaries(plan)).as("eth2 is a port of the vlan x now: the kernel would refuse, but it is detached")
                .containsExactly("detach eth2 from bridge x", "delete vlan x", "create bridge x", "attach eth0 to bridge x",
                        "set x mtu 1500", "set x up");
    }

    // ---- left as they are ----

    @Test
    void dependentsAreASessionsInterfaceTheVlansOnItTransitivelyAndABridgesPorts() {
        Link l2tp11 = iface("l2tp11").master("br0").build();
        NetworkState was = state(List.of(T1), List.of(S11), List.of(l2tp11, link("br0", LinkKind.BRIDGE).build(),
                link("v", LinkKind.VLAN).vlanOf("l2tp11", 5).build()));
        NetworkState now = state(List.of(T1), List.of(S11, S12), List.of(iface("l2tp12").build(),
                link("w", LinkKind.VLAN).vlanOf("v", 6).build(), link("v", LinkKind.VLAN).vlanOf("l2tp11", 5).build()));
        Before before = new Before(scope(List.of(1L), List.of(), List.of()), was);

        assertThat(Restore.dependents(new ObjectRef.TunnelRef(1), before, now)).containsExactly(
                new ObjectRef.TunnelRef(1), new ObjectRef.SessionRef(S11.key()), new ObjectRef.SessionRef(S12.key()),
                new ObjectRef.LinkRef("l2tp11"), new ObjectRef.LinkRef("l2tp12"), new ObjectRef.LinkRef("v"),
                new ObjectRef.LinkRef("w"));
        assertThat(Restore.dependents(new ObjectRef.LinkRef("br0"), before, now)).containsExactly(
                new ObjectRef.LinkRef("br0"), new ObjectRef.LinkRef("l2tp11"), new ObjectRef.LinkRef("v"),
                new ObjectRef.LinkRef("w"));
        assertThat(Restore.dependents(new ObjectRef.LinkRef("w"), before, now)).containsExactly(new ObjectRef.LinkRef("w"));
    }

    @Test
    void whatIsLeftAloneAndWhatDependsOnItIsNotTouchedAndEachGetsANote() {
        Link l2tp11 = iface("l2tp11").build();
        Link v = link("v", LinkKind.VLAN).vlanOf("l2tp11", 5).build();
        NetworkState was = state(List.of(T1), List.of(S11), List.of(l2tp11, v, link("br0", LinkKind.BRIDGE).build()));
        NetworkState now = state(List.of(), List.of(), List.of(link("br0", LinkKind.BRIDGE).mtu(1400).build()));
        TryScope scope = scope(List.of(1L), List.of(S11.key()), List.of("l2tp11", "v", "br0"));
        Before before = new Before(scope, was);

        Plan plan = Restore.plan(before, now, Ownership.empty(), Set.of(new ObjectRef.SessionRef(S11.key())));

        assertThat(summaries(plan)).as("the tunnel is made again, the bridge gets its mtu back")
                .containsExactly("create tunnel 1 (udp 192.0.2.1 -> 192.0.2.2, ports 5000 -> 6000, peer tunnel 11)",
                        "set br0 mtu 1500");
        assertThat(notes(plan)).containsExactly("session 1 in tunnel 1: left as it is: as asked",
                "link l2tp11: left as it is: it cannot be restored without session 1 in tunnel 1, which is left as it is",
                "link v: left as it is: it cannot be restored without session 1 in tunnel 1, which is left as it is");
    }

    @Test
    void eachObjectAskedForIsLeftAsAskedEvenWhenItDependsOnAnotherOne() {
        Link l2tp11 = iface("l2tp11").build();
        Before before = new Before(scope(List.of(), List.of(S11.key()), List.of("l2tp11")),
                state(List.of(T1), List.of(S11), List.of(l2tp11)));
        NetworkState now = state(List.of(T1), List.of(), List.of());

        ObjectRef session = new ObjectRef.SessionRef(S11.key());
        ObjectRef link = new ObjectRef.LinkRef("l2tp11");
        for (Set<ObjectRef> asked : List.of(new java.util.LinkedHashSet<>(List.of(link, session)),
                new java.util.LinkedHashSet<>(List.of(session, link)))) {
            Plan plan = Restore.plan(before, now, Ownership.empty(), asked);

            assertThat(plan.changes()).isEmpty();
            assertThat(notes(plan)).containsExactly("session 1 in tunnel 1: left as it is: as asked",
                    "link l2tp11: left as it is: as asked");
        }
    }

    @Test
    void whatWouldRemoveSomethingLeftAloneIsLeftAloneToo() {
        Tunnel moved = TunnelBuilder.from(T1).remote("192.0.2.3").build();
        Link l2tp11 = iface("l2tp11").build();
        Link l2tp12 = iface("l2tp12").build();
        Link br0 = link("br0", LinkKind.BRIDGE).build();
        NetworkState was = state(List.of(T1), List.of(S11, S12), List.of(l2tp11, l2tp12, br0));
        NetworkState now = kernelView(state(List.of(moved), List.of(S11, S12), List.of(l2tp11,
                LinkBuilder.from(l2tp12).mtu(1400).build(), LinkBuilder.from(br0).mtu(1400).build())));
        Before before = new Before(scope(List.of(1L), List.of(S11.key(), S12.key()), List.of("l2tp11", "l2tp12", "br0")),
                was);

        Plan plan = Restore.plan(before, now, record(S11), Set.of(new ObjectRef.LinkRef("l2tp11")));

        assertThat(summaries(plan)).as("the tunnel would close session 1 and its interface; and session 2 stands on it")
                .containsExactly("set br0 mtu 1500");
        assertThat(notes(plan)).containsExactly(
                "tunnel 1: left as it is: restoring it would change link l2tp11, which is left as it is",
                "session 1 in tunnel 1: left as it is: it cannot be restored without tunnel 1, which is left as it is",
                "session 2 in tunnel 1: left as it is: it cannot be restored without tunnel 1, which is left as it is",
                "link l2tp11: left as it is: as asked",
                "link l2tp12: left as it is: it cannot be restored without tunnel 1, which is left as it is");
    }

    // ---- the issue's change set ----

    /**
     * Before: tunnel 1 with sessions 1 (on br0, 192.0.2.1/24) and 2 (mtu 1400, on br1); tunnel 2 with
     * session 1, jl2tp's; tunnel 9, foreign, with session 1. The try: session 1 made again with a new
     * cookie, session 2's mtu 1400 -> 1380, br0's address 198.51.100.1 -> 198.51.100.2, session 2
     * moved from br1 to br0, a vlan br0.10 added, tunnel 2 removed with its session, and foreign
     * tunnel 9 removed by --prune.
     */
    @Test
    void theIssuesChangeSetIsUndoneChangeByChange() {
        Tunnel t9 = TunnelBuilder.tunnel().tunnelId(9).peerTunnelId(99).udpSourcePort(5009).build();
        Session s91 = SessionBuilder.session().tunnelId(9).sessionId(1).interfaceName("l2tp91").l2specTypeUnknown()
                .build();
        Session newCookie = SessionBuilder.from(S11).cookie("0102030405060708").build();
        Link br0 = link("br0", LinkKind.BRIDGE).addresses(List.of(address("198.51.100.1", 24))).build();
        Link br1 = link("br1", LinkKind.BRIDGE).build();
        Link l2tp11 = iface("l2tp11").master("br0").addresses(List.of(A1)).build();
        Link l2tp12 = iface("l2tp12").mtu(1400).master("br1").build();
        NetworkState beforeTry = kernelView(state(List.of(T1, T2, t9), List.of(S11, S12, S21, s91), List.of(br0, br1,
                l2tp11, l2tp12, iface("l2tp21").build(), iface("l2tp91").up(false).build())));
        Ownership recordBefore = record(S11, S12, S21);
        NetworkState afterTry = kernelView(state(List.of(T1), List.of(newCookie, S12), List.of(
                LinkBuilder.from(br0).addresses(List.of(address("198.51.100.2", 24))).build(), br1,
                LinkBuilder.from(l2tp11).build(), LinkBuilder.from(l2tp12).mtu(1380).master("br0").build(),
                link("br0.10", LinkKind.VLAN).vlanOf("br0", 10).build())));
        Plan tryPlan = new Plan(List.of(
                new Change.DeleteSession(S11, Optional.of(l2tp11), "", Optional.empty()),
                new Change.CreateSession(newCookie, "", Optional.empty()),
                new Change.SetMtu("l2tp12", java.util.OptionalInt.of(1400), 1380, "", Optional.empty()),
                new Change.DeleteAddress("br0", address("198.51.100.1", 24), "", Optional.empty()),
                new Change.AddAddress("br0", address("198.51.100.2", 24), "", Optional.empty()),
                new Change.SetMaster("l2tp12", Optional.of("br1"), Optional.of("br0"), "", Optional.empty()),
                new Change.CreateLink(link("br0.10", LinkKind.VLAN).vlanOf("br0", 10).build(), "", Optional.empty()),
                new Change.DeleteSession(S21, Optional.empty(), "", Optional.empty()),
                new Change.DeleteTunnel(T2, "", Optional.empty()),
                new Change.DeleteSession(s91, Optional.empty(), "", Optional.empty()),
                new Change.DeleteTunnel(t9, "", Optional.empty())), List.of(), List.of(), List.of());

        TryScope scope = TryScope.of(tryPlan, beforeTry);
        Before before = Before.capture(scope, beforeTry, recordBefore);
        Plan plan = Restore.plan(before, afterTry, record(newCookie, S12), Set.of());

        assertThat(scope).isEqualTo(scope(List.of(2L, 9L), List.of(S11.key(), S21.key(), new SessionKey(9, 1)),
                List.of("br0", "br0.10", "l2tp11", "l2tp12", "l2tp21", "l2tp91")));
        assertThat(summaries(plan)).containsExactly(
                "delete address 198.51.100.2/24 from br0",
                "delete vlan br0.10",
                "delete session 1 in tunnel 1 (l2tp11)",
                "create tunnel 2 (udp 192.0.2.1 -> 192.0.2.2, ports 5002 -> 6000, peer tunnel 22)",
                "create tunnel 9 (udp 192.0.2.1 -> 192.0.2.2, ports 5009 -> 6000, peer tunnel 99)",
                "create session 1 in tunnel 1 (l2tp11, peer session 2000)",
                "create session 1 in tunnel 2 (l2tp21, peer session 2000)",
                "create session 1 in tunnel 9 (l2tp91, peer session 2000)",
                "set l2tp11 mtu 1446", "attach l2tp11 to bridge br0",
                "set l2tp12 mtu 1400", "move l2tp12 from bridge br0 to bridge br1",
                "set l2tp21 mtu 1446", "set l2tp91 mtu 1446",
                "set l2tp11 up", "set l2tp21 up",
                "add address 198.51.100.1/24 to br0", "add address 192.0.2.1/24 to l2tp11");
        assertThat(plan.changes()).filteredOn(c -> c instanceof Change.CreateSession).extracting(c ->
                ((Change.CreateSession) c).session()).as("every field; the foreign one's l2spec the kernel's default")
                .containsExactly(S11, S21, s91);
        assertThat(plan.notes()).isEmpty();

        NetworkState restored = new Sim(afterTry).run(plan.changes()).view();
        assertThat(restored).isEqualTo(beforeTry);
        assertThat(Restore.plan(before, restored, recordBefore, Set.of()).changes()).isEmpty();
    }

    // ---- round trip ----

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    /**
     * A random try from a random state to another, as a plan (the restore's own diff, the other way
     * round), carried out; then its rollback: the scope is as it was, and so is everything else, and
     * a second rollback has nothing to do.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void aRollbackPutsBackWhatARandomTryChanged(long seed) {
        RandomTry t = RandomTry.of(seed);
        Sim kernel = t.kernelAfterTheTry();
        assertThat(withoutKernelMade(kernel.view())).as("the try did what it said").isEqualTo(withoutKernelMade(
                kernelView(t.afterTruth())));

        Before before = Before.capture(t.scope(), kernelView(t.beforeTruth()), t.recordBefore());
        Plan rollback = Restore.plan(before, kernel.view(), t.recordAfter(), Set.of());
        kernel.run(rollback.changes());

        NetworkState now = withoutKernelMade(kernel.view());
        TryScope scope = t.scope();
        assertThat(now.only(scope.tunnels()::contains, scope.sessions()::contains, scope.links()::contains, p -> false))
                .as("the scope as it was").isEqualTo(withoutKernelMade(kernelView(before.state())));
        assertThat(now).as("nothing outside the scope changed").isEqualTo(withoutKernelMade(kernelView(t.beforeTruth())));
        before.state().sessions().values().stream().filter(s -> s.l2specType().isPresent()).forEach(s ->
                assertThat(kernel.truth().sessions().get(s.key()).l2specType()).as("l2spec of " + s.key())
                        .isEqualTo(s.l2specType()));
        assertThat(Restore.plan(before, kernel.view(), t.recordBefore(), Set.of()).changes()).as("again: nothing to do")
                .isEmpty();
        assertThat(rollback.notes()).isEmpty();
    }

    /**
     * The same random tries, rolled back leaving one object of the scope as it is: nothing left
     * alone is a change's target or changed by the kernel's cascades, each gets its note, and the
     * rest runs.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void aRollbackLeavesAloneWhatItIsToldToAndWhatHangsOnIt(long seed) {
        RandomTry t = RandomTry.of(seed);
        Sim kernel = t.kernelAfterTheTry();
        List<ObjectRef> refs = List.copyOf(t.scope().refs());
        ObjectRef asked = refs.get(t.random().nextInt(refs.size()));
        NetworkState now = kernel.view();

        Plan rollback = Restore.plan(Before.capture(t.scope(), kernelView(t.beforeTruth()), t.recordBefore()), now,
                t.recordAfter(), Set.of(asked));
        kernel.run(rollback.changes());

        Set<ObjectRef> left = new java.util.HashSet<>();
        rollback.notes().stream().filter(n -> n.message().startsWith("left as it is: ")).forEach(n -> left.add(n.target()));
        assertThat(left).contains(asked);
        assertThat(rollback.changes()).noneMatch(c -> left.contains(c.target()));
        for (ObjectRef ref : left) {
            assertThat(find(kernel.view(), ref)).as("%s as it was before the rollback", ref).isEqualTo(find(now, ref));
        }
    }

    /**
     * A random try: two random states, the records before and after it, its plan (the restore's own
     * diff the other way round: every kind of change, foreign objects included) and its scope.
     */
    record RandomTry(Random random, NetworkState beforeTruth, NetworkState afterTruth, Ownership recordBefore,
            Ownership recordAfter, Plan plan, TryScope scope) {
        static RandomTry of(long seed) {
            Random random = new Random(seed);
            NetworkState beforeTruth = RandomState.of(random, Optional.empty());
            NetworkState afterTruth = RandomState.of(random, Optional.of(beforeTruth));
            Ownership recordBefore = RandomState.record(random, beforeTruth);
            Ownership recordAfter = RandomState.recordAfter(beforeTruth, recordBefore, afterTruth);
            Plan plan = Restore.plan(Before.capture(RandomState.everything(beforeTruth, afterTruth),
                    kernelView(afterTruth), recordAfter), kernelView(beforeTruth), recordBefore, Set.of());
            return new RandomTry(random, beforeTruth, afterTruth, recordBefore, recordAfter, plan,
                    TryScope.of(plan, kernelView(beforeTruth)));
        }

        Sim kernelAfterTheTry() {
            return new Sim(beforeTruth).run(plan.changes());
        }
    }

    static Optional<Object> find(NetworkState state, ObjectRef ref) {
        if (ref instanceof ObjectRef.TunnelRef t) {
            return Optional.ofNullable(state.tunnels().get(t.tunnelId()));
        }
        if (ref instanceof ObjectRef.SessionRef s) {
            return Optional.ofNullable(state.sessions().get(s.key()));
        }
        return Optional.ofNullable(withoutKernelMade(state).links().get(((ObjectRef.LinkRef) ref).name()));
    }

    /** Without the addresses the kernel makes; a link's addresses in one order, as the kernel's is its own. */
    static NetworkState withoutKernelMade(NetworkState state) {
        Map<String, Link> links = new TreeMap<>();
        state.links().forEach((name, l) -> links.put(name, LinkBuilder.from(l).addresses(l.addresses().stream()
                .filter(a -> !(a.address() instanceof Inet6Address v6 && v6.isLinkLocalAddress()))
                .sorted(java.util.Comparator.comparing(InterfaceAddress::toString)).toList()).build()));
        return NetworkState.of(state.tunnels(), state.sessions(), links, state.foreignPorts());
    }

    /** Small random states over a fixed set of names, so that two of them overlap. */
    static final class RandomState {
        static final List<InterfaceAddress> POOL = List.of(A1, A2, A6, LINK_LOCAL);

        static NetworkState of(Random r, Optional<NetworkState> earlier) {
            List<Tunnel> tunnels = new ArrayList<>();
            List<Session> sessions = new ArrayList<>();
            List<Link> links = new ArrayList<>();
            List<String> bridges = new ArrayList<>();
            for (String b : List.of("br0", "br1")) {
                if (r.nextInt(10) < 6) {
                    bridges.add(b);
                }
            }
            int x = r.nextInt(3); // none, a bridge, a vlan on eth0
            if (x == 1) {
                bridges.add("x");
            }
            for (String b : bridges) {
                links.add(settings(r, link(b, LinkKind.BRIDGE), List.of()).build());
            }
            if (x == 2) {
                links.add(settings(r, link("x", LinkKind.VLAN).vlanOf("eth0", 5), bridges).build());
            }
            List<String> parents = new ArrayList<>(List.of("eth0", "x"));
            parents.addAll(bridges);
            if (x == 0) {
                parents.remove("x");
            }
            for (long t = 1; t <= 2; t++) {
                if (r.nextInt(10) >= 7) {
                    continue;
                }
                tunnels.add(TunnelBuilder.tunnel().tunnelId(t).peerTunnelId(10 + r.nextInt(2)).udpSourcePort(5000 + (int) t)
                        .build());
                for (long s = 1; s <= 2; s++) {
                    if (r.nextInt(10) >= 6) {
                        continue;
                    }
                    String name = "l" + t + s + (r.nextBoolean() ? "a" : "b");
                    sessions.add(SessionBuilder.session().tunnelId(t).sessionId(s).interfaceName(name)
                            .cookie(r.nextBoolean() ? Optional.empty() : Optional.of(new net.jl2tp.model.Cookie(
                                    r.nextBoolean() ? "00112233" : "44556677")))
                            .sequencing(Sequencing.values()[r.nextInt(4)])
                            .l2specType(L2specType.values()[r.nextInt(2)]).build());
                    links.add(settings(r, iface(name), bridges).build());
                    parents.add(name);
                }
            }
            if (r.nextBoolean()) {
                // either on the other: a try may swap them
                List<String> vlans = r.nextBoolean() ? List.of("v0", "v1") : List.of("v1", "v0");
                links.add(settings(r, link(vlans.get(0), LinkKind.VLAN).vlanOf(parents.get(r.nextInt(parents.size())),
                        10 * (1 + r.nextInt(2))), bridges).build());
                if (r.nextBoolean()) {
                    links.add(settings(r, link(vlans.get(1), LinkKind.VLAN).vlanOf(vlans.get(0), 30), bridges).build());
                }
            }
            for (String foreign : List.of("eth0", "eth1")) {
                links.add(settings(r, link(foreign, LinkKind.OTHER), bridges).build());
            }
            NetworkState state = state(tunnels, sessions, links);
            return earlier.map(e -> likeEarlier(state, e)).orElse(state);
        }

        private static LinkBuilder settings(Random r, LinkBuilder link, List<String> bridges) {
            List<InterfaceAddress> addresses = new ArrayList<>();
            for (InterfaceAddress a : POOL) {
                if (r.nextInt(3) == 0) {
                    addresses.add(a);
                }
            }
            int master = r.nextInt(bridges.size() + 1);
            return link.mtu(r.nextBoolean() ? 1500 : 1400).up(r.nextBoolean()).addresses(addresses)
                    .master(master == bridges.size() ? Optional.empty() : Optional.of(bridges.get(master)));
        }

        /**
         * What a try cannot change as it was before: a session the same in every field the kernel
         * reports keeps its l2spec (no plan could tell them apart), a link jl2tp does not own all
         * but its bridge.
         */
        private static NetworkState likeEarlier(NetworkState state, NetworkState earlier) {
            Map<SessionKey, Session> sessions = new TreeMap<>();
            state.sessions().forEach((k, s) -> {
                Session e = earlier.sessions().get(k);
                sessions.put(k, e != null && unreported(e).equals(unreported(s)) ? e : s);
            });
            Map<String, Link> links = new TreeMap<>(state.links());
            for (String foreign : List.of("eth0", "eth1")) {
                links.put(foreign, LinkBuilder.from(earlier.links().get(foreign)).master(links.get(foreign).master()).build());
            }
            return NetworkState.of(state.tunnels(), sessions, links, Map.of());
        }

        /** jl2tp made some of the sessions; the others are foreign. */
        static Ownership record(Random r, NetworkState truth) {
            return new Ownership(truth.only(t -> true, k -> r.nextInt(4) != 0, l -> true, p -> false));
        }

        /** The try's record: what it made, and what stayed as jl2tp had it. */
        static Ownership recordAfter(NetworkState beforeTruth, Ownership recordBefore, NetworkState afterTruth) {
            return new Ownership(afterTruth.only(t -> true, k -> recordBefore.owned().sessions().containsKey(k)
                    || !afterTruth.sessions().get(k).equals(beforeTruth.sessions().get(k)), l -> true, p -> false));
        }

        static TryScope everything(NetworkState a, NetworkState b) {
            Set<Long> tunnels = new TreeSet<>(a.tunnels().keySet());
            tunnels.addAll(b.tunnels().keySet());
            Set<SessionKey> sessions = new TreeSet<>(a.sessions().keySet());
            sessions.addAll(b.sessions().keySet());
            Set<String> links = new TreeSet<>(a.links().keySet());
            links.addAll(b.links().keySet());
            return new TryScope(tunnels, sessions, links);
        }
    }

    /**
     * The kernel's rules that matter to a rollback, in memory: an id taken is refused, a session
     * needs its tunnel and brings its interface (down, mtu 1446), a new link starts down with mtu
     * 1500, deleting a tunnel closes its sessions, deleting a link removes the vlans on it and
     * detaches its ports, a master is a bridge. It keeps the l2spec types, which its view, like the
     * kernel, does not report. Every change's "from" must be what the link has: the undo relies on it.
     */
    static final class Sim implements Change.Visitor<Void> {
        private final TreeMap<Long, Tunnel> tunnels;
        private final TreeMap<SessionKey, Session> sessions;
        private final TreeMap<String, Link> links;
        private Change current;

        Sim(NetworkState truth) {
            tunnels = new TreeMap<>(truth.tunnels());
            sessions = new TreeMap<>(truth.sessions());
            links = new TreeMap<>(truth.links());
        }

        Sim run(List<Change> changes) {
            for (Change c : changes) {
                current = c;
                c.accept(this);
            }
            return this;
        }

        NetworkState truth() {
            return NetworkState.of(tunnels, sessions, links, Map.of());
        }

        NetworkState view() {
            return kernelView(truth());
        }

        private void must(boolean ok, String what) {
            if (!ok) {
                fail(current.summary() + ": " + what);
            }
        }

        private Link linkNamed(String name) {
            Link l = links.get(name);
            must(l != null, "no link " + name);
            return l;
        }

        private void remove(String name) {
            links.remove(name);
            for (Link l : List.copyOf(links.values())) {
                if (l.vlan().map(v -> v.link().equals(name)).orElse(false)) {
                    remove(l.name());
                } else if (l.master().equals(Optional.of(name))) {
                    links.put(l.name(), LinkBuilder.from(l).master(Optional.empty()).build());
                }
            }
        }

        private void close(Session s) {
            sessions.remove(s.key());
            remove(s.interfaceName());
        }

        public Void createTunnel(Change.CreateTunnel c) {
            must(tunnels.putIfAbsent(c.tunnel().tunnelId(), c.tunnel()) == null, "tunnel id taken");
            return null;
        }

        public Void deleteTunnel(Change.DeleteTunnel c) {
            must(tunnels.remove(c.tunnel().tunnelId()) != null, "no such tunnel");
            List.copyOf(sessions.values()).stream().filter(s -> s.tunnelId() == c.tunnel().tunnelId()).forEach(this::close);
            return null;
        }

        public Void createSession(Change.CreateSession c) {
            Session s = c.session();
            must(tunnels.containsKey(s.tunnelId()), "no tunnel");
            must(!sessions.containsKey(s.key()) && !links.containsKey(s.interfaceName()), "session or name taken");
            sessions.put(s.key(), SessionBuilder.from(s).l2specType(s.l2specType().orElse(L2specType.DEFAULT)).build());
            links.put(s.interfaceName(), iface(s.interfaceName()).up(false).build());
            return null;
        }

        public Void deleteSession(Change.DeleteSession c) {
            Session s = sessions.get(c.session().key());
            must(s != null, "no such session");
            close(s);
            return null;
        }

        public Void modifySession(Change.ModifySession c) {
            Session s = sessions.get(c.to().key());
            must(s != null && unreported(s).equals(unreported(c.from())), "not the session it modifies");
            sessions.put(s.key(), SessionBuilder.from(s).sequencing(c.to().sequencing()).build());
            return null;
        }

        public Void createLink(Change.CreateLink c) {
            must(!links.containsKey(c.link().name()), "name taken");
            c.link().vlan().ifPresent(v -> linkNamed(v.link()));
            links.put(c.link().name(), link(c.link().name(), c.link().kind()).vlan(c.link().vlan()).up(false).build());
            return null;
        }

        public Void deleteLink(Change.DeleteLink c) {
            must(linkNamed(c.link().name()).kind() != LinkKind.OTHER, "not a link jl2tp deletes");
            remove(c.link().name());
            return null;
        }

        public Void setMtu(Change.SetMtu c) {
            Link l = linkNamed(c.link());
            must(c.from().isEmpty() || c.from().equals(l.mtu()), "mtu from " + c.from() + " but it is " + l.mtu());
            links.put(l.name(), LinkBuilder.from(l).mtu(c.to()).build());
            return null;
        }

        public Void setMaster(Change.SetMaster c) {
            Link l = linkNamed(c.link());
            must(c.from().equals(l.master()), "master from " + c.from() + " but it is " + l.master());
            c.to().ifPresent(b -> must(linkNamed(b).kind() == LinkKind.BRIDGE, b + " is not a bridge"));
            links.put(l.name(), LinkBuilder.from(l).master(c.to()).build());
            return null;
        }

        public Void setUp(Change.SetUp c) {
            links.put(c.link(), LinkBuilder.from(linkNamed(c.link())).up(c.up()).build());
            return null;
        }

        public Void addAddress(Change.AddAddress c) {
            Link l = linkNamed(c.link());
            must(!l.addresses().contains(c.address()), "address there already");
            List<InterfaceAddress> more = new ArrayList<>(l.addresses());
            more.add(c.address());
            links.put(l.name(), LinkBuilder.from(l).addresses(more).build());
            return null;
        }

        public Void deleteAddress(Change.DeleteAddress c) {
            Link l = linkNamed(c.link());
            must(l.addresses().contains(c.address()), "no such address");
            links.put(l.name(), LinkBuilder.from(l).addresses(l.addresses().stream().filter(a -> !a.equals(c.address()))
                    .toList()).build());
            return null;
        }

        public Void adopt(Change.Adopt c) {
            fail("a rollback adopts nothing: " + c.summary());
            return null;
        }
    }
}
