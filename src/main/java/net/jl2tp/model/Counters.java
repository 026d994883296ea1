package net.jl2tp.model;

/**
 * A tunnel's or a session's traffic counters as the kernel keeps them (L2TP_ATTR_STATS), in the
 * model's own type, so that what reads them (status) needs nothing of netlink.
 */
public record Counters(long txPackets, long txBytes, long txErrors, long rxPackets, long rxBytes, long rxSeqDiscards,
        long rxOosPackets, long rxErrors, long rxCookieDiscards, long rxInvalid) {

    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
