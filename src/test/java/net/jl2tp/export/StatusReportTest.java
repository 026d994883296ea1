package net.jl2tp.export;

import net.jl2tp.json.JsonWriter;
import static net.jl2tp.testing.CountersBuilder.counters;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
        assertThat(bridged.counters().rxPackets()).isPositive();
        assertThat(bridged.problems()).isEmpty();
        assertThat(report.tunnels().stream().flatMap(t -> t.sessions().stream()).filter(s -> !s.problems().isEmpty())
                .map(s -> s.session().interfaceName())).containsExactly("pw-badcookie", "pw-down", "pw-dead");
    }

    @Test
    void sentButNothingReceivedIsADeadPseudowire() {
        Counters sentOnly = counters().sent(13, 1078).build();

        assertThat(StatusReport.problems(PW, 4004, Optional.of(UP), sentOnly)).containsExactly(
                "sent 13 packets, received none: check that the peer has tunnel 4004 with session 2005 (ids crossed) "
                        + "and that the path lets the packets through");
    }

    @Test
    void wrongCookiesAreNamedAndNotCalledSilence() {
        // as kernel 6.1 counts them: each cookie discard is an rx error too
        Counters badCookie = counters().sent(13, 1078).rxErrors(22).rxCookieDiscards(22).build();

        assertThat(StatusReport.problems(PW, 4004, Optional.of(UP), badCookie)).containsExactly(
                "22 packets dropped for a wrong cookie: the peer's cookie must equal this session's peer-cookie");
    }

    @Test
    void aHealthySessionHasNoProblems() {
        Counters both = counters().sent(5, 500).received(5, 500).build();

        assertThat(StatusReport.problems(PW, 4004, Optional.of(UP), both)).isEmpty();
        assertThat(StatusReport.problems(PW, 4004, Optional.of(UP), Counters.ZERO)).as("idle is not dead").isEmpty();
    }

    @Test
    void interfaceDownMissingOrWithoutCarrierIsSaid() {
        StatusReport.InterfaceStatus down = new StatusReport.InterfaceStatus(false, "down", 1446, Optional.empty(), List.of());
        StatusReport.InterfaceStatus noCarrier = new StatusReport.InterfaceStatus(true, "lowerlayerdown", 1446,
                Optional.empty(), List.of());

        assertThat(StatusReport.problems(PW, 4004, Optional.of(down), Counters.ZERO))
                .containsExactly("interface pw-dead is down (ip link set pw-dead up, or up: true in the config)");
        assertThat(StatusReport.problems(PW, 4004, Optional.of(noCarrier), Counters.ZERO))
                .containsExactly("interface pw-dead is up but its operational state is lowerlayerdown");
        assertThat(StatusReport.problems(PW, 4004, Optional.empty(), Counters.ZERO))
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
