package net.jl2tp.plan;

import static net.jl2tp.testing.LinkBuilder.link;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import net.jl2tp.model.Ownership;
import net.jl2tp.config.Marks;
import net.jl2tp.config.SourceMark;
import net.jl2tp.model.Encap;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;
import net.jl2tp.testing.SessionBuilder;
import net.jl2tp.testing.TunnelBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field the kernel cannot change in place, one at a time: a tunnel field recreates the
 * tunnel and its session; a session field recreates the session only; each change names the field
 * with its old and new value and points at the line of that field.
 */
class ImmutableFieldsTest {
    static final Tunnel TUNNEL = TunnelBuilder.tunnel().build();
    static final Session SESSION = SessionBuilder.session().build();
    static final SourceMark SELF = new SourceMark("site.yaml", 4, 5);

    static Stream<Arguments> tunnelFields() {
        return Stream.of(
                tunnel("peer-tunnel-id", "peer-tunnel-id 4000 -> 4001", t -> t.peerTunnelId(4001)),
                tunnel("encap", "encap udp -> ip, udp-source-port 5000 -> 0, udp-destination-port 6000 -> 0",
                        t -> t.encap(Encap.IP).udpSourcePort(0).udpDestinationPort(0)),
                tunnel("local", "local 192.0.2.1 -> 192.0.2.5", t -> t.local("192.0.2.5")),
                tunnel("remote", "remote 192.0.2.2 -> 192.0.2.6", t -> t.remote("192.0.2.6")),
                tunnel("udp-source-port", "udp-source-port 5000 -> 5001", t -> t.udpSourcePort(5001)),
                tunnel("udp-destination-port", "udp-destination-port 6000 -> 6001", t -> t.udpDestinationPort(6001)),
                tunnel("udp-checksum", "udp-checksum false -> true", t -> t.udpChecksum(true)),
                tunnel("udp6-checksum-tx", "udp6-checksum-tx true -> false", t -> t.udp6ChecksumTx(false)),
                tunnel("udp6-checksum-rx", "udp6-checksum-rx true -> false", t -> t.udp6ChecksumRx(false)));
    }

    static Arguments tunnel(String key, String reason, UnaryOperator<TunnelBuilder> change) {
        UnaryOperator<Tunnel> changed = t -> change.apply(TunnelBuilder.from(t)).build();
        return Arguments.of(key, reason, changed);
    }

    static Stream<Arguments> sessionFields() {
        return Stream.of(
                session("peer-session-id", "peer-session-id 2000 -> 2001", s -> s.peerSessionId(2001)),
                session("cookie", "cookie none -> 0badc0de", s -> s.cookie("0badc0de")),
                session("peer-cookie", "peer-cookie none -> 014d3636deadbeef", s -> s.peerCookie("014d3636deadbeef")),
                session("l2spec-type", "l2spec-type default -> none", s -> s.l2specType(L2specType.NONE)),
                session("", "interface name l2tpeth0 -> pw0", s -> s.interfaceName("pw0")));
    }

    static Arguments session(String key, String reason, UnaryOperator<SessionBuilder> change) {
        UnaryOperator<Session> changed = s -> change.apply(SessionBuilder.from(s)).build();
        return Arguments.of(key, reason, changed);
    }

    /** Marks that put each key on its own line, so the test can tell which line a change points at. */
    static Marks marks() {
        List<String> keys = List.of("tunnel-id", "peer-tunnel-id", "encap", "local", "remote", "udp-source-port",
                "udp-destination-port", "udp-checksum", "udp6-checksum-tx", "udp6-checksum-rx", "session-id",
                "peer-session-id", "cookie", "peer-cookie", "l2spec-type");
        Map<String, SourceMark> values = new java.util.HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            values.put(keys.get(i), new SourceMark("site.yaml", 10 + i, 7));
        }
        return new Marks(SELF, values);
    }

    static NetworkState state(Tunnel tunnel, Session session, boolean l2specKnown) {
        Session reported = l2specKnown ? session : SessionBuilder.from(session).l2specTypeUnknown().build();
        Link link = link(session.interfaceName(), LinkKind.SESSION).mtu(1446).build();
        return NetworkState.of(Map.of(tunnel.tunnelId(), tunnel), Map.of(session.key(), reported),
                Map.of(link.name(), link), Map.of());
    }

    /** What jl2tp recorded: the tunnel and session it made (session interfaces go with their sessions). */
    static Ownership recorded() {
        return new Ownership(NetworkState.of(Map.of(3000L, TUNNEL), Map.of(SESSION.key(), SESSION), Map.of(), Map.of()));
    }

    static Desired desired(Tunnel tunnel, Session session) {
        NetworkState want = state(tunnel, session, true);
        Link link = link(session.interfaceName(), LinkKind.SESSION).build();
        want = NetworkState.of(want.tunnels(), want.sessions(), Map.of(link.name(), link), Map.of());
        return new Desired(want, Map.of(new ObjectRef.TunnelRef(3000), marks(),
                new ObjectRef.SessionRef(session.key()), marks(), new ObjectRef.LinkRef(session.interfaceName()), marks()),
                Map.of(3000L, "to-b"), Map.of(), Map.of(), List.of());
    }

    @ParameterizedTest(name = "tunnel {0}")
    @MethodSource("tunnelFields")
    void aTunnelFieldRecreatesTheTunnelAndItsSession(String key, String reason, UnaryOperator<Tunnel> change) {
        Tunnel wanted = change.apply(TUNNEL);
        NetworkState live = state(TUNNEL, SESSION, false);
        Ownership record = recorded();

        Plan plan = Planner.plan(desired(wanted, SESSION), live, record, false);

        assertThat(plan.changes()).extracting(Change::summary).containsExactly(
                "delete session 1000 in tunnel 3000 (l2tpeth0)",
                "delete tunnel 3000",
                "create tunnel 3000 (" + Change.Describe.tunnel(wanted) + ")",
                "create session 1000 in tunnel 3000 (l2tpeth0, peer session 2000)",
                "set l2tpeth0 up");
        Change delete = plan.changes().get(1);
        assertThat(delete.reason()).isEqualTo(reason + "; a tunnel cannot change in place");
        assertThat(delete.origin()).contains(marks().of(key));
    }

    @ParameterizedTest(name = "session {0}")
    @MethodSource("sessionFields")
    void aSessionFieldRecreatesTheSessionOnly(String key, String reason, UnaryOperator<Session> change) {
        Session wanted = change.apply(SESSION);
        NetworkState live = state(TUNNEL, SESSION, false);
        Ownership record = recorded();

        Plan plan = Planner.plan(desired(TUNNEL, wanted), live, record, false);

        assertThat(plan.changes()).extracting(Change::summary).containsExactly(
                "delete session 1000 in tunnel 3000 (l2tpeth0)",
                "create session 1000 in tunnel 3000 (" + wanted.interfaceName() + ", peer session "
                        + wanted.peerSessionId() + ")",
                "set " + wanted.interfaceName() + " up");
        assertThat(plan.changes().get(0).reason()).isEqualTo(reason + "; only sequencing changes in place");
        assertThat(plan.changes().get(0).origin()).contains(key.isEmpty() ? SELF : marks().of(key));
    }
}
