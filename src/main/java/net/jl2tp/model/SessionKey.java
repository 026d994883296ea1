package net.jl2tp.model;

import java.util.Comparator;

/** A session's identity in the kernel: its id within its tunnel. */
public record SessionKey(long tunnelId, long sessionId) implements Comparable<SessionKey> {
    private static final Comparator<SessionKey> ORDER =
            Comparator.comparingLong(SessionKey::tunnelId).thenComparingLong(SessionKey::sessionId);

    @Override
    public int compareTo(SessionKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return tunnelId + "/" + sessionId;
    }
}
