package net.jl2tp.model;

/**
 * A network interface's own counters (IFLA_STATS64), the few diagnose reads beside the session's
 * {@link Counters}: whether the frames the session took reached the interface (l2tp_eth_dev_recv
 * counts rx_packets when dev_forward_skb takes a frame and rx_errors when it refuses one, and the
 * refusal itself counts rx_dropped). The kernel reports them all or none: where they are absent the
 * holder is empty (unknown, never 0).
 */
public record InterfaceCounters(long rxPackets, long txPackets, long rxErrors, long rxDropped, long txDropped) {
}
