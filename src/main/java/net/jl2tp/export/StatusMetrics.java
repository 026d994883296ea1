package net.jl2tp.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jl2tp.export.Exposition.Type;
import net.jl2tp.export.StatusReport.InterfaceStatus;
import net.jl2tp.export.StatusReport.SessionStatus;
import net.jl2tp.export.StatusReport.TunnelStatus;
import net.jl2tp.model.Counter;
import net.jl2tp.model.Encap;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.Tunnel;

/**
 * {@code jl2tp-apply status --output prometheus}: what status shows, as Prometheus metrics for
 * node_exporter's textfile collector. Names follow the Prometheus conventions: the {@code jl2tp_}
 * prefix, {@code _total} for the kernel's counters, bytes and seconds as units; the objects' settings
 * are labels of {@code _info} gauges that are always 1, and the series of one object share its ids as
 * labels ({@code tunnel_id}, and {@code session_id} with {@code interface}) to join on.
 *
 * @param inSync whether the kernel matches the config (a dry run would change nothing); empty when
 *     that cannot be told, with {@code whyNoSync} saying why (a comment in the output)
 * @param lastApply when the config was last applied successfully here (the apply's mark); empty when none is marked
 */
public record StatusMetrics(StatusReport report, Optional<Boolean> inSync, String whyNoSync,
        Optional<Instant> lastApply) {

    /** A kernel counter, as the tunnel and session families name it. */
    private record CounterFamily(String name, String help, Counter counter) {
    }

    private static final List<CounterFamily> COUNTERS = List.of(
            new CounterFamily("tx_packets_total", "packets sent", Counter.TX_PACKETS),
            new CounterFamily("tx_bytes_total", "bytes sent", Counter.TX_BYTES),
            new CounterFamily("tx_errors_total", "packets that could not be sent", Counter.TX_ERRORS),
            new CounterFamily("rx_packets_total", "packets received", Counter.RX_PACKETS),
            new CounterFamily("rx_bytes_total", "bytes received", Counter.RX_BYTES),
            new CounterFamily("rx_errors_total", "packets received and dropped (any reason, a wrong cookie included)",
                    Counter.RX_ERRORS),
            new CounterFamily("rx_seq_discards_total", "packets dropped for their sequence number", Counter.RX_SEQ_DISCARDS),
            new CounterFamily("rx_oos_packets_total", "packets received out of sequence", Counter.RX_OOS_PACKETS),
            new CounterFamily("rx_cookie_discards_total", "packets dropped for a wrong cookie", Counter.RX_COOKIE_DISCARDS),
            new CounterFamily("rx_invalid_total", "packets dropped as malformed or of a wrong version", Counter.RX_INVALID));

    public String text() {
        Exposition out = new Exposition();
        out.family("jl2tp_tunnel_info", Type.gauge, "An L2TPv3 tunnel in the kernel, its settings as labels (always 1).");
        out.family("jl2tp_session_info", Type.gauge, "An L2TPv3 session in the kernel, its settings as labels (always 1).");
        for (CounterFamily c : COUNTERS) {
            out.family("jl2tp_tunnel_" + c.name(), Type.counter, "The tunnel's " + c.help() + " (kernel counter).");
        }
        for (CounterFamily c : COUNTERS) {
            out.family("jl2tp_session_" + c.name(), Type.counter, "The session's " + c.help() + " (kernel counter).");
        }
        out.family("jl2tp_session_interface_up", Type.gauge, "1 when the session's interface is up (administratively, "
                + "and its operational state is not down or lowerlayerdown), else 0; operstate is the kernel's.");
        out.family("jl2tp_session_interface_mtu_bytes", Type.gauge, "The MTU of the session's interface.");
        out.family("jl2tp_config_in_sync", Type.gauge,
                "1 when the kernel matches the config (jl2tp-apply --dry-run would change nothing), else 0.");
        out.family("jl2tp_last_apply_timestamp_seconds", Type.gauge,
                "When the config was last applied successfully in this namespace (Unix time).");
        for (TunnelStatus t : report.tunnels()) {
            Tunnel tunnel = t.tunnel();
            String id = Long.toString(tunnel.tunnelId());
            boolean udp = tunnel.encap() == Encap.UDP;
            out.sample("jl2tp_tunnel_info", 1, "tunnel_id", id, "peer_tunnel_id", Long.toString(tunnel.peerTunnelId()),
                    "encap", tunnel.encap().keyword(), "local", IpAddresses.format(tunnel.local()),
                    "remote", IpAddresses.format(tunnel.remote()),
                    "udp_source_port", udp ? Integer.toString(tunnel.udpSourcePort()) : "",
                    "udp_destination_port", udp ? Integer.toString(tunnel.udpDestinationPort()) : "");
            for (CounterFamily c : COUNTERS) {
                // a counter this kernel does not report has no sample, not a 0
                t.counters().get(c.counter()).ifPresent(v -> out.sample("jl2tp_tunnel_" + c.name(), v, "tunnel_id", id));
            }
            for (SessionStatus s : t.sessions()) {
                session(out, id, s);
            }
        }
        inSync.ifPresentOrElse(sync -> out.sample("jl2tp_config_in_sync", sync ? 1 : 0),
                () -> out.comment("jl2tp_config_in_sync", "no sample: " + whyNoSync));
        lastApply.ifPresentOrElse(at -> out.sample("jl2tp_last_apply_timestamp_seconds", at.getEpochSecond()),
                () -> out.comment("jl2tp_last_apply_timestamp_seconds", "no sample: no successful apply is marked in this namespace"));
        return out.text();
    }

    private static void session(Exposition out, String tunnelId, SessionStatus s) {
        String sessionId = Long.toString(s.session().sessionId());
        String name = s.session().interfaceName() == null ? "" : s.session().interfaceName();
        Optional<InterfaceStatus> link = s.link();
        out.sample("jl2tp_session_info", 1, "tunnel_id", tunnelId, "session_id", sessionId,
                "peer_session_id", Long.toString(s.session().peerSessionId()), "interface", name,
                "bridge", link.flatMap(InterfaceStatus::bridge).orElse(""));
        for (CounterFamily c : COUNTERS) {
            s.counters().get(c.counter()).ifPresent(v -> out.sample("jl2tp_session_" + c.name(), v,
                    "tunnel_id", tunnelId, "session_id", sessionId, "interface", name));
        }
        link.ifPresent(l -> {
            boolean up = l.up() && !l.operState().equals("down") && !l.operState().equals("lowerlayerdown");
            out.sample("jl2tp_session_interface_up", up ? 1 : 0, "tunnel_id", tunnelId, "session_id", sessionId,
                    "interface", name, "operstate", l.operState());
            out.sample("jl2tp_session_interface_mtu_bytes", l.mtu(), "tunnel_id", tunnelId, "session_id", sessionId,
                    "interface", name);
        });
    }
}
