package net.jl2tp.kernel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.ToIntFunction;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.netlink.route.LinkCodec;

/**
 * A link (bridge or vlan) on the wire and in the model. rtnetlink names a vlan's parent and a
 * port's bridge by ifindex, the model by name: both directions go through a name/index map.
 */
final class LinkWire {
    private LinkWire() {
    }

    /** RTM_NEWLINK for a bridge or a vlan; its mtu, master and state are steps of their own. */
    static NetlinkRequest create(Link link, ToIntFunction<String> ifindex) {
        return link.vlan().isPresent()
                ? LinkCodec.createVlan(link.name(), ifindex.applyAsInt(link.vlan().get().link()), link.vlan().get().id())
                : LinkCodec.createBridge(link.name(), 0);
    }

    /**
     * The session interface has no rtnetlink kind: {@code sessionInterface} says the session dump
     * named it, never its name pattern.
     */
    static Link fromWire(net.jl2tp.netlink.route.Link link, boolean sessionInterface, Map<Integer, String> namesByIndex,
            List<InterfaceAddress> addresses) {
        LinkKind kind = sessionInterface ? LinkKind.SESSION
                : link.isKind("bridge") ? LinkKind.BRIDGE
                : link.isKind("vlan") ? LinkKind.VLAN
                : LinkKind.OTHER;
        Optional<Link.VlanOf> vlan = kind == LinkKind.VLAN
                ? Optional.ofNullable(namesByIndex.get(link.parentIndex())).map(p -> new Link.VlanOf(p, link.vlanId()))
                : Optional.empty();
        return new Link(link.name(), kind, vlan, OptionalInt.of(link.mtu()), link.isAdministrativelyUp(),
                Optional.ofNullable(namesByIndex.get(link.masterIndex())), addresses);
    }
}
