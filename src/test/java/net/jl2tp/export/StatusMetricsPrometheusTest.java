package net.jl2tp.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jl2tp.model.Counter;
import net.jl2tp.model.Counters;
import net.jl2tp.testing.CountersBuilder;
import net.jl2tp.model.Encap;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;
import org.junit.jupiter.api.Test;

/** The Prometheus renderer: escaping of hostile label values, and the test parser's own strictness. */
class StatusMetricsPrometheusTest {
    private static final String HOSTILE = "a\"b\\c\nd}{=,e";

    private static StatusReport report(String interfaceName, String bridge) throws Exception {
        return report(interfaceName, bridge, new Counters(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    }

    private static StatusReport report(String interfaceName, String bridge, Counters counters) throws Exception {
        Tunnel tunnel = new Tunnel(7, 8, Encap.IP, InetAddress.getByName("192.0.2.1"), InetAddress.getByName("198.51.100.1"),
                0, 0, false, true, true);
        Session session = new Session(7, 70, 80, interfaceName, Optional.empty(), Optional.empty(), Optional.empty(),
                Sequencing.NONE);
        StatusReport.InterfaceStatus link = new StatusReport.InterfaceStatus(true, "unknown", 1446, Optional.of(bridge), List.of());
        return new StatusReport(List.of(new StatusReport.TunnelStatus(tunnel, Counters.ZERO,
                List.of(new StatusReport.SessionStatus(session, Optional.of(link), counters, new Verdict.NoTraffic())))));
    }

    @Test
    void hostileLabelValuesAreEscapedAndParseBackToThemselves() throws Exception {
        String text = new StatusMetrics(report(HOSTILE, "br\\0"), Optional.of(false), "", Optional.empty()).text();

        assertThat(text).contains("interface=\"a\\\"b\\\\c\\nd}{=,e\"", "bridge=\"br\\\\0\"");
        PrometheusTextParser.Family info = PrometheusTextParser.parse(text).stream()
                .filter(f -> f.name().equals("jl2tp_session_info")).findFirst().orElseThrow();
        assertThat(info.samples()).singleElement().satisfies(s -> {
            assertThat(s.labels()).containsEntry("interface", HOSTILE).containsEntry("bridge", "br\\0");
            assertThat(s.value()).isEqualTo(1.0);
        });
    }

    @Test
    void countersAreTheKernelsEachInItsFamily() throws Exception {
        var families = PrometheusTextParser.parse(
                new StatusMetrics(report("l2tpeth0", "br0"), Optional.empty(), "why", Optional.of(Instant.ofEpochSecond(5))).text());
        Map<String, Double> session = new java.util.HashMap<>();
        families.stream().filter(f -> f.name().startsWith("jl2tp_session_") && f.name().endsWith("_total"))
                .forEach(f -> session.put(f.name(), f.samples().get(0).value()));

        assertThat(session).containsExactlyInAnyOrderEntriesOf(Map.of(
                "jl2tp_session_tx_packets_total", 1.0, "jl2tp_session_tx_bytes_total", 2.0,
                "jl2tp_session_tx_errors_total", 3.0, "jl2tp_session_rx_packets_total", 4.0,
                "jl2tp_session_rx_bytes_total", 5.0, "jl2tp_session_rx_seq_discards_total", 6.0,
                "jl2tp_session_rx_oos_packets_total", 7.0, "jl2tp_session_rx_errors_total", 8.0,
                "jl2tp_session_rx_cookie_discards_total", 9.0, "jl2tp_session_rx_invalid_total", 10.0));
    }

    @Test
    void aCounterTheKernelDoesNotReportHasNoSampleRatherThanAZero() throws Exception {
        // a kernel before 5.10 sends no L2TP_ATTR_RX_COOKIE_DISCARDS, before 5.12 no L2TP_ATTR_RX_INVALID
        Counters older = CountersBuilder.counters().sent(1, 2).received(4, 5)
                .unknown(Counter.RX_COOKIE_DISCARDS, Counter.RX_INVALID).build();
        var families = PrometheusTextParser.parse(
                new StatusMetrics(report("l2tpeth0", "br0", older), Optional.empty(), "why", Optional.empty()).text());
        Map<String, Integer> samples = new java.util.HashMap<>();
        families.forEach(f -> samples.put(f.name(), f.samples().size()));

        assertThat(samples).containsEntry("jl2tp_session_rx_cookie_discards_total", 0)
                .containsEntry("jl2tp_session_rx_invalid_total", 0)
                .containsEntry("jl2tp_session_rx_packets_total", 1)
                .containsEntry("jl2tp_session_rx_errors_total", 1)
                .containsEntry("jl2tp_tunnel_rx_invalid_total", 1);
    }

    @Test
    void theParserRefusesWhatTheFormatForbids() {
        assertThatThrownBy(() -> PrometheusTextParser.parse("a 1\na 2\n")).hasMessageContaining("second sample");
        assertThatThrownBy(() -> PrometheusTextParser.parse("a{x=\"1\"} 1\nb 1\na{x=\"2\"} 1\n")).hasMessageContaining("one group");
        assertThatThrownBy(() -> PrometheusTextParser.parse("a 1\n# TYPE a gauge\n")).hasMessageContaining("after its samples");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# HELP a x\n# HELP a y\n")).hasMessageContaining("second HELP");
        assertThatThrownBy(() -> PrometheusTextParser.parse("a{x=\"\\t\"} 1\n")).hasMessageContaining("bad escape");
        assertThatThrownBy(() -> PrometheusTextParser.parse("a{x=\"\n\"} 1\n")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> PrometheusTextParser.parse("1a 1\n")).hasMessageContaining("bad metric name");
        assertThatThrownBy(() -> PrometheusTextParser.parse("a one\n")).hasMessageContaining("not a float");
        assertThatThrownBy(() -> PrometheusTextParser.parse("a 1")).hasMessageContaining("line feed");
        assertThat(PrometheusTextParser.parse("# TYPE a gauge\na{b=\"\"} +Inf 123\nc NaN\nd 1.5e3\n")).hasSize(3);
    }
}
