package net.jl2tp.model;

import java.util.Optional;

/**
 * A session as the kernel holds it. Only {@code sequencing} can change in place
 * (SESSION_MODIFY); any other difference means delete and create again.
 *
 * @param l2specType empty when read from the kernel, which does not report it
 */
public record Session(long tunnelId, long sessionId, long peerSessionId, String interfaceName,
        Optional<Cookie> cookie, Optional<Cookie> peerCookie, Optional<L2specType> l2specType,
        Sequencing sequencing) {

    public SessionKey key() {
        return new SessionKey(tunnelId, sessionId);
    }
}
