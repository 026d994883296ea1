package net.jl2tp.testing;

import net.jl2tp.model.Counters;

/** {@link Counters} for tests, by name instead of ten positional longs. Starts at zero everywhere. */
public final class CountersBuilder {
    private long txPackets;
    private long txBytes;
    private long txErrors;
    private long rxPackets;
    private long rxBytes;
    private long rxSeqDiscards;
    private long rxOosPackets;
    private long rxErrors;
    private long rxCookieDiscards;
    private long rxInvalid;

    private CountersBuilder() {
    }

    public static CountersBuilder counters() {
        return new CountersBuilder();
    }

    /** Packets and bytes sent. */
    public CountersBuilder sent(long packets, long bytes) {
        txPackets = packets;
        txBytes = bytes;
        return this;
    }

    /** Packets and bytes received. */
    public CountersBuilder received(long packets, long bytes) {
        rxPackets = packets;
        rxBytes = bytes;
        return this;
    }

    public CountersBuilder txErrors(long value) {
        txErrors = value;
        return this;
    }

    public CountersBuilder rxSeqDiscards(long value) {
        rxSeqDiscards = value;
        return this;
    }

    public CountersBuilder rxOosPackets(long value) {
        rxOosPackets = value;
        return this;
    }

    public CountersBuilder rxErrors(long value) {
        rxErrors = value;
        return this;
    }

    public CountersBuilder rxCookieDiscards(long value) {
        rxCookieDiscards = value;
        return this;
    }

    public CountersBuilder rxInvalid(long value) {
        rxInvalid = value;
        return this;
    }

    public Counters build() {
        return new Counters(txPackets, txBytes, txErrors, rxPackets, rxBytes, rxSeqDiscards, rxOosPackets, rxErrors,
                rxCookieDiscards, rxInvalid);
    }
}
