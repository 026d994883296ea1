package net.jl2tp.kernel;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import net.jl2tp.model.Session;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.netlink.l2tp.L2tpNetlink;
import net.jl2tp.netlink.l2tp.L2tpSessionCodec;
import net.jl2tp.netlink.l2tp.L2tpTunnelCodec;
import net.jl2tp.netlink.route.AddressCodec;
import net.jl2tp.netlink.route.LinkCodec;
import net.jl2tp.plan.Change;

/**
 * The pure mapping from a plan step to netlink: its request, what a refusal means, and for a
 * delete the lookups that answer ENODEV once the object is really gone. Links are named by
 * ifindex; {@code ifindex} knows them (the caller looked them up first).
 */
final class ChangeRequests {
    /** A step on the wire; the probes are empty for a step that deletes nothing. */
    record WireStep(NetlinkRequest request, IntFunction<String> hint, List<NetlinkRequest> l2tpProbes,
            List<NetlinkRequest> linkProbes) {
        static WireStep of(NetlinkRequest request) {
            return new WireStep(request, errno -> null, List.of(), List.of());
        }

        boolean isDelete() {
            return !l2tpProbes.isEmpty() || !linkProbes.isEmpty();
        }
    }

    private final L2tpTunnelCodec tunnels;
    private final L2tpSessionCodec sessions;
    private final ToIntFunction<String> ifindex;

    ChangeRequests(L2tpTunnelCodec tunnels, L2tpSessionCodec sessions, ToIntFunction<String> ifindex) {
        this.tunnels = tunnels;
        this.sessions = sessions;
        this.ifindex = ifindex;
    }

    WireStep map(Change change) {
        return change.accept(visitor);
    }

    private final Change.Visitor<WireStep> visitor = new Change.Visitor<>() {
        public WireStep createTunnel(Change.CreateTunnel c) {
            // The l2tp family sends no extack text of its own: the hint says what a refusal means.
            return new WireStep(tunnels.create(TunnelWire.toWire(c.tunnel())),
                    errno -> L2tpNetlink.createTunnelHint(errno, TunnelWire.toWire(c.tunnel())), List.of(), List.of());
        }

        public WireStep deleteTunnel(Change.DeleteTunnel c) {
            long id = c.tunnel().tunnelId();
            return new WireStep(tunnels.delete(id), errno -> null, List.of(tunnels.get(id)), List.of());
        }

        public WireStep createSession(Change.CreateSession c) {
            return new WireStep(sessions.create(SessionWire.toWire(c.session())),
                    errno -> L2tpNetlink.createSessionHint(errno, SessionWire.toWire(c.session())), List.of(), List.of());
        }

        public WireStep deleteSession(Change.DeleteSession c) {
            // An interface goes after its session: both lookups must answer ENODEV.
            Session s = c.session();
            return new WireStep(sessions.delete(s.tunnelId(), s.sessionId()), errno -> null,
                    List.of(sessions.get(s.tunnelId(), s.sessionId())),
                    s.interfaceName() == null ? List.of() : List.of(LinkCodec.get(s.interfaceName())));
        }

        public WireStep modifySession(Change.ModifySession c) {
            Session s = c.to();
            return WireStep.of(sessions.modifySequencing(s.tunnelId(), s.sessionId(), s.sequencing().receive(),
                    s.sequencing().send(), false));
        }

        public WireStep createLink(Change.CreateLink c) {
            return WireStep.of(LinkWire.create(c.link(), ifindex));
        }

        public WireStep deleteLink(Change.DeleteLink c) {
            return new WireStep(LinkCodec.delete(ifindex.applyAsInt(c.link().name())), errno -> null, List.of(),
                    List.of(LinkCodec.get(c.link().name())));
        }

        public WireStep setMtu(Change.SetMtu c) {
            return WireStep.of(LinkCodec.setMtu(ifindex.applyAsInt(c.link()), c.to()));
        }

        public WireStep setMaster(Change.SetMaster c) {
            return WireStep.of(LinkCodec.setMaster(ifindex.applyAsInt(c.link()),
                    c.to().isPresent() ? ifindex.applyAsInt(c.to().get()) : 0));
        }

        public WireStep setUp(Change.SetUp c) {
            return WireStep.of(LinkCodec.setUp(ifindex.applyAsInt(c.link()), c.up()));
        }

        public WireStep addAddress(Change.AddAddress c) {
            return WireStep.of(AddressCodec.add(AddressWire.toWire(ifindex.applyAsInt(c.link()), c.address())));
        }

        public WireStep deleteAddress(Change.DeleteAddress c) {
            return WireStep.of(AddressCodec.delete(AddressWire.toWire(ifindex.applyAsInt(c.link()), c.address())));
        }

        public WireStep adopt(Change.Adopt c) {
            throw new IllegalStateException("no kernel operation for " + c); // Batches never sends one
        }
    };
}
