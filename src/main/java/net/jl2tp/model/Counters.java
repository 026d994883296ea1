package net.jl2tp.model;

import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A tunnel's or a session's traffic counters as the kernel keeps them (L2TP_ATTR_STATS), in the
 * model's own type, so that what reads them (status, diagnose) needs nothing of netlink. A counter
 * the running kernel does not report is empty: unknown, never 0 (rx_cookie_discards and rx_invalid
 * came later than the others; see the README's Kernel facts).
 */
public record Counters(OptionalLong txPackets, OptionalLong txBytes, OptionalLong txErrors, OptionalLong rxPackets,
        OptionalLong rxBytes, OptionalLong rxSeqDiscards, OptionalLong rxOosPackets, OptionalLong rxErrors,
        OptionalLong rxCookieDiscards, OptionalLong rxInvalid) {

    /** Every counter reported, and 0. */
    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Nothing reported (no L2TP_ATTR_STATS at all). */
    public static final Counters UNKNOWN = new Counters(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    /** Every counter reported. */
    public Counters(long txPackets, long txBytes, long txErrors, long rxPackets, long rxBytes, long rxSeqDiscards,
            long rxOosPackets, long rxErrors, long rxCookieDiscards, long rxInvalid) {
        this(OptionalLong.of(txPackets), OptionalLong.of(txBytes), OptionalLong.of(txErrors), OptionalLong.of(rxPackets),
                OptionalLong.of(rxBytes), OptionalLong.of(rxSeqDiscards), OptionalLong.of(rxOosPackets),
                OptionalLong.of(rxErrors), OptionalLong.of(rxCookieDiscards), OptionalLong.of(rxInvalid));
    }

    /** Each counter from {@code value}, by name. */
    public static Counters from(Function<Counter, OptionalLong> value) {
        return new Counters(value.apply(Counter.TX_PACKETS), value.apply(Counter.TX_BYTES), value.apply(Counter.TX_ERRORS),
                value.apply(Counter.RX_PACKETS), value.apply(Counter.RX_BYTES), value.apply(Counter.RX_SEQ_DISCARDS),
                value.apply(Counter.RX_OOS_PACKETS), value.apply(Counter.RX_ERRORS), value.apply(Counter.RX_COOKIE_DISCARDS),
                value.apply(Counter.RX_INVALID));
    }

    /** One counter by name, for code that treats them all alike (deltas, tables, metrics). */
    public OptionalLong get(Counter counter) {
        return switch (counter) {
            case TX_PACKETS -> txPackets;
            case TX_BYTES -> txBytes;
            case TX_ERRORS -> txErrors;
            case RX_PACKETS -> rxPackets;
            case RX_BYTES -> rxBytes;
            case RX_ERRORS -> rxErrors;
            case RX_SEQ_DISCARDS -> rxSeqDiscards;
            case RX_OOS_PACKETS -> rxOosPackets;
            case RX_COOKIE_DISCARDS -> rxCookieDiscards;
            case RX_INVALID -> rxInvalid;
        };
    }
}
