package net.jl2tp.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.jl2tp.model.Encap;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;
import org.junit.jupiter.api.Test;

/** Two readings of a namespace in, one drift per changed object out, each with whose it is. */
class DriftDiffTest {
    private static Tunnel tunnel(long id) throws Exception {
        return new Tunnel(id, id + 10, Encap.UDP, InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.2"),
                5000 + (int) id, 6000, false, true, true);
    }

    private static Session session(long tunnel, long id, String ifname) {
        return new Session(tunnel, id, id + 1, ifname, Optional.empty(), Optional.empty(), Optional.empty(), Sequencing.NONE);
    }

    private static Link link(String name, int mtu) {
        return new Link(name, LinkKind.SESSION, Optional.empty(), OptionalInt.of(mtu), true, Optional.empty(), List.of());
    }

    private static NetworkState state(List<Tunnel> tunnels, List<Session> sessions, List<Link> links) {
        java.util.TreeMap<Long, Tunnel> t = new java.util.TreeMap<>();
        tunnels.forEach(x -> t.put(x.tunnelId(), x));
        java.util.TreeMap<SessionKey, Session> s = new java.util.TreeMap<>();
        sessions.forEach(x -> s.put(x.key(), x));
        java.util.TreeMap<String, Link> l = new java.util.TreeMap<>();
        links.forEach(x -> l.put(x.name(), x));
        return NetworkState.of(t, s, l, Map.of());
    }

    @Test
    void eachChangeIsOneDriftWithItsRelation() throws Exception {
        NetworkState before = state(List.of(tunnel(10)), List.of(session(10, 1, "l2tpeth0"), session(10, 3, "pw1")),
                List.of(link("l2tpeth0", 1400), link("pw1", 1400), link("eth0", 1500)));
        NetworkState after = state(List.of(tunnel(10), tunnel(99), tunnel(11)), List.of(session(10, 3, "pw1")),
                List.of(link("pw1", 1300), link("eth0", 9000)));
        // The record names sessions, not their interfaces: an interface is owned with its session.
        Ownership record = new Ownership(state(List.of(tunnel(10)), List.of(session(10, 1, "l2tpeth0"), session(10, 3, "pw1")),
                List.of()));
        NetworkState config = state(List.of(tunnel(10), tunnel(11)), List.of(session(10, 1, "l2tpeth0"), session(10, 3, "pw1")),
                List.of(link("l2tpeth0", 1400), link("pw1", 1400)));

        assertThat(DriftDiff.between(before, after, record, config)).containsExactly(
                new Drift("tunnel", "11", "added", List.of(), Drift.Relation.colliding),
                new Drift("tunnel", "99", "added", List.of(), Drift.Relation.foreign),
                new Drift("session", "10/1 (l2tpeth0)", "removed", List.of(), Drift.Relation.owned),
                new Drift("link", "l2tpeth0", "removed", List.of(), Drift.Relation.owned),
                new Drift("link", "pw1", "changed", List.of("mtu: 1400 -> 1300"), Drift.Relation.owned));
        // eth0's MTU changed too: a link neither owned nor named is not jl2tp's business.
    }

    @Test
    void aForeignSessionTakingAConfiguredInterfaceNameCollides() {
        NetworkState before = NetworkState.empty();
        NetworkState after = state(List.of(), List.of(session(50, 5, "pw1")), List.of());
        NetworkState config = state(List.of(), List.of(), List.of(link("pw1", 1400)));
        assertThat(DriftDiff.between(before, after, Ownership.empty(), config)).singleElement()
                .extracting(Drift::relation).isEqualTo(Drift.Relation.colliding);
    }

    @Test
    void aSessionWithoutAnInterfaceIsForeignNotACrash() {
        NetworkState after = state(List.of(), List.of(session(50, 5, null)), List.of());
        NetworkState config = state(List.of(), List.of(), List.of(link("pw1", 1400)));
        assertThat(DriftDiff.between(NetworkState.empty(), after, Ownership.empty(), config)).containsExactly(
                new Drift("session", "50/5", "added", List.of(), Drift.Relation.foreign));
    }

    @Test
    void theSameReadingTwiceIsNoDrift() throws Exception {
        NetworkState s = state(List.of(tunnel(10)), List.of(session(10, 1, "l2tpeth0")), List.of(link("l2tpeth0", 1400)));
        assertThat(DriftDiff.between(s, s, new Ownership(s), s)).isEmpty();
    }

    @Test
    void foreignDriftIsReconcilableOnlyUnderPruneAndOnlyWhileTheObjectIsThere() {
        assertThat(Drift.Relation.foreign.reconcilable()).isFalse();
        assertThat(Drift.Relation.owned.reconcilable()).isTrue();
        assertThat(Drift.Relation.colliding.reconcilable()).isTrue();
        Drift added = new Drift("tunnel", "99", "added", List.of(), Drift.Relation.foreign);
        Drift changed = new Drift("tunnel", "99", "changed", List.of("udpChecksum: false -> true"), Drift.Relation.foreign);
        Drift removed = new Drift("tunnel", "99", "removed", List.of(), Drift.Relation.foreign);
        Drift ownedRemoved = new Drift("tunnel", "10", "removed", List.of(), Drift.Relation.owned);
        assertThat(List.of(added, changed, removed, ownedRemoved)).extracting(d -> d.reconcilable(false))
                .containsExactly(false, false, false, true);
        // --prune deletes a foreign tunnel: one that is gone needs nothing.
        assertThat(List.of(added, changed, removed, ownedRemoved)).extracting(d -> d.reconcilable(true))
                .containsExactly(true, true, false, true);
    }

    @Test
    void duringAnApplyOnlyForeignChangesAreSomeoneElses() throws Exception {
        // The reconcile made session 10/1 again; meanwhile someone added tunnel 99 and deleted foreign tunnel 98.
        NetworkState before = state(List.of(tunnel(10), tunnel(98)), List.of(), List.of());
        NetworkState after = state(List.of(tunnel(10), tunnel(99)), List.of(session(10, 1, "l2tpeth0")),
                List.of(link("l2tpeth0", 1400)));
        Ownership record = new Ownership(state(List.of(tunnel(10)), List.of(session(10, 1, "l2tpeth0")), List.of()));
        NetworkState config = state(List.of(tunnel(10)), List.of(session(10, 1, "l2tpeth0")), List.of(link("l2tpeth0", 1400)));

        assertThat(DriftDiff.byOthersDuringApply(before, after, record, config, false)).containsExactly(
                new Drift("tunnel", "98", "removed", List.of(), Drift.Relation.foreign),
                new Drift("tunnel", "99", "added", List.of(), Drift.Relation.foreign));
        // Under --prune the apply itself deletes foreign tunnels: 98's removal was its own.
        assertThat(DriftDiff.byOthersDuringApply(before, after, record, config, true)).containsExactly(
                new Drift("tunnel", "99", "added", List.of(), Drift.Relation.foreign));
    }
}
