package net.jl2tp.netlink.l2tp;

import net.jl2tp.netlink.AttributeDecoder;

/** The counters nested in L2TP_ATTR_STATS of a tunnel or session (all u64). */
public record L2tpStats(long txPackets, long txBytes, long txErrors, long rxPackets, long rxBytes, long rxSeqDiscards,
        long rxOosPackets, long rxErrors, long rxCookieDiscards, long rxInvalid) {

    public static final L2tpStats ZERO = new L2tpStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Reads the nest the decoder is positioned on; errors go to the decoder. */
    static L2tpStats decode(AttributeDecoder nest) {
        long[] v = new long[12];
        while (nest.next()) {
            int t = nest.type();
            if (t == L2tpConstants.ATTR_STATS_PAD) {
                continue; // alignment filler before a u64
            }
            if (t >= 1 && t < v.length) {
                v[t] = nest.u64();
            }
        }
        return new L2tpStats(v[L2tpConstants.ATTR_TX_PACKETS], v[L2tpConstants.ATTR_TX_BYTES], v[L2tpConstants.ATTR_TX_ERRORS],
                v[L2tpConstants.ATTR_RX_PACKETS], v[L2tpConstants.ATTR_RX_BYTES], v[L2tpConstants.ATTR_RX_SEQ_DISCARDS],
                v[L2tpConstants.ATTR_RX_OOS_PACKETS], v[L2tpConstants.ATTR_RX_ERRORS], v[L2tpConstants.ATTR_RX_COOKIE_DISCARDS],
                v[L2tpConstants.ATTR_RX_INVALID]);
    }
}
