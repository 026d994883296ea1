package net.jl2tp.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import net.jl2tp.config.AddressConfig;
import net.jl2tp.config.BridgeConfig;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.Marks;
import net.jl2tp.config.PortConfig;
import net.jl2tp.config.SessionConfig;
import net.jl2tp.config.TunnelConfig;
import net.jl2tp.config.VlanConfig;
import net.jl2tp.model.Cookie;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.Mtu;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;

/** Turns a validated config into the desired state, applying every default in one place. */
public final class DesiredBuilder {
    private DesiredBuilder() {
    }

    public static Desired build(L2tpConfig config) {
        TreeMap<Long, Tunnel> tunnels = new TreeMap<>();
        TreeMap<SessionKey, Session> sessions = new TreeMap<>();
        TreeMap<String, Link> links = new TreeMap<>();
        TreeMap<String, String> foreignPorts = new TreeMap<>();
        Map<ObjectRef, Marks> marks = new HashMap<>();
        Map<Long, String> labels = new HashMap<>();
        Map<String, Mtu> sessionMtus = new HashMap<>();

        Map<String, String> masterOf = new HashMap<>();
        for (BridgeConfig bridge : config.bridges()) {
            for (PortConfig port : bridge.interfaces()) {
                masterOf.put(port.name(), bridge.name());
            }
        }

        for (TunnelConfig t : config.tunnels()) {
            Tunnel tunnel = tunnel(t);
            tunnels.put(tunnel.tunnelId(), tunnel);
            labels.put(tunnel.tunnelId(), t.label());
            marks.put(new ObjectRef.TunnelRef(tunnel.tunnelId()), t.marks());
            for (SessionConfig s : t.sessions()) {
                Session session = new Session(tunnel.tunnelId(), s.sessionId(), s.peerSessionId(), s.name(),
                        Optional.ofNullable(s.cookie()).map(Cookie::new),
                        Optional.ofNullable(s.peerCookie()).map(Cookie::new),
                        Optional.of(s.l2specType() == null ? L2specType.DEFAULT : s.l2specType()),
                        s.sequencing() == null ? Sequencing.NONE : s.sequencing());
                sessions.put(session.key(), session);
                marks.put(new ObjectRef.SessionRef(session.key()), s.marks());
                marks.put(new ObjectRef.LinkRef(s.name()), s.marks());
                sessionMtus.put(s.name(), s.mtu() == null ? new Mtu.Auto() : s.mtu());
                links.put(s.name(), new Link(s.name(), LinkKind.SESSION, Optional.empty(), mtu(s.mtu()),
                        s.up() == null || s.up(), Optional.ofNullable(masterOf.get(s.name())), addresses(s.addresses())));
            }
        }
        for (BridgeConfig b : config.bridges()) {
            marks.put(new ObjectRef.LinkRef(b.name()), b.marks());
            links.put(b.name(), new Link(b.name(), LinkKind.BRIDGE, Optional.empty(), mtu(b.mtu()),
                    b.up() == null || b.up(), Optional.empty(), addresses(b.addresses())));
        }
        for (VlanConfig v : config.vlans()) {
            marks.put(new ObjectRef.LinkRef(v.name()), v.marks());
            links.put(v.name(), new Link(v.name(), LinkKind.VLAN, Optional.of(new Link.VlanOf(v.link(), v.id().intValue())),
                    mtu(v.mtu()), v.up() == null || v.up(), Optional.ofNullable(masterOf.get(v.name())),
                    addresses(v.addresses())));
        }
        masterOf.forEach((port, bridge) -> {
            if (!links.containsKey(port)) {
                foreignPorts.put(port, bridge);
            }
        });
        return new Desired(new NetworkState(tunnels, sessions, links, foreignPorts), marks, labels, sessionMtus,
                Map.of(), List.of());
    }

    static Tunnel tunnel(TunnelConfig t) {
        boolean udp = t.effectiveEncap() == Encap.UDP;
        boolean ipv4 = IpAddresses.family(t.local()).equals("IPv4");
        return new Tunnel(t.tunnelId(), t.peerTunnelId(), t.effectiveEncap(), t.local(), t.remote(),
                udp ? t.udpSourcePort().intValue() : 0, udp ? t.udpDestinationPort().intValue() : 0,
                udp && ipv4 && Boolean.TRUE.equals(t.udpChecksum()),
                !(udp && !ipv4 && Boolean.FALSE.equals(t.udp6ChecksumTx())),
                !(udp && !ipv4 && Boolean.FALSE.equals(t.udp6ChecksumRx())));
    }

    /**
     * A fixed MTU is wanted as given. {@code auto} and an absent key are empty here: the MTU is left
     * as the kernel has it until {@link MtuResolver} puts in the number worked out from the route.
     */
    private static OptionalInt mtu(Mtu mtu) {
        return mtu instanceof Mtu.Fixed fixed ? OptionalInt.of(fixed.bytes()) : OptionalInt.empty();
    }

    private static List<InterfaceAddress> addresses(List<AddressConfig> addresses) {
        return addresses.stream().map(AddressConfig::address).toList();
    }
}
