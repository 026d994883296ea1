package net.jl2tp.kernel;

import java.util.Map;
import java.util.SortedMap;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.SessionKey;
import net.jl2tp.netlink.l2tp.L2tpStats;

/**
 * What the kernel has, as read in one pass: the comparable state, plus what only the read-only
 * commands show (counters, operational state, ifindex).
 */
public record LiveState(NetworkState state, SortedMap<Long, L2tpStats> tunnelStats,
        SortedMap<SessionKey, L2tpStats> sessionStats, Map<String, LinkStatus> linkStatus) {

    /** What `ip link` shows of an interface beyond its settings. */
    public record LinkStatus(int index, String operState, boolean carrier, String macAddress) {
    }
}
