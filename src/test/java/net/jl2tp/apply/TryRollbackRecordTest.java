package net.jl2tp.apply;

import static net.jl2tp.testing.LinkBuilder.link;
import static net.jl2tp.testing.SessionBuilder.session;
import static net.jl2tp.testing.TunnelBuilder.tunnel;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;
import net.jl2tp.model.Link;
import net.jl2tp.plan.ObjectRef;
import net.jl2tp.plan.TryScope;
import org.junit.jupiter.api.Test;

/** The state record a rollback leaves: the before-record for what it restored, the present one for the rest. */
class TryRollbackRecordTest {
    private static final SessionKey S1 = new SessionKey(3000, 1000);
    private static final SessionKey S2 = new SessionKey(3000, 1001);
    private static final SessionKey OUTSIDE_SESSION = new SessionKey(3900, 1900);

    private static final Tunnel T_BEFORE = tunnel().tunnelId(3000).peerTunnelId(4000).build();
    private static final Tunnel T_NOW = tunnel().tunnelId(3000).peerTunnelId(4444).build();
    private static final Tunnel T_NEW = tunnel().tunnelId(3100).peerTunnelId(4100).build();
    private static final Tunnel T_OUTSIDE = tunnel().tunnelId(3900).peerTunnelId(4900).build();
    private static final Session S1_BEFORE = session().tunnelId(3000).sessionId(1000).cookie("0011223344556677").build();
    private static final Session S1_NOW = session().tunnelId(3000).sessionId(1000).cookie("8899aabbccddeeff").build();
    private static final Session S2_NOW = session().tunnelId(3000).sessionId(1001).interfaceName("l2tpeth1").build();
    private static final Session S_OUTSIDE = session().tunnelId(3900).sessionId(1900).interfaceName("l2tpeth9").build();
    private static final Link BR_BEFORE = link("br0", LinkKind.BRIDGE).mtu(1446).build();
    private static final Link BR_NOW = link("br0", LinkKind.BRIDGE).mtu(1400).build();
    private static final Link L1_BEFORE = link("l2tpeth0", LinkKind.SESSION).master("br0").build();
    private static final Link L1_NOW = link("l2tpeth0", LinkKind.SESSION).build();
    private static final Link BR_OUTSIDE = link("br9", LinkKind.BRIDGE).build();

    /** Before the try: tunnel 3000 and its session 1000 in br0 with eth0 as a foreign port; br9 and 3900 outside the try. */
    private static Ownership before() {
        return new Ownership(NetworkState.of(Map.of(3000L, T_BEFORE, 3900L, T_OUTSIDE),
                Map.of(S1, S1_BEFORE, OUTSIDE_SESSION, S_OUTSIDE),
                Map.of("br0", BR_BEFORE, "l2tpeth0", L1_BEFORE, "br9", BR_OUTSIDE), Map.of("eth0", "br0")));
    }

    /**
     * After the try: 3000 changed, 3100 and session 1001 new, br0's MTU and l2tpeth0's master changed,
     * eth0 no longer a port; outside the scope, the record changed too (br9 gone, 3900 with another peer).
     */
    private static Ownership now() {
        return new Ownership(NetworkState.of(Map.of(3000L, T_NOW, 3100L, T_NEW,
                        3900L, tunnel().tunnelId(3900).peerTunnelId(4999).build()),
                Map.of(S1, S1_NOW, S2, S2_NOW, OUTSIDE_SESSION, S_OUTSIDE),
                Map.of("br0", BR_NOW, "l2tpeth0", L1_NOW, "l2tpeth1", link("l2tpeth1", LinkKind.SESSION).build()),
                Map.of()));
    }

    private static TryScope scope() {
        return new TryScope(new TreeSet<>(Set.of(3000L, 3100L)), new TreeSet<>(Set.of(S1, S2)),
                new TreeSet<>(Set.of("br0", "l2tpeth0", "l2tpeth1", "eth0")));
    }

    @Test
    void everyRestoredObjectGetsTheBeforeRecordsEntryPresentOrAbsent() {
        NetworkState r = TryRollback.restoredRecord(now(), before(), scope(), Set.of(), false).owned();

        assertThat(r.tunnels()).containsEntry(3000L, T_BEFORE).doesNotContainKey(3100L);
        assertThat(r.sessions()).containsEntry(S1, S1_BEFORE).doesNotContainKey(S2);
        assertThat(r.links()).containsEntry("br0", BR_BEFORE).containsEntry("l2tpeth0", L1_BEFORE)
                .doesNotContainKey("l2tpeth1");
        assertThat(r.foreignPorts()).containsExactly(Map.entry("eth0", "br0"));
    }

    @Test
    void objectsOutsideTheScopeKeepWhatTheRecordSaysNow() {
        NetworkState r = TryRollback.restoredRecord(now(), before(), scope(), Set.of(), false).owned();

        assertThat(r.tunnels().get(3900L).peerTunnelId()).isEqualTo(4999);
        assertThat(r.sessions()).containsEntry(OUTSIDE_SESSION, S_OUTSIDE);
        assertThat(r.links()).doesNotContainKey("br9");
    }

    @Test
    void objectsNotRestoredKeepWhatTheRecordSaysNow() {
        Set<ObjectRef> notRestored = Set.of(new ObjectRef.TunnelRef(3100), new ObjectRef.SessionRef(S1),
                new ObjectRef.LinkRef("br0"), new ObjectRef.LinkRef("eth0"));

        NetworkState r = TryRollback.restoredRecord(now(), before(), scope(), notRestored, false).owned();

        assertThat(r.tunnels()).containsEntry(3000L, T_BEFORE).containsEntry(3100L, T_NEW);
        assertThat(r.sessions()).containsEntry(S1, S1_NOW).doesNotContainKey(S2);
        assertThat(r.links()).containsEntry("br0", BR_NOW).containsEntry("l2tpeth0", L1_BEFORE);
        assertThat(r.foreignPorts()).isEmpty();
    }

    @Test
    void aStoppedRollbackLeavesTheRecordAsItIsNow() {
        Ownership now = now();

        assertThat(TryRollback.restoredRecord(now, before(), scope(), Set.of(), true)).isSameAs(now);
    }

    @Test
    void aForeignTunnelMadeAgainIsNotRecordedAsJl2tps() {
        // the try's --prune deleted foreign tunnel 3200 and its session: the rollback makes them again
        Tunnel foreign = tunnel().tunnelId(3200).peerTunnelId(4200).build();
        Session foreignSession = session().tunnelId(3200).sessionId(1200).interfaceName("l2tpeth2").build();
        SessionKey fk = new SessionKey(3200, 1200);
        TryScope scope = new TryScope(new TreeSet<>(Set.of(3000L, 3200L)), new TreeSet<>(Set.of(S1, fk)),
                new TreeSet<>(Set.of("l2tpeth0", "l2tpeth2")));
        Ownership executorRecord = new Ownership(NetworkState.of(Map.of(3000L, T_BEFORE, 3200L, foreign, 3900L, T_OUTSIDE),
                Map.of(S1, S1_BEFORE, fk, foreignSession),
                Map.of("l2tpeth0", L1_BEFORE, "l2tpeth2", link("l2tpeth2", LinkKind.SESSION).build(), "br9", BR_OUTSIDE),
                Map.of("eth0", "br0")));
        Ownership atStart = now();

        NetworkState r = TryRollback.withoutForeignMadeAgain(executorRecord, before(), atStart, scope).owned();

        assertThat(r.tunnels()).containsOnlyKeys(3000L, 3900L);
        assertThat(r.sessions()).containsOnlyKeys(S1);
        assertThat(r.links()).containsOnlyKeys("l2tpeth0", "br9");
        assertThat(r.foreignPorts()).containsExactly(Map.entry("eth0", "br0"));
    }

    @Test
    void anObjectOfTheScopeJl2tpOwnedBeforeOrAtTheRollbacksStartStaysRecorded() {
        // 3000 and S1 were jl2tp's before the try; 3100, S2 and l2tpeth1 are jl2tp's at the rollback's start
        Ownership executorRecord = new Ownership(new NetworkState(new TreeMap<>(Map.of(3000L, T_BEFORE, 3100L, T_NEW)),
                new TreeMap<>(Map.of(S1, S1_BEFORE, S2, S2_NOW)),
                new TreeMap<>(Map.of("l2tpeth0", L1_BEFORE, "l2tpeth1", link("l2tpeth1", LinkKind.SESSION).build())),
                new TreeMap<>()));

        Ownership kept = TryRollback.withoutForeignMadeAgain(executorRecord, before(), now(), scope());

        assertThat(kept).isEqualTo(executorRecord);
    }
}
