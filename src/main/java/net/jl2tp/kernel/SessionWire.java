package net.jl2tp.kernel;

import java.util.Optional;
import net.jl2tp.model.Cookie;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.netlink.l2tp.L2tpL2specType;
import net.jl2tp.netlink.l2tp.L2tpSession;

/**
 * A session on the wire and in the model. The kernel reports no L2-specific sublayer type, so a
 * session read back has none: the planner compares it only where the config sets one.
 */
final class SessionWire {
    private SessionWire() {
    }

    static L2tpSession toWire(Session s) {
        L2tpL2specType l2spec = s.l2specType().orElse(L2specType.DEFAULT) == L2specType.NONE
                ? L2tpL2specType.NONE : L2tpL2specType.DEFAULT;
        return new L2tpSession(s.tunnelId(), 0, s.sessionId(), s.peerSessionId(), s.interfaceName(),
                s.cookie().map(c -> c.hex()).orElse(""), s.peerCookie().map(c -> c.hex()).orElse(""), l2spec,
                s.sequencing().receive(), s.sequencing().send(), false);
    }

    static Session fromWire(L2tpSession s) {
        return new Session(s.tunnelId(), s.sessionId(), s.peerSessionId(), s.interfaceName(),
                cookie(s.cookie()), cookie(s.peerCookie()), Optional.empty(),
                Sequencing.of(s.sendSeq(), s.recvSeq()));
    }

    private static Optional<Cookie> cookie(String hex) {
        return hex == null || hex.isEmpty() ? Optional.empty() : Optional.of(new Cookie(hex));
    }
}
