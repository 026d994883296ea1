package net.jl2tp.apply;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import net.jl2tp.json.JsonReader;
import net.jl2tp.json.JsonWriter;
import net.jl2tp.json.Tree;
import net.jl2tp.model.AddressSyntax;
import net.jl2tp.model.Cookie;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;

/**
 * A network state as JSON, one object per kernel object and per line, keys as in the config: the
 * state record's file format, and the planner fixtures' live state. Written through {@link Tree}
 * and {@link JsonWriter} like every JSON jl2tp prints; read back by {@link JsonReader}, strict and
 * fast (a fixture in the tests by the YAML engine, since JSON is YAML 1.2 and a fixture may as well
 * be written in YAML block style).
 */
public final class NetworkStateJson {
    public static final int FORMAT = 1;

    private NetworkStateJson() {
    }

    public static String write(NetworkState s) {
        return JsonWriter.write(toTree(s));
    }

    /** The state as a tree, to write whole or inside another document (a pending try's). */
    static Tree.Mapping toTree(NetworkState s) {
        List<Tree> tunnels = new ArrayList<>();
        for (Tunnel t : s.tunnels().values()) {
            tunnels.add(Tree.line(Tree.mapping()
                    .put("tunnel-id", t.tunnelId())
                    .put("peer-tunnel-id", t.peerTunnelId())
                    .put("encap", t.encap().keyword())
                    .put("local", IpAddresses.format(t.local()))
                    .put("remote", IpAddresses.format(t.remote()))
                    .put("udp-source-port", t.udpSourcePort())
                    .put("udp-destination-port", t.udpDestinationPort())
                    .put("udp-checksum", t.udpChecksum())
                    .put("udp6-checksum-tx", t.udp6ChecksumTx())
                    .put("udp6-checksum-rx", t.udp6ChecksumRx()).build()));
        }
        List<Tree> sessions = new ArrayList<>();
        for (Session x : s.sessions().values()) {
            sessions.add(Tree.line(Tree.mapping()
                    .put("tunnel-id", x.tunnelId())
                    .put("session-id", x.sessionId())
                    .put("peer-session-id", x.peerSessionId())
                    .put("interface", x.interfaceName())
                    .put("cookie", x.cookie().map(Cookie::hex).orElse(null))
                    .put("peer-cookie", x.peerCookie().map(Cookie::hex).orElse(null))
                    .put("l2spec-type", x.l2specType().map(L2specType::keyword).orElse(null))
                    .put("sequencing", x.sequencing().keyword()).build()));
        }
        List<Tree> links = new ArrayList<>();
        for (Link l : s.links().values()) {
            links.add(Tree.line(Tree.mapping()
                    .put("name", l.name())
                    .put("kind", l.kind().name().toLowerCase(Locale.ROOT))
                    .put("vlan-link", l.vlan().map(Link.VlanOf::link).orElse(null))
                    .put("vlan-id", l.vlan().<Tree>map(v -> Tree.number(v.id())).orElse(new Tree.Null()))
                    .put("mtu", l.mtu().isPresent() ? Tree.number(l.mtu().getAsInt()) : new Tree.Null())
                    .put("up", l.up())
                    .put("master", l.master().orElse(null))
                    .put("addresses", Tree.sequence(l.addresses().stream().map(a -> Tree.text(a.toString())).toList()))
                    .build()));
        }
        Tree.MappingBuilder foreignPorts = Tree.mapping();
        s.foreignPorts().forEach(foreignPorts::put);
        return Tree.mapping()
                .put("format", FORMAT)
                .put("tunnels", Tree.sequence(tunnels))
                .put("sessions", Tree.sequence(sessions))
                .put("links", Tree.sequence(links))
                .put("foreign-ports", foreignPorts.build())
                .build();
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

    /** The tree as the record's format defines it; anything else is an IllegalArgumentException. */
    static NetworkState fromTree(Object tree) {
        RecordObject root = RecordObject.root(tree);
        Object format = root.raw("format");
        if (!Integer.valueOf(FORMAT).equals(format)) {
            throw new IllegalArgumentException("format " + format + " is not one this release reads (" + FORMAT + ")");
        }
        TreeMap<Long, Tunnel> tunnels = new TreeMap<>();
        for (RecordObject t : root.objects("tunnels")) {
            Tunnel tunnel = new Tunnel(t.whole("tunnel-id", 1, U32), t.whole("peer-tunnel-id", 0, U32),
                    keyword(t, "encap", Encap.values(), Encap::keyword, "udp or ip"), ip(t, "local"), ip(t, "remote"),
                    (int) t.whole("udp-source-port", 0, U16), (int) t.whole("udp-destination-port", 0, U16),
                    t.bool("udp-checksum"), t.bool("udp6-checksum-tx"), t.bool("udp6-checksum-rx"));
            tunnels.put(tunnel.tunnelId(), tunnel);
        }
        TreeMap<SessionKey, Session> sessions = new TreeMap<>();
        for (RecordObject x : root.objects("sessions")) {
            Session session = new Session(x.whole("tunnel-id", 1, U32), x.whole("session-id", 1, U32),
                    x.whole("peer-session-id", 0, U32), x.string("interface"),
                    cookie(x, "cookie"), cookie(x, "peer-cookie"), l2specType(x),
                    keyword(x, "sequencing", Sequencing.values(), Sequencing::keyword, "a sequencing keyword"));
            sessions.put(session.key(), session);
        }
        TreeMap<String, Link> links = new TreeMap<>();
        for (RecordObject l : root.objects("links")) {
            String name = l.string("name");
            Optional<String> vlanLink = l.optionalString("vlan-link");
            Optional<Link.VlanOf> vlan = vlanLink.map(parent -> new Link.VlanOf(parent, (int) l.whole("vlan-id", 0, 4095)));
            List<InterfaceAddress> addresses = new ArrayList<>();
            for (String text : l.strings("addresses")) {
                addresses.add(address(l, text));
            }
            Optional<Long> mtu = l.optionalWhole("mtu", 0, Integer.MAX_VALUE);
            links.put(name, new Link(name, keyword(l, "kind", LinkKind.values(),
                    k -> k.name().toLowerCase(java.util.Locale.ROOT), "a link kind"), vlan,
                    mtu.isPresent() ? OptionalInt.of(mtu.get().intValue()) : OptionalInt.empty(),
                    l.bool("up"), l.optionalString("master"), addresses));
        }
        return new NetworkState(tunnels, sessions, links, root.stringMap("foreign-ports"));
    }

    private static final long U32 = 0xFFFF_FFFFL;
    private static final long U16 = 0xFFFF;

    /** The value of {@code values} whose keyword the field holds. */
    private static <E> E keyword(RecordObject o, String key, E[] values, java.util.function.Function<E, String> word,
            String expected) {
        String text = o.string(key);
        for (E value : values) {
            if (word.apply(value).equals(text)) {
                return value;
            }
        }
        throw o.field(key, "is \"" + clip(text) + "\", not " + expected);
    }

    private static Optional<Cookie> cookie(RecordObject x, String key) {
        Optional<String> hex = x.optionalString(key);
        try {
            return hex.map(Cookie::new);
        } catch (IllegalArgumentException e) {
            throw x.field(key, "is not 1 to 8 bytes of hex");
        }
    }

    private static Optional<L2specType> l2specType(RecordObject x) {
        return x.optionalString("l2spec-type").map(keyword -> switch (keyword) {
            case "none" -> L2specType.NONE;
            case "default" -> L2specType.DEFAULT;
            default -> throw x.field("l2spec-type", "is \"" + keyword + "\", not none or default");
        });
    }

    /** {@code 192.0.2.1/24} or {@code 192.0.2.1 peer 192.0.2.2/32}, as InterfaceAddress writes it. */
    private static InterfaceAddress address(RecordObject l, String text) {
        Optional<InterfaceAddress> address;
        try {
            address = AddressSyntax.parse(text);
        } catch (IllegalArgumentException e) {
            throw l.field("addresses", "holds \"" + clip(text) + "\": " + e.getMessage());
        }
        return address.orElseThrow(() -> l.field("addresses",
                "holds \"" + clip(text) + "\", not ADDRESS/LENGTH or ADDRESS peer PEER/LENGTH"));
    }

    private static InetAddress ip(RecordObject t, String key) {
        String text = t.string(key);
        return IpAddresses.parse(text).orElseThrow(() -> t.field(key, "is \"" + clip(text) + "\", not an IP address"));
    }

    private static String clip(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

}
