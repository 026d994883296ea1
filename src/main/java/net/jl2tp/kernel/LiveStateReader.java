package net.jl2tp.kernel;

import net.jl2tp.model.Counters;
import net.jl2tp.model.LiveState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.InterfaceCounters;
import net.jl2tp.model.Link;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.l2tp.L2tpNetlink;
import net.jl2tp.netlink.l2tp.L2tpSessionState;
import net.jl2tp.netlink.l2tp.L2tpStats;
import net.jl2tp.netlink.l2tp.L2tpTunnelState;
import net.jl2tp.netlink.route.LinkAddress;
import net.jl2tp.netlink.route.RouteNetlink;
import net.jl2tp.netlink.route.Rtnl;

/**
 * Reads the live state with one dump per object kind: tunnels, sessions, links, addresses.
 * The session interface has no rtnetlink kind, so it is recognised by the session dump's
 * interface name, never by its name pattern.
 */
public final class LiveStateReader {
    private LiveStateReader() {
    }

    public static LiveState read(L2tpNetlink l2tp, RouteNetlink route) throws NetlinkException {
        List<L2tpTunnelState> tunnelStates = l2tp.tunnels();
        List<L2tpSessionState> sessionStates = l2tp.sessions();
        List<net.jl2tp.netlink.route.Link> links = route.links();
        List<LinkAddress> addresses = route.addresses();
        return assemble(tunnelStates, sessionStates, links, addresses);
    }

    /** The pure part: dumps in, state out. */
    static LiveState assemble(List<L2tpTunnelState> tunnelStates, List<L2tpSessionState> sessionStates,
            List<net.jl2tp.netlink.route.Link> links, List<LinkAddress> addresses) {
        TreeMap<Long, Tunnel> tunnels = new TreeMap<>();
        TreeMap<Long, Counters> tunnelStats = new TreeMap<>();
        java.util.Set<Long> otherVersions = new HashSet<>();
        for (L2tpTunnelState state : tunnelStates) {
            if (state.protocolVersion() != 3) {
                // An L2TPv2 daemon's tunnel (xl2tpd, accel-ppp): not a static L2TPv3 object, never ours.
                otherVersions.add(state.tunnel().tunnelId());
                continue;
            }
            Tunnel tunnel = TunnelWire.fromWire(state.tunnel());
            tunnels.put(tunnel.tunnelId(), tunnel);
            tunnelStats.put(tunnel.tunnelId(), counters(state.stats()));
        }
        TreeMap<SessionKey, Session> sessions = new TreeMap<>();
        TreeMap<SessionKey, Counters> sessionStats = new TreeMap<>();
        Set<String> sessionInterfaces = new HashSet<>();
        for (L2tpSessionState state : sessionStates) {
            if (otherVersions.contains(state.session().tunnelId())) {
                continue;
            }
            Session session = SessionWire.fromWire(state.session());
            sessions.put(session.key(), session);
            sessionStats.put(session.key(), counters(state.stats()));
            if (session.interfaceName() != null) {
                sessionInterfaces.add(session.interfaceName());
            }
        }
        Map<Integer, String> namesByIndex = new HashMap<>();
        links.forEach(l -> namesByIndex.put(l.index(), l.name()));
        Map<Integer, List<InterfaceAddress>> addressesByIndex = new HashMap<>();
        for (LinkAddress address : addresses) {
            if (address.family() == Rtnl.AF_INET6 && (address.flags() & Rtnl.IFA_F_PERMANENT) == 0) {
                continue; // made by the kernel (SLAAC, privacy): neither the config's nor jl2tp's
            }
            addressesByIndex.computeIfAbsent(address.index(), k -> new ArrayList<>()).add(AddressWire.fromWire(address));
        }
        TreeMap<String, Link> liveLinks = new TreeMap<>();
        Map<String, LiveState.LinkStatus> status = new HashMap<>();
        for (net.jl2tp.netlink.route.Link link : links) {
            liveLinks.put(link.name(), LinkWire.fromWire(link, sessionInterfaces.contains(link.name()), namesByIndex,
                    addressesByIndex.getOrDefault(link.index(), List.of())));
            status.put(link.name(), new LiveState.LinkStatus(link.index(),
                    link.operState().name().toLowerCase(Locale.ROOT), link.hasCarrier(), link.macAddress(),
                    Optional.ofNullable(link.stats()).map(LiveStateReader::counters)));
        }
        NetworkState state = new NetworkState(tunnels, sessions, liveLinks, new TreeMap<>());
        return new LiveState(state, tunnelStats, sessionStats, status);
    }

    /** An interface's counters in the model's type. */
    static InterfaceCounters counters(net.jl2tp.netlink.route.LinkStats s) {
        return new InterfaceCounters(s.rxPackets(), s.txPackets(), s.rxErrors(), s.rxDropped(), s.txDropped());
    }

    /** The wire's counters in the model's type: what reads them (status) needs nothing of netlink. */
    static Counters counters(L2tpStats s) {
        return new Counters(s.txPackets(), s.txBytes(), s.txErrors(), s.rxPackets(), s.rxBytes(), s.rxSeqDiscards(),
                s.rxOosPackets(), s.rxErrors(), s.rxCookieDiscards(), s.rxInvalid());
    }
}
