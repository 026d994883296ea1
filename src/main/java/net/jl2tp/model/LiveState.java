package net.jl2tp.model;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What the kernel has, as read in one pass: the comparable state, plus what only the read-only
 * commands show (counters, operational state, ifindex).
 */
public record LiveState(NetworkState state, SortedMap<Long, Counters> tunnelStats,
        SortedMap<SessionKey, Counters> sessionStats, Map<String, LinkStatus> linkStatus) {

    /**
     * What `ip link` shows of an interface beyond its settings.
     *
     * @param counters its own counters (`ip -s link`), empty when the kernel did not report them
     */
    public record LinkStatus(int index, String operState, boolean carrier, String macAddress,
            Optional<InterfaceCounters> counters) {
    }
}
