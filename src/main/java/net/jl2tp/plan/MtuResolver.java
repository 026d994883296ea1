package net.jl2tp.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import net.jl2tp.model.EncapOverhead;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.Link;
import net.jl2tp.model.Mtu;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;

/**
 * Puts numbers on {@code mtu: auto}: the underlay path's MTU toward the tunnel's remote, minus the
 * overhead (the same sum the kernel uses when it creates a session interface). Pure: the routes
 * were looked up before, on the kernel side ({@link PathFacts}). Also warns where a session's fixed
 * MTU is larger than the path allows, and, for bridged sessions that will fragment, about the
 * defrag module the man page recommends.
 *
 * <p>With no route toward the remote, {@code auto} stays empty: the MTU is left as the kernel sets
 * it when it creates the session, and the plan says so. (Creating a tunnel without a route fails
 * with ENETUNREACH on Linux 6.1 anyway; the next apply, once the route is there, sets the number.)
 */
public final class MtuResolver {
    private MtuResolver() {
    }

    public static Desired resolve(Desired desired, PathFacts facts) {
        NetworkState want = desired.state();
        TreeMap<String, Link> links = new TreeMap<>(want.links());
        Map<String, String> reasons = new HashMap<>(desired.mtuReasons());
        List<Warning> warnings = new ArrayList<>(desired.warnings());
        Map<String, String> vlanBridges = bridgeOfVlanOn(want);
        for (Session session : want.sessions().values()) {
            Tunnel tunnel = want.tunnels().get(session.tunnelId());
            String name = session.interfaceName();
            Link link = links.get(name);
            if (tunnel == null || link == null) {
                continue;
            }
            ObjectRef ref = new ObjectRef.LinkRef(name);
            Mtu asked = desired.sessionMtus().getOrDefault(name, new Mtu.Auto());
            Underlay underlay = facts.underlays().getOrDefault(tunnel.tunnelId(),
                    new Underlay.NoRoute("the route was not looked up"));
            EncapOverhead overhead = EncapOverhead.of(tunnel, session);
            if (underlay instanceof Underlay.NoRoute noRoute) {
                if (asked instanceof Mtu.Auto) {
                    warnings.add(new Warning(ref, "mtu auto: no route toward " + IpAddresses.format(tunnel.remote())
                            + " from " + IpAddresses.format(tunnel.local()) + ": " + noRoute.reason()
                            + "; the MTU is left as it is (a new session gets the kernel's own choice): apply again"
                            + " once the route is there", desired.markOf(ref, "mtu")));
                }
                continue;
            }
            Underlay.Path path = (Underlay.Path) underlay;
            int fits = overhead.sessionMtu(path.mtu());
            String computation = fits + " = " + path.describe() + " - " + overhead.explain();
            if (asked instanceof Mtu.Auto) {
                if (fits < Mtu.MIN) {
                    warnings.add(new Warning(ref, "mtu auto: " + computation + " is below the minimum " + Mtu.MIN
                            + ": the MTU is left as the kernel sets it", desired.markOf(ref, "mtu")));
                    continue;
                }
                links.put(name, new Link(name, link.kind(), link.vlan(), OptionalInt.of(fits), link.up(), link.master(),
                        link.addresses()));
                reasons.put(name, "auto: " + computation);
            } else if (asked instanceof Mtu.Fixed fixed && fixed.bytes() > fits) {
                warnings.add(new Warning(ref, "mtu " + fixed.bytes() + " is larger than the path allows (" + computation
                        + "): frames larger than " + fits + " bytes leave as IP fragments", desired.markOf(ref, "mtu")));
                bridgeOf(name, want, vlanBridges).ifPresent(bridge -> warnings.add(new Warning(ref,
                        defragNote(name, bridge, tunnel.isIpv6(), facts), desired.markOf(ref, "mtu"))));
            }
        }
        NetworkState resolved = new NetworkState(want.tunnels(), want.sessions(), links, want.foreignPorts());
        return new Desired(resolved, desired.marks(), desired.labels(), desired.sessionMtus(), reasons, warnings);
    }

    /** The bridge the session interface, or a vlan on it, is a port of. */
    private static Optional<String> bridgeOf(String sessionInterface, NetworkState want,
            Map<String, String> bridgeOfVlanOn) {
        Link link = want.links().get(sessionInterface);
        if (link != null && link.master().isPresent()) {
            return link.master();
        }
        return Optional.ofNullable(bridgeOfVlanOn.get(sessionInterface));
    }

    /**
     * By link name, the bridge of the first vlan on that link (by vlan name) that is in a bridge:
     * worked out once, rather than searching every link for each session that warns.
     */
    private static Map<String, String> bridgeOfVlanOn(NetworkState want) {
        Map<String, String> bridges = new HashMap<>();
        for (Link l : want.links().values()) {
            if (l.vlan().isPresent() && l.master().isPresent()) {
                bridges.putIfAbsent(l.vlan().get().link(), l.master().get());
            }
        }
        return bridges;
    }

    /**
     * ip-l2tp(8): bridged frames that were fragmented should be reassembled before they are forwarded
     * (PPPoE and other non-IP protocols expect them whole): load the netfilter defrag module at each end.
     */
    private static String defragNote(String name, String bridge, boolean ipv6, PathFacts facts) {
        String module = ipv6 ? "nf_defrag_ipv6" : "nf_defrag_ipv4";
        return name + " is bridged (" + bridge + ") and carries fragments: the man page recommends loading " + module
                + " at both ends, so that frames leave the tunnel whole (it writes \"nf_degrag\"); " + module + " is "
                + (facts.loadedModules().contains(module) ? "loaded here" : "not loaded here (no /sys/module/" + module + ")");
    }
}
