package net.jl2tp.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.route.Link;
import net.jl2tp.netlink.route.RouteLookup;
import net.jl2tp.netlink.route.RouteNetlink;
import net.jl2tp.plan.Desired;
import net.jl2tp.plan.PathFacts;
import net.jl2tp.plan.Underlay;

/**
 * The kernel side of {@code mtu: auto}: for each tunnel of the config that has sessions, asks the
 * routing table how its packets would leave ({@code ip route get REMOTE from LOCAL}), and which
 * netfilter defrag modules are loaded. The planner gets the answers as numbers.
 */
public final class PathFactsReader {
    static final List<String> DEFRAG_MODULES = List.of("nf_defrag_ipv4", "nf_defrag_ipv6");

    private PathFactsReader() {
    }

    public static PathFacts read(RouteNetlink route, Desired desired) throws NetlinkException {
        return read(route, desired, Path.of("/sys/module"));
    }

    static PathFacts read(RouteNetlink route, Desired desired, Path sysModule) throws NetlinkException {
        Set<Long> withSessions = new HashSet<>();
        desired.state().sessions().keySet().forEach(k -> withSessions.add(k.tunnelId()));
        Map<Long, Underlay> underlays = new HashMap<>();
        Map<Integer, Link> linksByIndex = null;
        for (Tunnel tunnel : desired.state().tunnels().values()) {
            if (!withSessions.contains(tunnel.tunnelId())) {
                continue;
            }
            RouteLookup lookup;
            try {
                PeerRoute answer = PeerRoute.lookup(route, tunnel.remote(), tunnel.local());
                if (answer instanceof PeerRoute.None none) {
                    underlays.put(tunnel.tunnelId(), new Underlay.NoRoute(reason(none)));
                    continue;
                }
                lookup = ((PeerRoute.Found) answer).lookup();
            } catch (NetlinkException e) {
                if (e.isPermissionDenied()) {
                    throw e;
                }
                underlays.put(tunnel.tunnelId(), new Underlay.NoRoute(e.errnoName() + " (" + Errno.description(e.errno())
                        + ")" + e.extackMessage().map(m -> ": " + m).orElse("")));
                continue;
            }
            if (linksByIndex == null) {
                linksByIndex = new HashMap<>();
                for (Link link : route.links()) {
                    linksByIndex.put(link.index(), link);
                }
            }
            Link device = linksByIndex.get(lookup.outputIndex());
            String deviceName = device == null ? "ifindex " + lookup.outputIndex() : device.name();
            if (lookup.routeMtu().isPresent()) {
                underlays.put(tunnel.tunnelId(), new Underlay.Path(lookup.routeMtu().getAsInt(), deviceName, true));
            } else if (device != null) {
                underlays.put(tunnel.tunnelId(), new Underlay.Path(device.mtu(), deviceName, false));
            } else {
                underlays.put(tunnel.tunnelId(), new Underlay.NoRoute("the route leaves by ifindex "
                        + lookup.outputIndex() + ", which the link dump does not show"));
            }
        }
        Set<String> loaded = new HashSet<>();
        for (String module : DEFRAG_MODULES) {
            if (Files.isDirectory(sysModule.resolve(module))) {
                loaded.add(module);
            }
        }
        return new PathFacts(underlays, loaded);
    }

    /** {@code ENETUNREACH (Network is unreachable)}; a rejecting route says which ({@code a prohibit route: EACCES (...)}). */
    private static String reason(PeerRoute.None none) {
        if (none.errno() == 0) {
            return none.detail();
        }
        return (none.plain() ? "" : none.kind() + ": ") + Errno.name(none.errno()) + " (" + Errno.description(none.errno()) + ")";
    }
}
