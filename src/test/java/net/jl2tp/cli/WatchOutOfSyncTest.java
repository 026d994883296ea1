package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import net.jl2tp.apply.Drift;
import net.jl2tp.model.Encap;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;
import net.jl2tp.plan.Desired;
import net.jl2tp.plan.Planner;
import org.junit.jupiter.api.Test;

/** After the watch's own reconcile: the planner's dry run on the reading after it, as drift "again right after the reconcile". */
class WatchOutOfSyncTest {
    private static final Tunnel TUNNEL = tunnel(10);
    private static final Session PW0 = new Session(10, 1, 2, "l2tpeth0", Optional.empty(), Optional.empty(), Optional.empty(),
            Sequencing.NONE);

    private static Tunnel tunnel(long id) {
        try {
            return new Tunnel(id, id + 10, Encap.UDP, InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.2"),
                    5000 + (int) id, 6000, false, true, true);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Link link(String name, int mtu) {
        return new Link(name, LinkKind.SESSION, Optional.empty(), OptionalInt.of(mtu), true, Optional.empty(), List.of());
    }

    private static NetworkState state(List<Tunnel> tunnels, List<Session> sessions, List<Link> links) {
        TreeMap<Long, Tunnel> t = new TreeMap<>();
        tunnels.forEach(x -> t.put(x.tunnelId(), x));
        TreeMap<SessionKey, Session> s = new TreeMap<>();
        sessions.forEach(x -> s.put(x.key(), x));
        TreeMap<String, Link> l = new TreeMap<>();
        links.forEach(x -> l.put(x.name(), x));
        return NetworkState.of(t, s, l, Map.of());
    }

    private static final NetworkState CONFIG = state(List.of(TUNNEL), List.of(PW0), List.of(link("l2tpeth0", 1400)));
    private static final Ownership RECORD = new Ownership(state(List.of(TUNNEL), List.of(PW0), List.of()));

    private static List<Drift> after(NetworkState live, boolean prune) {
        Desired desired = new Desired(CONFIG, Map.of(), Map.of(), Map.of(), Map.of(), List.of());
        return WatchOutOfSync.drifts(Planner.plan(desired, live, RECORD, prune), live, RECORD, CONFIG);
    }

    @Test
    void theKernelAsConfiguredIsNoDrift() {
        assertThat(after(CONFIG, false)).isEmpty();
    }

    @Test
    void aSessionDeletedAgainBeforeTheReadingIsDriftOfTheSessionAndItsInterface() {
        NetworkState live = state(List.of(TUNNEL), List.of(), List.of());

        assertThat(after(live, false)).containsExactly(
                new Drift("session", "10/1 (l2tpeth0)", "removed", List.of(WatchOutOfSync.AGAIN), Drift.Relation.owned),
                new Drift("link", "l2tpeth0", "removed", List.of(WatchOutOfSync.AGAIN), Drift.Relation.owned));
    }

    @Test
    void anMtuSetBackIsAChangedLinkOnce() {
        NetworkState live = state(List.of(TUNNEL), List.of(PW0), List.of(link("l2tpeth0", 1300)));

        assertThat(after(live, false)).containsExactly(
                new Drift("link", "l2tpeth0", "changed", List.of(WatchOutOfSync.AGAIN), Drift.Relation.owned));
    }

    @Test
    void aForeignTunnelIsLeftToTheReadingsEvenUnderPrune() {
        NetworkState live = state(List.of(TUNNEL, tunnel(99)), List.of(PW0), List.of(link("l2tpeth0", 1400)));

        assertThat(after(live, true)).isEmpty();
    }
}
