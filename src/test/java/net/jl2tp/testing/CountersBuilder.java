package net.jl2tp.testing;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import net.jl2tp.model.Counter;
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
    private final Set<Counter> unknown = EnumSet.noneOf(Counter.class);

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

    /** These counters not reported, as by a kernel that lacks them. */
    public CountersBuilder unknown(Counter... counters) {
        unknown.addAll(List.of(counters));
        return this;
    }

    public Counters build() {
        Counters all = new Counters(txPackets, txBytes, txErrors, rxPackets, rxBytes, rxSeqDiscards, rxOosPackets, rxErrors,
                rxCookieDiscards, rxInvalid);
        return Counters.from(c -> unknown.contains(c) ? OptionalLong.empty() : all.get(c));
    }
}
