package net.jl2tp.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jl2tp.model.AddressSyntax;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;
import net.jl2tp.testing.LinkBuilder;
import net.jl2tp.testing.SessionBuilder;
import net.jl2tp.testing.TunnelBuilder;
import org.junit.jupiter.api.Test;

/** What a rollback reports as not restored is told from the states, field by field. */
class AsBeforeTest {
    static final Tunnel T1 = TunnelBuilder.tunnel().tunnelId(1).peerTunnelId(2).build();
    static final Session S1 = SessionBuilder.session().tunnelId(1).sessionId(1).interfaceName("pw1").cookie("0a0b0c0d").build();
    static final Link PW1 = LinkBuilder.link("pw1", LinkKind.SESSION).mtu(1400).master("br0")
            .addresses(List.of(address("203.0.113.1/24"))).build();
    static final Link BR0 = LinkBuilder.link("br0", LinkKind.BRIDGE).mtu(1400).build();
    static final Link ETH0 = LinkBuilder.link("eth0", LinkKind.OTHER).mtu(1500).build();

    static InterfaceAddress address(String text) {
        return AddressSyntax.parse(text).orElseThrow();
    }

    static Before before() {
        TryScope scope = new TryScope(new TreeSet<>(Set.of(1L)), new TreeSet<>(Set.of(S1.key())),
                new TreeSet<>(Set.of("pw1", "br0", "eth0", "pw9")));
        return new Before(scope, NetworkState.of(Map.of(1L, T1), Map.of(S1.key(), S1),
                Map.of("pw1", PW1, "br0", BR0, "eth0", ETH0), Map.of()));
    }

    static NetworkState live(Tunnel t, Session s, Link... links) {
        Map<String, Link> byName = new java.util.HashMap<>();
        for (Link l : links) {
            byName.put(l.name(), l);
        }
        return NetworkState.of(t == null ? Map.of() : Map.of(t.tunnelId(), t),
                s == null ? Map.<SessionKey, Session>of() : Map.of(s.key(), s), byName, Map.of());
    }

    @Test
    void theSameStateDiffersInNothing() {
        assertThat(AsBefore.differing(before(), live(T1, S1, PW1, BR0, ETH0))).isEmpty();
    }

    @Test
    void whatTheKernelMakesOrDoesNotReportIsNotADifference() {
        Link withLinkLocal = LinkBuilder.from(PW1).addresses(List.of(address("203.0.113.1/24"), address("fe80::1/64"))).build();
        Session l2specKnown = SessionBuilder.from(S1).l2specType(java.util.Optional.of(net.jl2tp.model.L2specType.DEFAULT)).build();
        Link eth0OtherMtu = LinkBuilder.from(ETH0).mtu(9000).build(); // not jl2tp's: only its master is put back

        assertThat(AsBefore.differing(before(), live(T1, l2specKnown, withLinkLocal, BR0, eth0OtherMtu))).isEmpty();
    }

    @Test
    void eachFieldOfEachKindThatIsNotAsBeforeIsNamed() {
        Tunnel otherPeer = TunnelBuilder.from(T1).peerTunnelId(4999).build();
        Session otherCookie = SessionBuilder.from(S1).cookie("1a1b1c1d").build();
        Link pw1Moved = LinkBuilder.from(PW1).master("br1").build();
        Link eth0InABridge = LinkBuilder.from(ETH0).master("br0").build();

        assertThat(AsBefore.differing(before(), live(otherPeer, otherCookie, pw1Moved, BR0, eth0InABridge))).containsExactly(
                new ObjectRef.TunnelRef(1), new ObjectRef.SessionRef(S1.key()), new ObjectRef.LinkRef("eth0"),
                new ObjectRef.LinkRef("pw1"));
    }

    /** The case a restore plan can only note: the bridge's name taken by someone's dummy. */
    @Test
    void aNameTakenByAnotherKindOfLinkIsNotAsBefore() {
        Link dummyBr0 = LinkBuilder.link("br0", LinkKind.OTHER).mtu(1400).build();
        Link pw9Appeared = LinkBuilder.link("pw9", LinkKind.OTHER).mtu(1500).build();

        assertThat(AsBefore.differing(before(), live(T1, S1, PW1, dummyBr0, ETH0, pw9Appeared)))
                .containsExactly(new ObjectRef.LinkRef("br0"), new ObjectRef.LinkRef("pw9"));
        assertThat(AsBefore.differing(before(), live(T1, S1, PW1, ETH0)))
                .as("gone").containsExactly(new ObjectRef.LinkRef("br0"));
    }
}
