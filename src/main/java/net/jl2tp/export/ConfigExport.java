package net.jl2tp.export;

import net.jl2tp.config.ConfigSchema;
import net.jl2tp.json.Tree;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.LiveState;
import net.jl2tp.model.Cookie;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;

/**
 * The live state written in the config format (README, Config reference): what
 * {@code jl2tp-apply show} prints. Loaded as a config, it validates, and applied it changes nothing.
 *
 * <ul>
 * <li>The first line is the modeline that points editors at the JSON Schema ({@link ConfigSchema#MODELINE}).
 * <li>Tunnels are labelled {@code tunnel-ID}: the kernel keeps no label.
 * <li>Every key the kernel reports is written, defaults included; keys that do not apply (ports
 *     with {@code encap: ip}, the IPv4 checksum on IPv6) are not.
 * <li>A session's {@code l2spec-type} is not reported by the kernel. It is written when jl2tp's
 *     state record holds the session as the kernel has it (same ids, interface and cookies: jl2tp
 *     made it); otherwise a comment {@value #L2SPEC_NOT_REPORTED} stands in its place (the key is
 *     absent, so {@code default} applies) and JSON leaves the key out.
 * <li>A session's {@code mtu} is the live number, never {@code auto}.
 * <li>Bridges with a session interface (or a vlan over one) as a port, and vlans over session
 *     interfaces (or over such vlans), are written with their ports, mtu, state and addresses.
 *     Other links are not, except by name as a bridge port.
 * <li>IPv6 link-local addresses (fe80::/10), which the kernel makes itself, are left out.
 * </ul>
 */
public final class ConfigExport {
    public static final String L2SPEC_NOT_REPORTED = "l2spec-type: not reported by the kernel; default assumed";
    static final String HEADER = "The live L2TP state, written by jl2tp-apply show. Tunnel labels are made from the ids.";

    private ConfigExport() {
    }

    public static Tree.Mapping of(LiveState live, Ownership record) {
        NetworkState state = live.state();
        SortedMap<String, Link> vlans = vlansOverSessions(state);
        Set<String> involved = new HashSet<>(vlans.keySet());
        state.sessions().values().forEach(s -> involved.add(s.interfaceName()));
        SortedMap<String, List<String>> bridges = bridgesOf(state, involved);

        Tree.MappingBuilder tunnels = Tree.mapping();
        for (Tunnel tunnel : state.tunnels().values()) {
            tunnels.put(label(tunnel), tunnel(tunnel, state, record));
        }
        Tree.MappingBuilder bridgeEntries = Tree.mapping();
        bridges.forEach((name, ports) -> {
            Link bridge = state.links().get(name);
            Tree.MappingBuilder b = Tree.mapping()
                    .put("interfaces", new Tree.Sequence(ports.stream().map(p -> (Tree) Tree.text(p)).toList()));
            linkSettings(b, bridge);
            bridgeEntries.put(name, b.build());
        });
        Tree.MappingBuilder vlanEntries = Tree.mapping();
        vlans.forEach((name, vlan) -> {
            Tree.MappingBuilder v = Tree.mapping()
                    .put("link", vlan.vlan().orElseThrow().link())
                    .put("id", vlan.vlan().orElseThrow().id());
            linkSettings(v, vlan);
            vlanEntries.put(name, v.build());
        });
        Tree.Mapping l2tp = Tree.mapping()
                .put("version", 1)
                .put("tunnels", tunnels.build())
                .put("bridges", bridgeEntries.build())
                .put("vlans", vlanEntries.build())
                .build();
        return Tree.mapping().comment(ConfigSchema.MODELINE).comment(HEADER).put("l2tp", l2tp).build();
    }

    /** The label show gives a tunnel: stable across runs, since the kernel keeps none. */
    public static String label(Tunnel tunnel) {
        return "tunnel-" + tunnel.tunnelId();
    }

    private static Tree tunnel(Tunnel t, NetworkState state, Ownership record) {
        Tree.MappingBuilder m = Tree.mapping()
                .put("tunnel-id", t.tunnelId())
                .put("peer-tunnel-id", t.peerTunnelId())
                .put("encap", t.encap().keyword())
                .put("local", IpAddresses.format(t.local()))
                .put("remote", IpAddresses.format(t.remote()));
        if (t.encap() == Encap.UDP) {
            m.put("udp-source-port", t.udpSourcePort()).put("udp-destination-port", t.udpDestinationPort());
            if (t.isIpv6()) {
                m.put("udp6-checksum-tx", t.udp6ChecksumTx()).put("udp6-checksum-rx", t.udp6ChecksumRx());
            } else {
                m.put("udp-checksum", t.udpChecksum());
            }
        }
        Tree.MappingBuilder sessions = Tree.mapping();
        for (Session s : state.sessions().values()) {
            if (s.tunnelId() != t.tunnelId()) {
                continue;
            }
            if (s.interfaceName() == null) {
                sessions.comment("session " + s.sessionId() + " (peer " + s.peerSessionId()
                        + ") has no interface: not an Ethernet pseudowire, left out");
                continue;
            }
            sessions.put(s.interfaceName(), session(s, state.links().get(s.interfaceName()), record));
        }
        return m.put("sessions", sessions.build()).build();
    }

    private static Tree session(Session s, Link link, Ownership record) {
        Tree.MappingBuilder m = Tree.mapping()
                .put("session-id", s.sessionId())
                .put("peer-session-id", s.peerSessionId());
        s.cookie().ifPresent(c -> m.put("cookie", c.hex()));
        s.peerCookie().ifPresent(c -> m.put("peer-cookie", c.hex()));
        Optional<L2specType> l2spec = recordedL2spec(s, record);
        if (l2spec.isPresent()) {
            m.put("l2spec-type", l2spec.get().keyword());
        } else {
            m.comment(L2SPEC_NOT_REPORTED);
        }
        m.put("sequencing", s.sequencing().keyword());
        if (link == null) {
            m.comment("interface " + s.interfaceName() + " not found: mtu, up and addresses left out");
        } else {
            linkSettings(m, link);
        }
        return m.build();
    }

    /** The l2spec type jl2tp recorded, if the session is still the one it made. */
    static Optional<L2specType> recordedL2spec(Session live, Ownership record) {
        Session made = record.owned().sessions().get(live.key());
        boolean same = made != null && made.peerSessionId() == live.peerSessionId()
                && Objects.equals(made.interfaceName(), live.interfaceName())
                && made.cookie().map(Cookie::hex).equals(live.cookie().map(Cookie::hex))
                && made.peerCookie().map(Cookie::hex).equals(live.peerCookie().map(Cookie::hex));
        return same ? made.l2specType() : Optional.empty();
    }

    private static void linkSettings(Tree.MappingBuilder m, Link link) {
        link.mtu().ifPresent(mtu -> m.put("mtu", mtu));
        m.put("up", link.up());
        List<Tree> addresses = new ArrayList<>();
        for (InterfaceAddress a : link.addresses()) {
            if (!isKernelMade(a.address())) {
                addresses.add(address(a));
            }
        }
        if (!addresses.isEmpty()) {
            m.put("addresses", new Tree.Sequence(addresses));
        }
    }

    /** IPv6 link-local addresses: the kernel adds one to every interface; a config never lists them. */
    static boolean isKernelMade(InetAddress address) {
        return address instanceof Inet6Address v6 && v6.isLinkLocalAddress();
    }

    static Tree address(InterfaceAddress a) {
        if (a.peer().isEmpty()) {
            return Tree.text(IpAddresses.format(a.address()) + "/" + a.prefixLength());
        }
        InetAddress peer = a.peer().get();
        String peerText = IpAddresses.format(peer)
                + (a.prefixLength() == IpAddresses.maxPrefix(peer) ? "" : "/" + a.prefixLength());
        return Tree.mapping().put("address", IpAddresses.format(a.address())).put("peer", peerText).build();
    }

    /** Vlans whose link is a session interface, or a vlan already found (vlan over vlan). */
    static SortedMap<String, Link> vlansOverSessions(NetworkState state) {
        Set<String> parents = new HashSet<>();
        state.sessions().values().forEach(s -> parents.add(s.interfaceName()));
        SortedMap<String, Link> vlans = new TreeMap<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Link link : state.links().values()) {
                if (link.kind() == LinkKind.VLAN && link.vlan().isPresent() && !vlans.containsKey(link.name())
                        && parents.contains(link.vlan().get().link())) {
                    vlans.put(link.name(), link);
                    parents.add(link.name());
                    grew = true;
                }
            }
        }
        return vlans;
    }

    /** Bridges with at least one involved port, each with all its ports by name. */
    static SortedMap<String, List<String>> bridgesOf(NetworkState state, Set<String> involved) {
        SortedMap<String, List<String>> ports = new TreeMap<>();
        for (Link link : state.links().values()) {
            link.master().ifPresent(master -> ports.computeIfAbsent(master, k -> new ArrayList<>()).add(link.name()));
        }
        SortedMap<String, List<String>> bridges = new TreeMap<>();
        ports.forEach((bridge, members) -> {
            Link master = state.links().get(bridge);
            if (master != null && master.kind() == LinkKind.BRIDGE && members.stream().anyMatch(involved::contains)) {
                bridges.put(bridge, members.stream().sorted().toList());
            }
        });
        return bridges;
    }
}
