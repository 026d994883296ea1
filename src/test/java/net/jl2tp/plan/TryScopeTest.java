package net.jl2tp.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;
import net.jl2tp.testing.LinkBuilder;
import net.jl2tp.testing.SessionBuilder;
import net.jl2tp.testing.TunnelBuilder;
import org.junit.jupiter.api.Test;

class TryScopeTest {
    static final Optional<net.jl2tp.config.SourceMark> NONE = Optional.empty();

    static final Tunnel T1 = TunnelBuilder.tunnel().tunnelId(1).build();
    static final Tunnel T2 = TunnelBuilder.tunnel().tunnelId(2).build();
    static final Session S11 = SessionBuilder.session().tunnelId(1).sessionId(1).interfaceName("l2tp11").build();
    static final Session S12 = SessionBuilder.session().tunnelId(1).sessionId(2).interfaceName("l2tp12").build();
    static final Session S21 = SessionBuilder.session().tunnelId(2).sessionId(1).interfaceName("l2tp21").build();

    static Link link(String name, LinkKind kind) {
        return LinkBuilder.link(name, kind).mtu(1500).build();
    }

    static Link vlan(String name, String on, int id) {
        return LinkBuilder.link(name, LinkKind.VLAN).vlanOf(on, id).mtu(1500).build();
    }

    static Link port(String name, LinkKind kind, String bridge) {
        return LinkBuilder.link(name, kind).mtu(1500).master(bridge).build();
    }

    static NetworkState state(List<Tunnel> tunnels, List<Session> sessions, List<Link> links) {
        Map<Long, Tunnel> t = new TreeMap<>();
        tunnels.forEach(x -> t.put(x.tunnelId(), x));
        Map<SessionKey, Session> s = new TreeMap<>();
        sessions.forEach(x -> s.put(x.key(), x));
        Map<String, Link> l = new TreeMap<>();
        links.forEach(x -> l.put(x.name(), x));
        return NetworkState.of(t, s, l, Map.of());
    }

    /** Two tunnels, three sessions, their interfaces, a bridge with two ports and vlans on vlans. */
    static NetworkState live() {
        return state(List.of(T1, T2), List.of(S11, S12, S21), List.of(
                port("l2tp11", LinkKind.SESSION, "br0"), link("l2tp12", LinkKind.SESSION), link("l2tp21", LinkKind.SESSION),
                link("br0", LinkKind.BRIDGE), port("eth0", LinkKind.OTHER, "br0"), link("eth1", LinkKind.OTHER),
                vlan("v12", "l2tp12", 12), vlan("v12.5", "v12", 5), vlan("eth1.7", "eth1", 7)));
    }

    static Plan plan(Change... changes) {
        return new Plan(List.of(changes), List.of(), List.of(), List.of());
    }

    static SessionKey key(long tunnel, long session) {
        return new SessionKey(tunnel, session);
    }

    @Test
    void everyChangesTargetIsInScopeAdoptionsToo() {
        InterfaceAddress a = InterfaceAddress.of(IpAddresses.parse("192.0.2.9").orElseThrow(), 24);
        List<Change> changes = new ArrayList<>(List.of(
                new Change.Adopt(new ObjectRef.TunnelRef(9), NetworkState.empty(), "", NONE),
                new Change.Adopt(new ObjectRef.SessionRef(key(9, 9)), NetworkState.empty(), "", NONE),
                new Change.Adopt(new ObjectRef.LinkRef("adopted"), NetworkState.empty(), "", NONE),
                new Change.SetMtu("m", OptionalInt.empty(), 1400, "", NONE),
                new Change.SetUp("u", true, "", NONE),
                new Change.AddAddress("aa", a, "", NONE),
                new Change.DeleteAddress("da", a, "", NONE),
                new Change.CreateLink(link("cl", LinkKind.BRIDGE), "", NONE)));

        TryScope scope = TryScope.of(new Plan(changes, List.of(), List.of(), List.of()), NetworkState.empty());

        assertThat(scope.tunnels()).containsExactly(9L);
        assertThat(scope.sessions()).containsExactly(key(9, 9));
        assertThat(scope.links()).containsExactly("aa", "adopted", "cl", "da", "m", "u");
        assertThat(scope.isEmpty()).isFalse();
    }

    @Test
    void aTunnelBringsItsLiveSessionsAndTheirInterfacesAndWhatStandsOnThem() {
        TryScope scope = TryScope.of(plan(new Change.DeleteTunnel(T1, "", NONE)), live());

        assertThat(scope.tunnels()).containsExactly(1L);
        assertThat(scope.sessions()).as("tunnel 2's session stays out").containsExactly(key(1, 1), key(1, 2));
        assertThat(scope.links()).as("a session's interface, the vlans on it, the vlans on those")
                .containsExactly("l2tp11", "l2tp12", "v12", "v12.5");
    }

    @Test
    void aSessionBringsItsInterfaceAsItIsNowAndAsThePlanMakesIt() {
        Session renamed = SessionBuilder.from(S21).interfaceName("l2tp21new").cookie("0011223344556677").build();
        TryScope scope = TryScope.of(plan(new Change.DeleteSession(S21, Optional.empty(), "", NONE),
                new Change.CreateSession(renamed, "", NONE)), live());

        assertThat(scope.tunnels()).as("a session does not bring its tunnel").isEmpty();
        assertThat(scope.sessions()).containsExactly(key(2, 1));
        assertThat(scope.links()).containsExactly("l2tp21", "l2tp21new");
    }

    @Test
    void aModifiedSessionBringsItsInterface() {
        Session seq = SessionBuilder.from(S11).sequencing(Sequencing.BOTH).build();
        TryScope scope = TryScope.of(plan(new Change.ModifySession(S11, seq, "", NONE)), live());

        assertThat(scope.sessions()).containsExactly(key(1, 1));
        assertThat(scope.links()).as("its interface; not the bridge it is a port of").containsExactly("l2tp11");
    }

    @Test
    void aSessionTheKernelDoesNotHaveYetBringsTheInterfaceThePlanGivesIt() {
        Session fresh = SessionBuilder.session().tunnelId(2).sessionId(7).interfaceName("l2tp27").build();
        TryScope scope = TryScope.of(plan(new Change.CreateSession(fresh, "", NONE)), live());

        assertThat(scope.sessions()).containsExactly(key(2, 7));
        assertThat(scope.links()).containsExactly("l2tp27");
    }

    @Test
    void aLinkBringsTheVlansOnItTransitivelyAndNoOthers() {
        TryScope scope = TryScope.of(plan(new Change.SetMtu("l2tp12", OptionalInt.of(1500), 1400, "", NONE)), live());

        assertThat(scope.links()).containsExactly("l2tp12", "v12", "v12.5");
        assertThat(scope.sessions()).as("an interface does not bring its session").isEmpty();
    }

    @Test
    void aDeletedBridgeBringsItsPortsAndABridgeThatStaysDoesNot() {
        Link br0 = live().links().get("br0");

        assertThat(TryScope.of(plan(new Change.DeleteLink(br0, Optional.of(br0), "", NONE)), live()).links())
                .containsExactly("br0", "eth0", "l2tp11");
        assertThat(TryScope.of(plan(new Change.SetMtu("br0", OptionalInt.of(1500), 1400, "", NONE)), live()).links())
                .containsExactly("br0");
    }

    @Test
    void aPortOfADeletedBridgeBringsTheVlansOnIt() {
        NetworkState live = state(List.of(), List.of(), List.of(link("br0", LinkKind.BRIDGE),
                port("eth0", LinkKind.OTHER, "br0"), vlan("eth0.5", "eth0", 5)));
        Link br0 = live.links().get("br0");

        assertThat(TryScope.of(plan(new Change.DeleteLink(br0, Optional.of(br0), "", NONE)), live).links())
                .containsExactly("br0", "eth0", "eth0.5");
    }

    @Test
    void aForeignPortAttachedOrDetachedIsInScope() {
        TryScope scope = TryScope.of(plan(new Change.SetMaster("eth1", Optional.empty(), Optional.of("br0"), "", NONE),
                new Change.SetMaster("eth0", Optional.of("br0"), Optional.empty(), "", NONE)), live());

        assertThat(scope.links()).as("the ports, the vlans on them; not the bridge").containsExactly("eth0", "eth1",
                "eth1.7");
    }

    @Test
    void containsAnswersForEachKindAndAnEmptyPlanHasAnEmptyScope() {
        TryScope scope = TryScope.of(plan(new Change.DeleteTunnel(T1, "", NONE)), live());

        assertThat(scope.contains(new ObjectRef.TunnelRef(1))).isTrue();
        assertThat(scope.contains(new ObjectRef.TunnelRef(2))).isFalse();
        assertThat(scope.contains(new ObjectRef.SessionRef(key(1, 2)))).isTrue();
        assertThat(scope.contains(new ObjectRef.SessionRef(key(2, 1)))).isFalse();
        assertThat(scope.contains(new ObjectRef.LinkRef("v12.5"))).isTrue();
        assertThat(scope.contains(new ObjectRef.LinkRef("br0"))).isFalse();
        assertThat(TryScope.of(plan(), live()).isEmpty()).isTrue();
    }

    @Test
    void theSetsAreSortedCopiesNobodyCanChange() {
        Set<String> links = new java.util.HashSet<>(Set.of("b", "a", "c"));
        TryScope scope = new TryScope(Set.of(3L, 1L, 2L), Set.of(key(2, 1), key(1, 9)), links);
        links.add("d");

        assertThat(scope.tunnels()).containsExactly(1L, 2L, 3L);
        assertThat(scope.sessions()).containsExactly(key(1, 9), key(2, 1));
        assertThat(scope.links()).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> scope.links().add("e")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(scope.refs()).containsExactly(new ObjectRef.TunnelRef(1), new ObjectRef.TunnelRef(2),
                new ObjectRef.TunnelRef(3), new ObjectRef.SessionRef(key(1, 9)), new ObjectRef.SessionRef(key(2, 1)),
                new ObjectRef.LinkRef("a"), new ObjectRef.LinkRef("b"), new ObjectRef.LinkRef("c"));
    }
}
