package net.jl2tp.export;

import net.jl2tp.json.JsonWriter;
import static net.jl2tp.testing.CountersBuilder.counters;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import net.jl2tp.model.Encap;
import net.jl2tp.model.Tunnel;
import java.util.Optional;
import net.jl2tp.model.Session;
import net.jl2tp.model.Counters;
import net.jl2tp.testing.SessionBuilder;
import org.junit.jupiter.api.Test;

/** status of the captured scene (capture-scene.sh): exact text and JSON, and the problem rules. */
class StatusReportTest {
    private static final Session PW = SessionBuilder.session().tunnelId(3004).sessionId(1005)
            .peerSessionId(2005).interfaceName("pw-dead").l2specTypeUnknown().build();
    private static final StatusReport.InterfaceStatus UP = new StatusReport.InterfaceStatus(true, "unknown", 1446,
            Optional.empty(), List.of());

    private static final Tunnel TUNNEL = new Tunnel(3004, 4004, Encap.UDP, ip("192.0.2.1"), ip("192.0.2.2"), 5004, 6004,
            false, true, true);

    /** What status lists for PW with these counters since it was made (the tunnel's all 0). */
    private static List<String> problems(Optional<StatusReport.InterfaceStatus> link, Counters c) {
        return new StatusReport.SessionStatus(PW, link, c, Verdicts.judge(PW, Optional.empty(), TUNNEL, link,
                Delta.since(c), Delta.since(Counters.ZERO), Optional.empty(), Optional.empty())).problems();
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void textIsTheGolden() throws Exception {
        assertThat(StatusReport.of(SceneKernel.read()).toText()).isEqualTo(ConfigExportTest.resource("scene-status.txt"));
    }

    @Test
    void jsonIsTheGolden() throws Exception {
        assertThat(JsonWriter.write(StatusReport.of(SceneKernel.read()).toTree()))
                .isEqualTo(ConfigExportTest.resource("scene-status.json"));
    }

    @Test
    void theSceneHasOneHealthySessionPerWorkingTunnelAndThreeBrokenOnes() throws Exception {
        StatusReport report = StatusReport.of(SceneKernel.read());

        assertThat(report.tunnels()).extracting(t -> t.tunnel().tunnelId()).containsExactly(3000L, 3001L, 3002L, 3003L, 3004L);
        StatusReport.SessionStatus bridged = report.tunnels().get(0).sessions().get(0);
        assertThat(bridged.link()).hasValueSatisfying(l -> {
            assertThat(l.bridge()).contains("br0");
            assertThat(l.vlans()).containsExactly(new StatusReport.VlanOn("l2tpeth0.5", 5));
            assertThat(l.operState()).as("l2tpeth has no carrier of its own").isEqualTo("unknown");
        });
        assertThat(bridged.counters().rxPackets().orElseThrow()).isPositive();
        assertThat(bridged.problems()).isEmpty();
        assertThat(report.tunnels().stream().flatMap(t -> t.sessions().stream()).filter(s -> !s.problems().isEmpty())
                .map(s -> s.session().interfaceName())).containsExactly("pw-badcookie", "pw-down", "pw-dead");
    }

    @Test
    void sentButNothingReceivedIsADeadPseudowire() {
        Counters sentOnly = counters().sent(13, 1078).build();

        assertThat(problems(Optional.of(UP), sentOnly)).containsExactly(
                "sent 13 packets, received none: the peer sends nothing that reaches this session: its session or "
                        + "tunnel is missing or down, a firewall drops it, the remote address or port is wrong, or the "
                        + "ids are crossed. L2TPv3 data packets carry the session id only (not the tunnel id): the "
                        + "peer's session must have session-id 2005 (our peer-session-id) and peer-session-id 1005 (our "
                        + "session-id). No session of tunnel 3004 received anything either. Whether anything arrives at "
                        + "UDP port 5004 is unknown: its socket was not read (diagnose reads it over sock_diag, which "
                        + "needs the kernel's udp_diag module; `ss -uanm 'sport = :5004'` shows its receive queue and "
                        + "drops).");
    }

    @Test
    void wrongCookiesAreNamedAndNotCalledSilence() {
        // as kernel 6.1 counts them: each cookie discard is an rx error too
        Counters badCookie = counters().sent(13, 1078).rxErrors(22).rxCookieDiscards(22).build();

        assertThat(problems(Optional.of(UP), badCookie)).containsExactly(
                "22 packets dropped for a wrong cookie: this session has no peer-cookie: the peer must send no cookie, "
                        + "and the peer's peer-cookie must equal our cookie");
    }

    @Test
    void aHealthySessionHasNoProblems() {
        Counters both = counters().sent(5, 500).received(5, 500).build();

        assertThat(problems(Optional.of(UP), both)).isEmpty();
        assertThat(problems(Optional.of(UP), Counters.ZERO)).as("idle is not dead").isEmpty();
    }

    @Test
    void interfaceDownMissingOrWithoutCarrierIsSaid() {
        StatusReport.InterfaceStatus down = new StatusReport.InterfaceStatus(false, "down", 1446, Optional.empty(), List.of());
        StatusReport.InterfaceStatus noCarrier = new StatusReport.InterfaceStatus(true, "lowerlayerdown", 1446,
                Optional.empty(), List.of());

        assertThat(problems(Optional.of(down), Counters.ZERO))
                .containsExactly("interface pw-dead is down: ip link set pw-dead up, or up: true in the config");
        assertThat(problems(Optional.of(noCarrier), Counters.ZERO))
                .containsExactly("interface pw-dead is up but its operational state is lowerlayerdown");
        assertThat(problems(Optional.empty(), Counters.ZERO))
                .containsExactly("interface pw-dead is missing");
    }

    @Test
    void endpointsShowPortsOnlyForUdpAndBracketIpv6() throws Exception {
        StatusReport report = StatusReport.of(SceneKernel.read());
        var udp4 = report.tunnels().get(0).tunnel();
        var ip6 = report.tunnels().get(2).tunnel();

        assertThat(StatusReport.endpoint(udp4, udp4.local(), udp4.udpSourcePort())).isEqualTo("192.0.2.1:5000");
        assertThat(StatusReport.endpoint(ip6, ip6.remote(), 0)).isEqualTo("2001:db8:1::2");
        var udp6 = new net.jl2tp.model.Tunnel(1, 2, net.jl2tp.model.Encap.UDP, ip6.local(), ip6.remote(), 5000, 6000,
                false, true, true);
        assertThat(StatusReport.endpoint(udp6, udp6.local(), 5000)).isEqualTo("[2001:db8:1::1]:5000");
    }

    @Test
    void noTunnelsSaysSo() {
        assertThat(new StatusReport(List.of()).toText()).isEqualTo("no L2TP tunnels\n");
        assertThat(JsonWriter.write(new StatusReport(List.of()).toTree())).isEqualTo("{\n  \"tunnels\": []\n}\n");
    }
}
