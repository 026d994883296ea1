package net.jl2tp.netlink.l2tp;

import java.util.OptionalLong;
import net.jl2tp.netlink.AttributeDecoder;

/**
 * The counters nested in L2TP_ATTR_STATS of a tunnel or session (all u64). A counter whose
 * attribute the kernel did not send is empty: older kernels lack some (see the README's Kernel
 * facts), and 0 would claim that nothing happened.
 */
public record L2tpStats(OptionalLong txPackets, OptionalLong txBytes, OptionalLong txErrors, OptionalLong rxPackets,
        OptionalLong rxBytes, OptionalLong rxSeqDiscards, OptionalLong rxOosPackets, OptionalLong rxErrors,
        OptionalLong rxCookieDiscards, OptionalLong rxInvalid) {

    public static final L2tpStats ZERO = new L2tpStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** No L2TP_ATTR_STATS in the reply. */
    public static final L2tpStats UNKNOWN = of(new OptionalLong[12]);

    /** Every counter reported. */
    public L2tpStats(long txPackets, long txBytes, long txErrors, long rxPackets, long rxBytes, long rxSeqDiscards,
            long rxOosPackets, long rxErrors, long rxCookieDiscards, long rxInvalid) {
        this(OptionalLong.of(txPackets), OptionalLong.of(txBytes), OptionalLong.of(txErrors), OptionalLong.of(rxPackets),
                OptionalLong.of(rxBytes), OptionalLong.of(rxSeqDiscards), OptionalLong.of(rxOosPackets),
                OptionalLong.of(rxErrors), OptionalLong.of(rxCookieDiscards), OptionalLong.of(rxInvalid));
    }

    /** Reads the nest the decoder is positioned on; errors go to the decoder. */
    static L2tpStats decode(AttributeDecoder nest) {
        OptionalLong[] v = new OptionalLong[12];
        while (nest.next()) {
            int t = nest.type();
            if (t == L2tpConstants.ATTR_STATS_PAD) {
                continue; // alignment filler before a u64
            }
            if (t >= 1 && t < v.length) {
                v[t] = OptionalLong.of(nest.u64());
            }
        }
        return of(v);
    }

    /** By attribute type; a null slot is a counter not reported. */
    private static L2tpStats of(OptionalLong[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null) {
                v[i] = OptionalLong.empty();
            }
        }
        return new L2tpStats(v[L2tpConstants.ATTR_TX_PACKETS], v[L2tpConstants.ATTR_TX_BYTES], v[L2tpConstants.ATTR_TX_ERRORS],
                v[L2tpConstants.ATTR_RX_PACKETS], v[L2tpConstants.ATTR_RX_BYTES], v[L2tpConstants.ATTR_RX_SEQ_DISCARDS],
                v[L2tpConstants.ATTR_RX_OOS_PACKETS], v[L2tpConstants.ATTR_RX_ERRORS], v[L2tpConstants.ATTR_RX_COOKIE_DISCARDS],
                v[L2tpConstants.ATTR_RX_INVALID]);
    }
}
