package net.jl2tp.validate;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jl2tp.config.AddressConfig;
import net.jl2tp.config.BridgeConfig;
import net.jl2tp.config.ConfigKey;
import net.jl2tp.config.InterfaceKeys;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.LinkEndKeys;
import net.jl2tp.config.Marked;
import net.jl2tp.config.PortConfig;
import net.jl2tp.config.Problem;
import net.jl2tp.config.SessionConfig;
import net.jl2tp.config.SessionKeys;
import net.jl2tp.config.SourceMark;
import net.jl2tp.config.TunnelConfig;
import net.jl2tp.config.TunnelKeys;
import net.jl2tp.config.VlanConfig;
import net.jl2tp.config.VlanKeys;
import net.jl2tp.model.Encap;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Sequencing;

/**
 * Rules that span fields or objects. Each one stands for a way the kernel would fail half-way
 * through an apply, or accept a config that cannot pass traffic.
 */
final class CrossObjectRules {
    private final List<Problem> problems = new ArrayList<>();

    private CrossObjectRules() {
    }

    static List<Problem> check(L2tpConfig config) {
        CrossObjectRules rules = new CrossObjectRules();
        rules.tunnels(config.tunnels());
        rules.sessionIds(config.tunnels());
        rules.interfaceNames(config);
        rules.bridges(config);
        rules.vlans(config.vlans());
        rules.vlansUpOnDownLinks(config);
        rules.problems.addAll(InterfaceStacking.check(config));
        return rules.problems;
    }

    private void problem(SourceMark mark, String message) {
        problems.add(new Problem(mark, message));
    }

    private void tunnels(List<TunnelConfig> tunnels) {
        FirstSeen<Long, TunnelConfig> byId = new FirstSeen<>();
        FirstSeen<String, TunnelConfig> bySocket = new FirstSeen<>();
        for (TunnelConfig tunnel : tunnels) {
            endpoints(tunnel);
            udpKeys(tunnel);
            SourceMark idMark = tunnel.marks().of(TunnelKeys.TUNNEL_ID);
            if (tunnel.tunnelId() != null) {
                byId.claim(tunnel.tunnelId(), tunnel, idMark).ifPresent(first -> problem(idMark, TunnelKeys.TUNNEL_ID
                        + " " + tunnel.tunnelId() + " is already used by tunnel '" + first.value().label() + "' at "
                        + first.mark() + derived(tunnel, TunnelKeys.TUNNEL_ID, LinkEndKeys.TUNNEL_ID)));
            }
            if (tunnel.effectiveEncap() == Encap.UDP && tunnel.local() != null && tunnel.udpSourcePort() != null) {
                String socket = IpAddresses.format(tunnel.local()) + " port " + tunnel.udpSourcePort();
                SourceMark portMark = tunnel.marks().of(TunnelKeys.UDP_SOURCE_PORT);
                bySocket.claim(socket, tunnel, portMark).ifPresent(first -> problem(portMark, TunnelKeys.LOCAL + " "
                        + socket + " is already used by tunnel '" + first.value().label() + "' at " + first.mark()
                        + "; the kernel gives each UDP tunnel its own socket, and refuses a second one "
                        + "on the same address and port (EADDRINUSE)"
                        + derived(tunnel, TunnelKeys.UDP_SOURCE_PORT, LinkEndKeys.UDP_PORT)));
            }
        }
    }

    private void endpoints(TunnelConfig tunnel) {
        InetAddress local = tunnel.local();
        InetAddress remote = tunnel.remote();
        for (ConfigKey<InetAddress> key : List.of(TunnelKeys.LOCAL, TunnelKeys.REMOTE)) {
            InetAddress address = key == TunnelKeys.LOCAL ? local : remote;
            if (address != null && (address.isAnyLocalAddress() || address.isMulticastAddress()
                    || IpAddresses.format(address).equals("255.255.255.255"))) {
                problem(tunnel.marks().of(key), key + " " + IpAddresses.format(address)
                        + " is not a usable tunnel endpoint; give a unicast address");
            }
        }
        if (local == null || remote == null) {
            return;
        }
        if (!IpAddresses.sameFamily(local, remote)) {
            problem(tunnel.marks().of(TunnelKeys.REMOTE), TunnelKeys.REMOTE + " " + IpAddresses.format(remote) + " is "
                    + IpAddresses.family(remote) + " but " + TunnelKeys.LOCAL + " " + IpAddresses.format(local) + " is "
                    + IpAddresses.family(local) + "; a tunnel's two ends must be of one family");
        } else if (local.equals(remote)) {
            problem(tunnel.marks().of(TunnelKeys.REMOTE), TunnelKeys.REMOTE + " is the same address as "
                    + TunnelKeys.LOCAL);
        }
    }

    private void udpKeys(TunnelConfig tunnel) {
        String owner = "tunnel '" + tunnel.label() + "'";
        boolean udp = tunnel.effectiveEncap() == Encap.UDP;
        for (ConfigKey<Long> key : List.of(TunnelKeys.UDP_SOURCE_PORT, TunnelKeys.UDP_DESTINATION_PORT)) {
            boolean present = tunnel.marks().has(key);
            if (udp && !present) {
                problem(tunnel.marks().self(), owner + " uses UDP encapsulation and needs '" + key + "'");
            } else if (!udp && present) {
                problem(tunnel.marks().of(key), notForIpEncap(key));
            }
        }
        Boolean v6 = tunnel.local() == null ? null : !IpAddresses.family(tunnel.local()).equals("IPv4");
        if (tunnel.marks().has(TunnelKeys.UDP_CHECKSUM)) {
            SourceMark mark = tunnel.marks().of(TunnelKeys.UDP_CHECKSUM);
            if (!udp) {
                problem(mark, notForIpEncap(TunnelKeys.UDP_CHECKSUM));
            } else if (Boolean.TRUE.equals(v6)) {
                problem(mark, TunnelKeys.UDP_CHECKSUM + " applies to IPv4 tunnels; an IPv6 tunnel uses "
                        + TunnelKeys.UDP6_CHECKSUM_TX + " and " + TunnelKeys.UDP6_CHECKSUM_RX);
            }
        }
        for (ConfigKey<Boolean> key : List.of(TunnelKeys.UDP6_CHECKSUM_TX, TunnelKeys.UDP6_CHECKSUM_RX)) {
            if (!tunnel.marks().has(key)) {
                continue;
            }
            if (!udp) {
                problem(tunnel.marks().of(key), notForIpEncap(key));
            } else if (Boolean.FALSE.equals(v6)) {
                problem(tunnel.marks().of(key), key + " applies to IPv6 tunnels; an IPv4 tunnel uses "
                        + TunnelKeys.UDP_CHECKSUM);
            }
        }
    }

    /**
     * For a value a link derived rather than the file gave: how to choose another. Derived numbers
     * are never changed silently (that would move them when other links change), so a collision
     * is the user's to resolve.
     */
    private static String derived(Marked object, ConfigKey<?> key, ConfigKey<?> endKey) {
        return object.marks().isDerived(key) ? " (derived from the link's label and site name; give an explicit "
                + endKey + " in the link's end to choose another)" : "";
    }

    private static String notForIpEncap(ConfigKey<?> key) {
        return key + " does not apply to " + TunnelKeys.ENCAP + ": ip; remove it";
    }

    private void sessionIds(List<TunnelConfig> tunnels) {
        record Placed(TunnelConfig tunnel, SessionConfig session) {
        }
        // By session id, the first session placed with it, and the first placed in an IP tunnel:
        // the first other session that an IP-encap rule names. (Walking every session of the same
        // id grew with the square of the tunnels when UDP tunnels reuse ids, as they may.)
        Map<Long, Placed> firstById = new HashMap<>();
        Map<Long, Placed> firstIpById = new HashMap<>();
        for (TunnelConfig tunnel : tunnels) {
            FirstSeen<Long, SessionConfig> inTunnel = new FirstSeen<>();
            for (SessionConfig session : tunnel.sessions()) {
                sequencing(session);
                Long id = session.sessionId();
                if (id == null) {
                    continue;
                }
                SourceMark mark = session.marks().of(SessionKeys.SESSION_ID);
                var first = inTunnel.claim(id, session, mark);
                if (first.isPresent()) {
                    problem(mark, SessionKeys.SESSION_ID + " " + id + " is already used in tunnel '" + tunnel.label()
                            + "' by session '" + first.get().value().name() + "' at " + first.get().mark()
                            + derived(session, SessionKeys.SESSION_ID, LinkEndKeys.SESSION_ID));
                    continue;
                }
                Placed other = tunnel.effectiveEncap() == Encap.IP ? firstById.get(id) : firstIpById.get(id);
                if (other != null) {
                    problem(mark, SessionKeys.SESSION_ID + " " + id + " is also used by session '"
                            + other.session().name() + "' in tunnel '" + other.tunnel().label() + "' at "
                            + other.session().marks().of(SessionKeys.SESSION_ID) + "; with IP encapsulation the "
                            + "kernel needs session ids unique across all tunnels"
                            + derived(session, SessionKeys.SESSION_ID, LinkEndKeys.SESSION_ID));
                }
                Placed placed = new Placed(tunnel, session);
                firstById.putIfAbsent(id, placed);
                if (tunnel.effectiveEncap() == Encap.IP) {
                    firstIpById.putIfAbsent(id, placed);
                }
            }
        }
    }

    private void sequencing(SessionConfig session) {
        Sequencing sequencing = session.sequencing();
        if (sequencing != null && sequencing != Sequencing.NONE && session.l2specType() == L2specType.NONE) {
            problem(session.marks().of(SessionKeys.SEQUENCING), SessionKeys.SEQUENCING + " " + sequencing.keyword()
                    + " needs " + SessionKeys.L2SPEC_TYPE + " default: with none there is no sublayer to carry "
                    + "sequence numbers");
        }
    }

    private void interfaceNames(L2tpConfig config) {
        FirstSeen<String, String> owners = new FirstSeen<>();
        for (TunnelConfig tunnel : config.tunnels()) {
            for (SessionConfig session : tunnel.sessions()) {
                claim(owners, session.name(), "session '" + session.name() + "' of tunnel '" + tunnel.label() + "'",
                        session.marks().self());
                addresses(session.name(), session.addresses());
            }
        }
        for (BridgeConfig bridge : config.bridges()) {
            claim(owners, bridge.name(), "bridge '" + bridge.name() + "'", bridge.marks().self());
            addresses(bridge.name(), bridge.addresses());
        }
        for (VlanConfig vlan : config.vlans()) {
            claim(owners, vlan.name(), "vlan '" + vlan.name() + "'", vlan.marks().self());
            addresses(vlan.name(), vlan.addresses());
        }
    }

    private void claim(FirstSeen<String, String> owners, String name, String owner, SourceMark mark) {
        owners.claim(name, owner, mark).ifPresent(first -> problem(mark, "interface name '" + name
                + "' is already used by " + first.value() + " at " + first.mark()));
    }

    private void addresses(String name, List<AddressConfig> addresses) {
        FirstSeen<InetAddress, AddressConfig> seen = new FirstSeen<>();
        for (AddressConfig address : addresses) {
            InetAddress ip = address.address().address();
            seen.claim(ip, address, address.mark()).ifPresent(first -> problem(address.mark(), "address "
                    + IpAddresses.format(ip) + " is already on '" + name + "' at " + first.mark()));
        }
    }

    private void bridges(L2tpConfig config) {
        Set<String> bridgeNames = new HashSet<>();
        config.bridges().forEach(b -> bridgeNames.add(b.name()));
        FirstSeen<String, BridgeConfig> portOwner = new FirstSeen<>();
        for (BridgeConfig bridge : config.bridges()) {
            Set<String> inThisBridge = new HashSet<>();
            for (PortConfig port : bridge.interfaces()) {
                SourceMark mark = port.marks().self();
                if (!inThisBridge.add(port.name())) {
                    problem(mark, "'" + port.name() + "' is listed twice in bridge '" + bridge.name() + "'");
                    continue;
                }
                if (bridgeNames.contains(port.name())) {
                    problem(mark, "'" + port.name() + "' is a bridge; Linux does not put a bridge inside a bridge");
                    continue;
                }
                portOwner.claim(port.name(), bridge, mark).ifPresent(first -> problem(mark, "'" + port.name()
                        + "' is already a port of bridge '" + first.value().name() + "' at " + first.mark()
                        + "; an interface can be in one bridge only"));
            }
        }
    }

    /**
     * The kernel takes a vlan down with its link and refuses to bring it up on a down link
     * (ENETDOWN): a vlan left up on a link the config sets down could never match.
     */
    private void vlansUpOnDownLinks(L2tpConfig config) {
        Map<String, Marked> down = new HashMap<>();
        config.tunnels().forEach(t -> t.sessions().stream().filter(x -> Boolean.FALSE.equals(x.up()))
                .forEach(x -> down.put(x.name(), x)));
        config.bridges().stream().filter(b -> Boolean.FALSE.equals(b.up())).forEach(b -> down.put(b.name(), b));
        config.vlans().stream().filter(v -> Boolean.FALSE.equals(v.up())).forEach(v -> down.put(v.name(), v));
        for (VlanConfig vlan : config.vlans()) {
            Marked link = vlan.link() == null ? null : down.get(vlan.link());
            if (link != null && !Boolean.FALSE.equals(vlan.up())) {
                problem(vlan.up() != null ? vlan.marks().of(InterfaceKeys.UP) : vlan.marks().self(), "vlan '"
                        + vlan.name() + "' is up but its " + VlanKeys.LINK + " '" + vlan.link() + "' is down ("
                        + InterfaceKeys.UP + ": false at " + link.marks().of(InterfaceKeys.UP) + "): the kernel takes a "
                        + "vlan down with its link; give the vlan " + InterfaceKeys.UP + ": false too");
            }
        }
    }

    private void vlans(List<VlanConfig> vlans) {
        Map<String, VlanConfig> byName = new LinkedHashMap<>();
        vlans.forEach(v -> byName.put(v.name(), v));
        Map<String, List<String>> loops = loopsBelow(byName);
        record LinkAndId(String link, long id) {
        }
        FirstSeen<LinkAndId, VlanConfig> byLinkAndId = new FirstSeen<>();
        for (VlanConfig vlan : vlans) {
            if (vlan.link() == null) {
                continue;
            }
            if (vlan.link().equals(vlan.name())) {
                problem(vlan.marks().of(VlanKeys.LINK), "vlan '" + vlan.name() + "' cannot be its own " + VlanKeys.LINK);
                continue;
            }
            if (vlan.id() != null) {
                SourceMark idMark = vlan.marks().of(VlanKeys.ID);
                byLinkAndId.claim(new LinkAndId(vlan.link(), vlan.id()), vlan, idMark).ifPresent(first -> problem(
                        idMark, "vlan " + VlanKeys.ID + " " + vlan.id() + " on '" + vlan.link() + "' is already vlan '"
                        + first.value().name() + "' at " + first.mark()));
            }
            List<String> loop = loops.get(vlan.name());
            if (loop != null) {
                problem(vlan.marks().of(VlanKeys.LINK), "vlan '" + vlan.name() + "' sits on a loop of vlans ("
                        + String.join(" -> ", loop) + ")");
            }
        }
    }

    /**
     * For every vlan whose chain of links reaches a loop of vlans, that loop, from its first name
     * in sorted order. Each vlan is walked once (a chain of 20 000 vlans once took 15 s, walked
     * again from each of them): a walk stops at a vlan an earlier walk has settled.
     */
    private static Map<String, List<String>> loopsBelow(Map<String, VlanConfig> byName) {
        Map<String, List<String>> loopOf = new HashMap<>();
        Set<String> settled = new HashSet<>();
        for (String start : byName.keySet()) {
            List<String> path = new ArrayList<>();
            Map<String, Integer> onPath = new HashMap<>();
            String name = start;
            List<String> loop = null;
            while (name != null && byName.containsKey(name) && !settled.contains(name)) {
                Integer seen = onPath.putIfAbsent(name, path.size());
                if (seen != null) {
                    loop = sortedLoop(path.subList(seen, path.size()));
                    break;
                }
                path.add(name);
                VlanConfig vlan = byName.get(name);
                name = vlan.link() == null || vlan.link().equals(vlan.name()) ? null : vlan.link();
            }
            if (loop == null && name != null && settled.contains(name)) {
                loop = loopOf.get(name); // reached a vlan settled before: its answer is ours
            }
            for (String walked : path) {
                settled.add(walked);
                if (loop != null) {
                    loopOf.put(walked, loop);
                }
            }
        }
        return loopOf;
    }

    /** The loop's names in link order, starting from the first in sorted order: one text per loop. */
    private static List<String> sortedLoop(List<String> loop) {
        int first = loop.indexOf(loop.stream().min(String::compareTo).orElseThrow());
        List<String> rotated = new ArrayList<>(loop.subList(first, loop.size()));
        rotated.addAll(loop.subList(0, first));
        return List.copyOf(rotated);
    }
}
