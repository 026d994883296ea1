package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jl2tp.export.PrometheusTextParser;
import net.jl2tp.export.PrometheusTextParser.Family;
import net.jl2tp.export.PrometheusTextParser.Sample;
import net.jl2tp.netlink.TwoHosts;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * status --output prometheus against the real kernel: the man page's two sites applied by
 * jl2tp-apply from their search paths, a ping through the pseudowire, and the metrics of site A.
 */
@KernelTest
class StatusPrometheusKernelTest {
    @TempDir
    Path tmp;

    /** jl2tp-apply in {@code ns}, with the search path {@code etc} and the state records in {@code state}. */
    private static CliInNetns.Result jl2tp(Netns ns, Path etc, Path state, String... args) {
        return new CliInNetns(state, Optional.of(List.of(etc))).run(ns, args);
    }

    private static Map<String, Family> families(String text) {
        Map<String, Family> byName = new java.util.LinkedHashMap<>();
        PrometheusTextParser.parse(text).forEach(f -> byName.put(f.name(), f));
        return byName;
    }

    private static double only(Map<String, Family> f, String name) {
        assertThat(f.get(name).samples()).as(name).hasSize(1);
        return f.get(name).samples().get(0).value();
    }

    @Test
    void theMetricsOfAnAppliedPseudowireWithTraffic() throws Exception {
        Path etcA = Files.createDirectories(tmp.resolve("etc-a"));
        Path etcB = Files.createDirectories(tmp.resolve("etc-b"));
        Files.copy(Path.of("examples/site-a.yaml"), etcA.resolve("site-a.yaml"));
        Files.copy(Path.of("examples/site-b.yaml"), etcB.resolve("site-b.yaml"));
        try (TwoHosts sites = TwoHosts.create()) {
            Instant before = Instant.now().minusSeconds(2);
            CliInNetns.Result applyA = jl2tp(sites.a, etcA, tmp.resolve("state-a"));
            CliInNetns.Result applyB = jl2tp(sites.b, etcB, tmp.resolve("state-b"));
            assertThat(applyA.exit()).as(applyA.out() + applyA.err()).isZero();
            assertThat(applyB.exit()).as(applyB.out() + applyB.err()).isZero();
            Map<String, Family> applied = families(jl2tp(sites.a, etcA, tmp.resolve("state-a"), "status", "-o", "prometheus").out());
            assertThat(only(applied, "jl2tp_config_in_sync")).isEqualTo(1.0);
            assertThat(only(applied, "jl2tp_last_apply_timestamp_seconds"))
                    .isBetween((double) before.getEpochSecond(), (double) Instant.now().getEpochSecond());
            // addresses by hand on the pseudowires, for the ping: whatever a dry run makes of them, the metric says too
            sites.a.ip("addr add 203.0.113.1/24 dev l2tpeth0");
            sites.b.ip("addr add 203.0.113.2/24 dev l2tpeth0");
            assertThat(sites.a.exec("ping", "-c", "3", "-i", "0.2", "-W", "5", "203.0.113.2").stdout())
                    .contains("3 packets transmitted, 3 received");

            CliInNetns.Result r = jl2tp(sites.a, etcA, tmp.resolve("state-a"), "status", "-o", "prometheus");

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            Map<String, Family> f = families(r.out());
            assertThat(f.get("jl2tp_tunnel_info").samples()).singleElement().extracting(Sample::labels)
                    .isEqualTo(Map.of("tunnel_id", "3000", "peer_tunnel_id", "4000", "encap", "udp", "local", "192.0.2.1",
                            "remote", "192.0.2.2", "udp_source_port", "5000", "udp_destination_port", "6000"));
            assertThat(f.get("jl2tp_session_info").samples()).singleElement().extracting(Sample::labels)
                    .isEqualTo(Map.of("tunnel_id", "3000", "session_id", "1000", "peer_session_id", "2000",
                            "interface", "l2tpeth0", "bridge", ""));
            // the three echo requests and replies at least (IPv6 and ARP add some), nothing dropped
            assertThat(only(f, "jl2tp_session_tx_packets_total")).isGreaterThanOrEqualTo(3);
            assertThat(only(f, "jl2tp_session_rx_packets_total")).isGreaterThanOrEqualTo(3);
            assertThat(only(f, "jl2tp_session_rx_bytes_total")).isGreaterThan(3 * 84);
            assertThat(only(f, "jl2tp_session_rx_errors_total")).isZero();
            assertThat(only(f, "jl2tp_session_rx_cookie_discards_total")).isZero();
            assertThat(only(f, "jl2tp_tunnel_rx_packets_total")).isGreaterThanOrEqualTo(3);
            assertThat(only(f, "jl2tp_session_interface_up")).isEqualTo(1.0);
            assertThat(f.get("jl2tp_session_interface_up").samples().get(0).labels()).containsEntry("operstate", "unknown");
            assertThat(only(f, "jl2tp_session_interface_mtu_bytes")).isEqualTo(1446.0);
            CliInNetns.Result dryRun = jl2tp(sites.a, etcA, tmp.resolve("state-a"), "--dry-run", "--exit-code");
            assertThat(dryRun.exit()).as(dryRun.out() + dryRun.err()).isIn(ExitCode.OK, ExitCode.CHANGES_PENDING);
            assertThat(only(f, "jl2tp_config_in_sync")).as(dryRun.out()).isEqualTo(dryRun.exit() == ExitCode.OK ? 1.0 : 0.0);
            assertThat(only(f, "jl2tp_last_apply_timestamp_seconds"))
                    .isEqualTo(only(applied, "jl2tp_last_apply_timestamp_seconds"));

            // the config changes and is not applied yet: out of sync; the textfile says it too
            Files.writeString(etcA.resolve("site-a.yaml"),
                    Files.readString(etcA.resolve("site-a.yaml")).replace("mtu: 1446", "mtu: 1400"));
            sites.a.ip("link set l2tpeth0 down");
            Path textfile = Files.createDirectories(tmp.resolve("node-exporter"));
            CliInNetns.Result w = jl2tp(sites.a, etcA, tmp.resolve("state-a"), "status", "-o", "prometheus",
                    "--textfile", textfile.toString());
            assertThat(w.exit()).as(w.err()).isZero();
            Path prom = textfile.resolve("jl2tp.prom");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prom))).isEqualTo("rw-r--r--");
            Map<String, Family> g = families(Files.readString(prom));
            assertThat(only(g, "jl2tp_config_in_sync")).isZero();
            assertThat(only(g, "jl2tp_session_interface_up")).isZero();
            assertThat(g.get("jl2tp_session_interface_up").samples().get(0).labels()).containsEntry("operstate", "down");
        }
    }
}
