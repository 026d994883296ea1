package net.jl2tp.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jl2tp.model.Encap;

/**
 * One site's half of the links: each link that has the site as an end becomes a tunnel with one
 * session, mirrored from the other end's half by construction (this end's ids are the other's
 * peer ids, ports and addresses crossed). Every expanded object is marked at its link, explicit
 * values at their nodes, so the validator's rules, run on the result, point into the link file.
 */
public final class LinkExpansion {
    private LinkExpansion() {
    }

    /**
     * The per-host config of {@code site}: the plain tunnels, bridges and vlans, and this site's
     * half of each link that has it as an end (sites and links left empty). An unknown site is an
     * IllegalArgumentException.
     */
    public static L2tpConfig forSite(L2tpConfig config, String site) {
        Map<String, SiteConfig> sites = new HashMap<>(); // a hub's 1000 links must not search the sites each
        config.sites().forEach(s -> sites.putIfAbsent(s.name(), s));
        if (!sites.containsKey(site)) {
            throw new IllegalArgumentException("site '" + site + "' is not declared under 'sites:'");
        }
        List<TunnelConfig> tunnels = new ArrayList<>(config.tunnels());
        Map<String, List<PortConfig>> joining = new LinkedHashMap<>();
        for (LinkConfig link : config.links()) {
            if (!link.hasTwoEnds() || !link.ends().contains(site) || !sites.containsKey(link.peerOf(site))) {
                continue; // not this site's, or its ends are wrong: the loader has said so
            }
            LinkEndConfig end = endOf(link, site);
            tunnels.add(tunnel(sites, link, site));
            if (end.bridge() != null) {
                joining.computeIfAbsent(end.bridge(), b -> new ArrayList<>()).add(new PortConfig(
                        interfaceName(link, end), Marks.at(end.marks().of(LinkEndKeys.BRIDGE))));
            }
        }
        return new L2tpConfig(tunnels, bridges(config.bridges(), joining), config.vlans(), List.of(), List.of(),
                config.files());
    }

    /** The per-host bridges with the link ends' ports joined; a bridge only ends name is made with defaults. */
    private static List<BridgeConfig> bridges(List<BridgeConfig> declared, Map<String, List<PortConfig>> joining) {
        List<BridgeConfig> out = new ArrayList<>();
        Map<String, List<PortConfig>> left = new LinkedHashMap<>(joining);
        for (BridgeConfig bridge : declared) {
            List<PortConfig> ports = left.remove(bridge.name());
            if (ports == null) {
                out.add(bridge);
                continue;
            }
            List<PortConfig> all = new ArrayList<>(bridge.interfaces());
            all.addAll(ports);
            out.add(new BridgeConfig(bridge.name(), all, bridge.mtu(), bridge.up(), bridge.addresses(),
                    bridge.marks()));
        }
        left.forEach((name, ports) -> out.add(new BridgeConfig(name, ports, null, null, List.of(),
                Marks.at(ports.get(0).marks().self()))));
        return out;
    }

    private static LinkEndConfig endOf(LinkConfig link, String site) {
        return link.end(site).orElse(LinkEndConfig.unwritten(site, link.marks().self()));
    }

    private static String interfaceName(LinkConfig link, LinkEndConfig end) {
        return end.interfaceName() != null ? end.interfaceName() : link.label();
    }

    private static TunnelConfig tunnel(Map<String, SiteConfig> sites, LinkConfig link, String site) {
        String peer = link.peerOf(site);
        LinkEndConfig own = endOf(link, site);
        LinkEndConfig other = endOf(link, peer);
        String label = link.label();
        Picks tunnelMarks = new Picks(link.marks().self(), link.marks().self());
        Long tunnelId = tunnelMarks.pick(TunnelKeys.TUNNEL_ID, own, LinkEndKeys.TUNNEL_ID,
                LinkDerivation.tunnelId(label, site));
        Long peerTunnelId = tunnelMarks.pick(TunnelKeys.PEER_TUNNEL_ID, other, LinkEndKeys.TUNNEL_ID,
                LinkDerivation.tunnelId(label, peer));
        Encap encap = link.encap();
        tunnelMarks.copy(TunnelKeys.ENCAP, link, LinkKeys.ENCAP);
        tunnelMarks.derived(TunnelKeys.LOCAL);
        tunnelMarks.derived(TunnelKeys.REMOTE);
        Long sourcePort = null;
        Long destinationPort = null;
        if (link.encap() != Encap.IP) {
            sourcePort = tunnelMarks.pick(TunnelKeys.UDP_SOURCE_PORT, own, LinkEndKeys.UDP_PORT,
                    (long) LinkDerivation.udpPort(label, site));
            destinationPort = tunnelMarks.pick(TunnelKeys.UDP_DESTINATION_PORT, other, LinkEndKeys.UDP_PORT,
                    (long) LinkDerivation.udpPort(label, peer));
        }
        return new TunnelConfig(label, tunnelId, peerTunnelId, encap,
                sites.get(site).address(), sites.get(peer).address(),
                sourcePort, destinationPort, null, null, null,
                List.of(session(link, site, own, other)), tunnelMarks.marks());
    }

    private static SessionConfig session(LinkConfig link, String site, LinkEndConfig own, LinkEndConfig other) {
        String label = link.label();
        String peer = other.site();
        // The session's own mark (its name's problems) is its interface key when written, else the link.
        Picks marks = new Picks(link.marks().self(), own.interfaceName() != null
                ? own.marks().of(LinkEndKeys.INTERFACE) : link.marks().self());
        Long sessionId = marks.pick(SessionKeys.SESSION_ID, own, LinkEndKeys.SESSION_ID,
                LinkDerivation.sessionId(label, site));
        Long peerSessionId = marks.pick(SessionKeys.PEER_SESSION_ID, other, LinkEndKeys.SESSION_ID,
                LinkDerivation.sessionId(label, peer));
        boolean derive = link.cookies() == LinkConfig.Cookies.DERIVED;
        String cookie = marks.pick(SessionKeys.COOKIE, own, LinkEndKeys.COOKIE,
                derive ? LinkDerivation.cookie(label, site) : null);
        String peerCookie = marks.pick(SessionKeys.PEER_COOKIE, other, LinkEndKeys.COOKIE,
                derive ? LinkDerivation.cookie(label, peer) : null);
        marks.copy(SessionKeys.L2SPEC_TYPE, link, LinkKeys.L2SPEC_TYPE);
        marks.copy(SessionKeys.SEQUENCING, link, LinkKeys.SEQUENCING);
        marks.copy(SessionKeys.MTU, own, LinkEndKeys.MTU);
        marks.copy(SessionKeys.UP, own, LinkEndKeys.UP);
        marks.copy(SessionKeys.ADDRESSES, own, LinkEndKeys.ADDRESSES);
        return new SessionConfig(interfaceName(link, own), sessionId, peerSessionId, cookie, peerCookie,
                link.l2specType(), link.sequencing(), null, null, own.mtu(), own.up(), own.addresses(),
                marks.marks());
    }

    /** The marks of one expanded object, built as its values are chosen: written, or derived at the link. */
    private static final class Picks {
        private final SourceMark link;
        private final SourceMark self;
        private final Map<String, SourceMark> values = new HashMap<>();
        private final Set<String> derived = new HashSet<>();

        Picks(SourceMark link, SourceMark self) {
            this.link = link;
            this.self = self;
        }

        /** The end's value of {@code endKey} at its node, else {@code derivedValue} (if any) at the link. */
        <T> T pick(ConfigKey<T> key, LinkEndConfig end, ConfigKey<T> endKey, T derivedValue) {
            Optional<T> written = Optional.ofNullable(written(end, endKey));
            if (written.isPresent()) {
                values.put(key.yaml(), end.marks().of(endKey));
                return written.get();
            }
            if (derivedValue != null) {
                values.put(key.yaml(), link);
                derived.add(key.yaml());
            }
            return derivedValue;
        }

        /** Marks {@code key} at the value written for {@code from} in {@code source}, when it is written. */
        void copy(ConfigKey<?> key, Marked source, ConfigKey<?> from) {
            if (source.marks().has(from)) {
                values.put(key.yaml(), source.marks().of(from));
            }
        }

        /** A value that comes from elsewhere (a site's address): marked at the link. */
        void derived(ConfigKey<?> key) {
            values.put(key.yaml(), link);
        }

        Marks marks() {
            return new Marks(self, values, derived);
        }

        @SuppressWarnings("unchecked")
        private static <T> T written(LinkEndConfig end, ConfigKey<T> key) {
            Object value = switch (key.yaml()) {
                case "tunnel-id" -> end.tunnelId();
                case "session-id" -> end.sessionId();
                case "udp-port" -> end.udpPort();
                case "cookie" -> end.cookie();
                default -> throw new IllegalArgumentException(key.yaml());
            };
            return (T) value;
        }
    }
}
