package net.jl2tp.plan;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;

/** What the scope's objects were before the try: {@code state} holds those that existed, as they were. */
public record Before(TryScope scope, NetworkState state) {
    /**
     * @param live the kernel read just before the try (under the lock)
     * @param record the state record then: it knows the l2spec type of the sessions jl2tp made, which
     *     the kernel does not report. A foreign session's stays unknown: made again, it gets the
     *     kernel's default.
     */
    public static Before capture(TryScope scope, NetworkState live, Ownership record) {
        NetworkState inScope = live.only(scope.tunnels()::contains, scope.sessions()::contains,
                scope.links()::contains, port -> false);
        Map<SessionKey, Session> sessions = new TreeMap<>();
        inScope.sessions().forEach((key, s) -> sessions.put(key, withRecordedL2spec(s, record)));
        return new Before(scope, NetworkState.of(inScope.tunnels(), sessions, inScope.links(), Map.of()));
    }

    /**
     * A session as read from the kernel, with the l2spec type the record has for it when the record's
     * session is this one (every other field the same); otherwise as read.
     */
    static Session withRecordedL2spec(Session live, Ownership record) {
        if (live.l2specType().isPresent()) {
            return live;
        }
        Session recorded = record.owned().sessions().get(live.key());
        if (recorded == null || !withL2spec(recorded, Optional.empty()).equals(live)) {
            return live;
        }
        return recorded;
    }

    private static Session withL2spec(Session s, Optional<L2specType> l2spec) {
        return new Session(s.tunnelId(), s.sessionId(), s.peerSessionId(), s.interfaceName(), s.cookie(),
                s.peerCookie(), l2spec, s.sequencing());
    }
}
