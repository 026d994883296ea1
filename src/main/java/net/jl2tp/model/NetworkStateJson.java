package net.jl2tp.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A network state as JSON, one object per kernel object, keys as in the config: the state
 * record's file format, and the planner fixtures' live state. Written by hand (a JSON library
 * would be a large dependency for this); the record is read back by {@link JsonReader}, strict
 * and fast, and a fixture by the YAML engine ({@link #readYaml}), since JSON is YAML 1.2 and a
 * fixture may as well be written in YAML block style.
 */
public final class NetworkStateJson {
    public static final int FORMAT = 1;

    private NetworkStateJson() {
    }

    public static String write(NetworkState s) {
        StringBuilder out = new StringBuilder();
        out.append("{\n  \"format\": ").append(FORMAT).append(",\n  \"tunnels\": [");
        String sep = "\n    ";
        for (Tunnel t : s.tunnels().values()) {
            out.append(sep).append('{')
                    .append(field("tunnel-id", t.tunnelId())).append(", ")
                    .append(field("peer-tunnel-id", t.peerTunnelId())).append(", ")
                    .append(field("encap", t.encap().keyword())).append(", ")
                    .append(field("local", IpAddresses.format(t.local()))).append(", ")
                    .append(field("remote", IpAddresses.format(t.remote()))).append(", ")
                    .append(field("udp-source-port", t.udpSourcePort())).append(", ")
                    .append(field("udp-destination-port", t.udpDestinationPort())).append(", ")
                    .append(field("udp-checksum", t.udpChecksum())).append(", ")
                    .append(field("udp6-checksum-tx", t.udp6ChecksumTx())).append(", ")
                    .append(field("udp6-checksum-rx", t.udp6ChecksumRx())).append('}');
            sep = ",\n    ";
        }
        out.append(s.tunnels().isEmpty() ? "" : "\n  ").append("],\n  \"sessions\": [");
        sep = "\n    ";
        for (Session x : s.sessions().values()) {
            out.append(sep).append('{')
                    .append(field("tunnel-id", x.tunnelId())).append(", ")
                    .append(field("session-id", x.sessionId())).append(", ")
                    .append(field("peer-session-id", x.peerSessionId())).append(", ")
                    .append(field("interface", x.interfaceName())).append(", ")
                    .append(field("cookie", x.cookie().map(Cookie::hex).orElse(null))).append(", ")
                    .append(field("peer-cookie", x.peerCookie().map(Cookie::hex).orElse(null))).append(", ")
                    .append(field("l2spec-type", x.l2specType().map(L2specType::keyword).orElse(null))).append(", ")
                    .append(field("sequencing", x.sequencing().keyword())).append('}');
            sep = ",\n    ";
        }
        out.append(s.sessions().isEmpty() ? "" : "\n  ").append("],\n  \"links\": [");
        sep = "\n    ";
        for (Link l : s.links().values()) {
            out.append(sep).append('{')
                    .append(field("name", l.name())).append(", ")
                    .append(field("kind", l.kind().name().toLowerCase(java.util.Locale.ROOT))).append(", ")
                    .append(field("vlan-link", l.vlan().map(Link.VlanOf::link).orElse(null))).append(", ")
                    .append(field("vlan-id", l.vlan().map(Link.VlanOf::id).orElse(null))).append(", ")
                    .append(field("mtu", l.mtu().isPresent() ? l.mtu().getAsInt() : null)).append(", ")
                    .append(field("up", l.up())).append(", ")
                    .append(field("master", l.master().orElse(null))).append(", ")
                    .append(quote("addresses")).append(": [");
            for (int i = 0; i < l.addresses().size(); i++) {
                out.append(i == 0 ? "" : ", ").append(quote(l.addresses().get(i).toString()));
            }
            out.append("]}");
            sep = ",\n    ";
        }
        out.append(s.links().isEmpty() ? "" : "\n  ").append("],\n  \"foreign-ports\": {");
        sep = "\n    ";
        for (Map.Entry<String, String> e : s.foreignPorts().entrySet()) {
            out.append(sep).append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
            sep = ",\n    ";
        }
        out.append(s.foreignPorts().isEmpty() ? "" : "\n  ").append("}\n}\n");
        return out.toString();
    }

    /** Parses a state written by {@link #write}; any other text throws IllegalArgumentException. */
    public static NetworkState read(String json) {
        Object root;
        try {
            root = JsonReader.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        return fromTree(root);
    }

    /** Parses a state in YAML (JSON included), as the test fixtures write it; same errors as {@link #read}. */
    public static NetworkState readYaml(String text) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromString(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not YAML: " + e.getMessage(), e);
        }
        return fromTree(root);
    }

    @SuppressWarnings("unchecked")
    private static NetworkState fromTree(Object root) {
        try {
            Map<String, Object> map = (Map<String, Object>) root;
            Object format = map.get("format");
            if (!Integer.valueOf(FORMAT).equals(format)) {
                throw new IllegalArgumentException("format " + format + " is not one this release reads (" + FORMAT + ")");
            }
            TreeMap<Long, Tunnel> tunnels = new TreeMap<>();
            for (Map<String, Object> t : list(map, "tunnels")) {
                Tunnel tunnel = new Tunnel(num(t, "tunnel-id"), num(t, "peer-tunnel-id"),
                        "ip".equals(t.get("encap")) ? Encap.IP : Encap.UDP, ip(t, "local"), ip(t, "remote"),
                        (int) num(t, "udp-source-port"), (int) num(t, "udp-destination-port"),
                        (Boolean) t.get("udp-checksum"), (Boolean) t.get("udp6-checksum-tx"),
                        (Boolean) t.get("udp6-checksum-rx"));
                tunnels.put(tunnel.tunnelId(), tunnel);
            }
            TreeMap<SessionKey, Session> sessions = new TreeMap<>();
            for (Map<String, Object> x : list(map, "sessions")) {
                Session session = new Session(num(x, "tunnel-id"), num(x, "session-id"), num(x, "peer-session-id"),
                        (String) x.get("interface"),
                        Optional.ofNullable((String) x.get("cookie")).map(Cookie::new),
                        Optional.ofNullable((String) x.get("peer-cookie")).map(Cookie::new),
                        Optional.ofNullable((String) x.get("l2spec-type")).map(k -> k.equals("none") ? L2specType.NONE
                                : L2specType.DEFAULT),
                        sequencing((String) x.get("sequencing")));
                sessions.put(session.key(), session);
            }
            TreeMap<String, Link> links = new TreeMap<>();
            for (Map<String, Object> l : list(map, "links")) {
                String name = (String) l.get("name");
                Optional<Link.VlanOf> vlan = l.get("vlan-link") == null ? Optional.empty()
                        : Optional.of(new Link.VlanOf((String) l.get("vlan-link"), (int) num(l, "vlan-id")));
                List<InterfaceAddress> addresses = new ArrayList<>();
                Object listed = l.get("addresses");
                for (Object a : listed == null ? List.of() : (List<Object>) listed) {
                    addresses.add(address((String) a));
                }
                links.put(name, new Link(name, LinkKind.valueOf(((String) l.get("kind")).toUpperCase(java.util.Locale.ROOT)),
                        vlan, l.get("mtu") == null ? OptionalInt.empty() : OptionalInt.of((int) num(l, "mtu")),
                        (Boolean) l.get("up"), Optional.ofNullable((String) l.get("master")), addresses));
            }
            TreeMap<String, String> foreignPorts = new TreeMap<>();
            Object ports = map.get("foreign-ports");
            if (ports != null) {
                foreignPorts.putAll((Map<String, String>) ports);
            }
            return new NetworkState(tunnels, sessions, links, foreignPorts);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a network state of this release: " + e, e);
        }
    }

    /** A missing section is an empty one: fixtures write only what they need. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static Sequencing sequencing(String keyword) {
        for (Sequencing s : Sequencing.values()) {
            if (s.keyword().equals(keyword)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown sequencing " + keyword);
    }

    private static InterfaceAddress address(String text) {
        String[] peerSplit = text.split(" peer ");
        if (peerSplit.length == 2) {
            String[] p = peerSplit[1].split("/");
            return InterfaceAddress.withPeer(IpAddresses.parse(peerSplit[0]).orElseThrow(),
                    IpAddresses.parse(p[0]).orElseThrow(), Integer.parseInt(p[1]));
        }
        String[] p = text.split("/");
        return InterfaceAddress.of(IpAddresses.parse(p[0]).orElseThrow(), Integer.parseInt(p[1]));
    }

    private static long num(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }

    private static java.net.InetAddress ip(Map<String, Object> map, String key) {
        return IpAddresses.parse((String) map.get(key)).orElseThrow();
    }

    private static String field(String key, Object value) {
        String rendered = value == null ? "null" : value instanceof String s ? quote(s) : String.valueOf(value);
        return quote(key) + ": " + rendered;
    }

    private static String quote(String text) {
        return net.jl2tp.export.JsonWriter.quote(text);
    }

}
