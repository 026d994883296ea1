package net.jl2tp.plan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;

/**
 * Which objects of a try's scope are not as they were before it, told from the two states alone,
 * field by field: what a rollback reports as not restored, and what its state record must not
 * claim as restored. Not from a restore plan, which skips an object it cannot restore with only a
 * note. Compared is what a rollback puts back: every field of a tunnel and a session (but the
 * l2spec type, which the kernel does not report), a link's kind, vlan, mtu, master, addresses
 * (those the kernel makes aside) and up; of a link jl2tp does not own, its master alone.
 */
public final class AsBefore {
    private AsBefore() {
    }

    public static Set<ObjectRef> differing(Before before, NetworkState live) {
        NetworkState b = before.state();
        Set<ObjectRef> out = new LinkedHashSet<>();
        for (long id : before.scope().tunnels()) {
            if (!Objects.equals(b.tunnels().get(id), live.tunnels().get(id))) {
                out.add(new ObjectRef.TunnelRef(id));
            }
        }
        for (var key : before.scope().sessions()) {
            if (!sameSession(b.sessions().get(key), live.sessions().get(key))) {
                out.add(new ObjectRef.SessionRef(key));
            }
        }
        for (String name : before.scope().links()) {
            if (!sameLink(b.links().get(name), live.links().get(name))) {
                out.add(new ObjectRef.LinkRef(name));
            }
        }
        return out;
    }

    private static boolean sameSession(Session was, Session is) {
        if (was == null || is == null) {
            return was == is;
        }
        return was.tunnelId() == is.tunnelId() && was.sessionId() == is.sessionId()
                && was.peerSessionId() == is.peerSessionId() && Objects.equals(was.interfaceName(), is.interfaceName())
                && was.cookie().equals(is.cookie()) && was.peerCookie().equals(is.peerCookie())
                && was.sequencing() == is.sequencing();
    }

    private static boolean sameLink(Link was, Link is) {
        if (was == null || is == null) {
            // A link of someone else's that was not there and is not now is as before; one that
            // was and is gone, or is there now in place of nothing, is not.
            return was == is;
        }
        if (was.kind() == LinkKind.OTHER && is.kind() == LinkKind.OTHER) {
            return was.master().equals(is.master());
        }
        return was.kind() == is.kind() && was.vlan().equals(is.vlan())
                && (was.mtu().isEmpty() || was.mtu().equals(is.mtu())) && was.master().equals(is.master())
                && was.up() == is.up() && ownAddresses(was.addresses()).equals(ownAddresses(is.addresses()));
    }

    private static Set<InterfaceAddress> ownAddresses(List<InterfaceAddress> addresses) {
        Set<InterfaceAddress> own = new LinkedHashSet<>();
        for (InterfaceAddress a : addresses) {
            if (!Addresses.isKernelMade(a)) {
                own.add(a);
            }
        }
        return Set.copyOf(own);
    }
}
