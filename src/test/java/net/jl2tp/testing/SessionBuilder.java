package net.jl2tp.testing;

import java.util.Optional;
import net.jl2tp.model.Cookie;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;

/**
 * A {@link Session} for tests, field by field by name. Starts as the man page's session: 1000 in
 * tunnel 3000, peer session 2000, interface l2tpeth0, no cookies, the default L2-specific
 * sublayer, no sequencing.
 */
public final class SessionBuilder {
    private long tunnelId = 3000;
    private long sessionId = 1000;
    private long peerSessionId = 2000;
    private String interfaceName = "l2tpeth0";
    private Optional<Cookie> cookie = Optional.empty();
    private Optional<Cookie> peerCookie = Optional.empty();
    private Optional<L2specType> l2specType = Optional.of(L2specType.DEFAULT);
    private Sequencing sequencing = Sequencing.NONE;

    private SessionBuilder() {
    }

    public static SessionBuilder session() {
        return new SessionBuilder();
    }

    /** Every field of {@code s}, to change a few. */
    public static SessionBuilder from(Session s) {
        return session().tunnelId(s.tunnelId()).sessionId(s.sessionId()).peerSessionId(s.peerSessionId())
                .interfaceName(s.interfaceName()).cookie(s.cookie()).peerCookie(s.peerCookie())
                .l2specType(s.l2specType()).sequencing(s.sequencing());
    }

    public SessionBuilder tunnelId(long value) {
        tunnelId = value;
        return this;
    }

    public SessionBuilder sessionId(long value) {
        sessionId = value;
        return this;
    }

    public SessionBuilder peerSessionId(long value) {
        peerSessionId = value;
        return this;
    }

    public SessionBuilder interfaceName(String value) {
        interfaceName = value;
        return this;
    }

    /** A cookie in hex, as the config writes it. */
    public SessionBuilder cookie(String hex) {
        cookie = Optional.of(new Cookie(hex));
        return this;
    }

    public SessionBuilder cookie(Optional<Cookie> value) {
        cookie = value;
        return this;
    }

    public SessionBuilder peerCookie(String hex) {
        peerCookie = Optional.of(new Cookie(hex));
        return this;
    }

    public SessionBuilder peerCookie(Optional<Cookie> value) {
        peerCookie = value;
        return this;
    }

    public SessionBuilder l2specType(Optional<L2specType> value) {
        l2specType = value;
        return this;
    }

    public SessionBuilder l2specType(L2specType value) {
        l2specType = Optional.of(value);
        return this;
    }

    /** As a kernel that does not report the L2-specific sublayer shows it. */
    public SessionBuilder l2specTypeUnknown() {
        l2specType = Optional.empty();
        return this;
    }

    public SessionBuilder sequencing(Sequencing value) {
        sequencing = value;
        return this;
    }

    public Session build() {
        return new Session(tunnelId, sessionId, peerSessionId, interfaceName, cookie, peerCookie, l2specType, sequencing);
    }
}
