package net.jl2tp.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Mtu;
import net.jl2tp.model.Sequencing;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Binds the node tree of one file to config records. It checks shape and types (unknown keys,
 * a list where a mapping belongs, text where a number belongs); value ranges are the validator's.
 */
final class FileBinder {
    /** The config format versions this release reads. */
    static final Set<Long> SUPPORTED_VERSIONS = Set.of(1L);

    private static final Set<String> TOP_KEYS = keys("l2tp");
    private static final Set<String> L2TP_KEYS = keys("version", "tunnels", "bridges", "vlans");
    private static final Set<String> TUNNEL_KEYS = keys("tunnel-id", "peer-tunnel-id", "encap", "local", "remote",
            "udp-source-port", "udp-destination-port", "udp-checksum", "udp6-checksum-tx", "udp6-checksum-rx",
            "sessions");
    private static final Set<String> SESSION_KEYS = keys("session-id", "peer-session-id", "cookie", "peer-cookie",
            "l2spec-type", "sequencing", "offset", "peer-offset", "mtu", "up", "addresses");
    private static final Set<String> BRIDGE_KEYS = keys("interfaces", "mtu", "up", "addresses");
    private static final Set<String> VLAN_KEYS = keys("link", "id", "mtu", "up", "addresses");
    private static final Set<String> ADDRESS_KEYS = keys("address", "peer");

    private static final Map<String, Encap> ENCAPS = words(Encap.values(), Encap::keyword);
    private static final Map<String, Sequencing> SEQUENCINGS = words(Sequencing.values(), Sequencing::keyword);

    private final NodeReader read;

    /** What one file declares. */
    record Fragment(List<TunnelConfig> tunnels, List<BridgeConfig> bridges, List<VlanConfig> vlans) {
    }

    private FileBinder(NodeReader read) {
        this.read = read;
    }

    static Fragment bind(String file, Node root, List<Problem> problems) {
        NodeReader reader = new NodeReader(file, problems);
        Fragment fragment = new FileBinder(reader).root(root);
        reader.finish();
        return fragment;
    }

    private Fragment root(Node root) {
        List<TunnelConfig> tunnels = new ArrayList<>();
        List<BridgeConfig> bridges = new ArrayList<>();
        List<VlanConfig> vlans = new ArrayList<>();
        Fragment fragment = new Fragment(tunnels, bridges, vlans);
        var top = read.mapping(root, "the file", TOP_KEYS);
        if (top.isEmpty()) {
            return fragment;
        }
        Optional<Node> l2tpNode = top.get().get("l2tp");
        if (l2tpNode.isEmpty() && top.get().hadUnknownKeys()) {
            return fragment; // the unknown key is the explanation
        }
        if (l2tpNode.isEmpty()) {
            read.problem(root, "the file has no 'l2tp:' key; a config file starts with 'l2tp:' and 'version: 1'");
            return fragment;
        }
        var l2tp = read.within(root, r -> read.mapping(l2tpNode.get(), "l2tp", L2TP_KEYS));
        if (l2tp.isEmpty()) {
            return fragment;
        }
        var entries = l2tp.get();
        Long version = entries.required("version", read.mark(l2tpNode.get()), "l2tp", n -> read.number(n, "version"));
        if (version != null && !SUPPORTED_VERSIONS.contains(version)) {
            read.problem(entries.get("version").orElseThrow(), "version " + version
                    + " is not supported; this release of jl2tp reads version 1");
        }
        Node l2tpMap = l2tpNode.get();
        entries.get("tunnels").ifPresent(n -> read.within(l2tpMap, r -> namedMap(n, "tunnels", (name, key, value) ->
                tunnel(name, key, value).ifPresent(tunnels::add))));
        entries.get("bridges").ifPresent(n -> read.within(l2tpMap, r -> namedMap(n, "bridges", (name, key, value) ->
                bridge(name, key, value).ifPresent(bridges::add))));
        entries.get("vlans").ifPresent(n -> read.within(l2tpMap, r -> namedMap(n, "vlans", (name, key, value) ->
                vlan(name, key, value).ifPresent(vlans::add))));
        return fragment;
    }

    private interface NamedEntry {
        void accept(String name, Node key, Node value);
    }

    /** A mapping from names chosen by the user to objects: every key is allowed, each value is read. */
    private Void namedMap(Node node, String what, NamedEntry entry) {
        if (read.isNull(node)) {
            return null;
        }
        read.mapping(node, what, null).ifPresent(map -> read.within(node, n -> {
            for (Map.Entry<String, NodeTuple> e : map.all().entrySet()) {
                entry.accept(e.getKey(), e.getValue().getKeyNode(), e.getValue().getValueNode());
            }
            return null;
        }));
        return null;
    }

    private Optional<TunnelConfig> tunnel(String label, Node keyNode, Node value) {
        SourceMark self = read.mark(keyNode);
        String owner = "tunnel '" + label + "'";
        var found = read.mapping(value, owner, TUNNEL_KEYS);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var e = found.get();
        List<SessionConfig> sessions = new ArrayList<>();
        e.get("sessions").ifPresent(n -> read.within(value, r -> namedMap(n, "sessions of " + owner,
                (name, key, body) -> session(name, key, body).ifPresent(sessions::add))));
        return Optional.of(new TunnelConfig(label,
                e.required("tunnel-id", self, owner, n -> read.number(n, "tunnel-id")),
                e.required("peer-tunnel-id", self, owner, n -> read.number(n, "peer-tunnel-id")),
                e.optional("encap", n -> read.keyword(n, "encap", ENCAPS)),
                e.required("local", self, owner, n -> read.ipAddress(n, "local")),
                e.required("remote", self, owner, n -> read.ipAddress(n, "remote")),
                e.optional("udp-source-port", n -> read.number(n, "udp-source-port")),
                e.optional("udp-destination-port", n -> read.number(n, "udp-destination-port")),
                e.optional("udp-checksum", n -> read.bool(n, "udp-checksum")),
                e.optional("udp6-checksum-tx", n -> read.bool(n, "udp6-checksum-tx")),
                e.optional("udp6-checksum-rx", n -> read.bool(n, "udp6-checksum-rx")),
                sessions,
                e.marks(self)));
    }

    private Optional<SessionConfig> session(String name, Node keyNode, Node value) {
        SourceMark self = read.mark(keyNode);
        String owner = "session '" + name + "'";
        var found = read.mapping(value, owner, SESSION_KEYS);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var e = found.get();
        return Optional.of(new SessionConfig(name,
                e.required("session-id", self, owner, n -> read.number(n, "session-id")),
                e.required("peer-session-id", self, owner, n -> read.number(n, "peer-session-id")),
                e.optional("cookie", n -> read.scalarText(n, "cookie").orElse(null)),
                e.optional("peer-cookie", n -> read.scalarText(n, "peer-cookie").orElse(null)),
                e.optional("l2spec-type", this::l2specType),
                e.optional("sequencing", n -> read.keyword(n, "sequencing", SEQUENCINGS)),
                e.optional("offset", n -> read.number(n, "offset")),
                e.optional("peer-offset", n -> read.number(n, "peer-offset")),
                e.optional("mtu", n -> mtu(n, true)),
                e.optional("up", n -> read.bool(n, "up")),
                e.get("addresses").map(n -> read.within(value, r -> addresses(n))).orElse(List.of()),
                e.marks(self)));
    }

    private Optional<BridgeConfig> bridge(String name, Node keyNode, Node value) {
        SourceMark self = read.mark(keyNode);
        String owner = "bridge '" + name + "'";
        var found = read.mapping(value, owner, BRIDGE_KEYS);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var e = found.get();
        List<PortConfig> ports = new ArrayList<>();
        e.get("interfaces").ifPresent(n -> read.within(value, r -> {
            read.sequence(n, "interfaces of " + owner).ifPresent(items -> {
                for (Node item : items) {
                    read.scalarText(item, "a bridge port").ifPresent(port ->
                            ports.add(new PortConfig(port, Marks.at(read.mark(item)))));
                }
            });
            return null;
        }));
        return Optional.of(new BridgeConfig(name, ports,
                e.optional("mtu", n -> mtu(n, false)),
                e.optional("up", n -> read.bool(n, "up")),
                e.get("addresses").map(n -> read.within(value, r -> addresses(n))).orElse(List.of()),
                e.marks(self)));
    }

    private Optional<VlanConfig> vlan(String name, Node keyNode, Node value) {
        SourceMark self = read.mark(keyNode);
        String owner = "vlan '" + name + "'";
        var found = read.mapping(value, owner, VLAN_KEYS);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var e = found.get();
        return Optional.of(new VlanConfig(name,
                e.required("link", self, owner, n -> read.scalarText(n, "link").orElse(null)),
                e.required("id", self, owner, n -> read.number(n, "id")),
                e.optional("mtu", n -> mtu(n, false)),
                e.optional("up", n -> read.bool(n, "up")),
                e.get("addresses").map(n -> read.within(value, r -> addresses(n))).orElse(List.of()),
                e.marks(self)));
    }

    private L2specType l2specType(Node node) {
        return read.scalarText(node, "l2spec-type").map(text -> switch (text) {
            case "default" -> L2specType.DEFAULT;
            case "none" -> L2specType.NONE;
            case "udp" -> {
                read.problem(node, "l2spec-type 'udp' does not exist: the man page lists it by mistake "
                        + "(iproute2 and the kernel know none and default); did you mean 'default'?");
                yield null;
            }
            default -> {
                read.problem(node, "l2spec-type must be one of default, none, not '" + text + "'");
                yield null;
            }
        }).orElse(null);
    }

    private Mtu mtu(Node node, boolean autoAllowed) {
        return read.scalarText(node, "mtu").map(text -> {
            if (text.equals("auto")) {
                if (autoAllowed) {
                    return (Mtu) new Mtu.Auto();
                }
                read.problem(node, "mtu: auto is computed from a tunnel's path and applies to sessions only; "
                        + "give a number in 68..65535");
                return null;
            }
            Long bytes = read.number(node, "mtu");
            if (bytes == null) {
                return null;
            }
            if (bytes < Integer.MIN_VALUE || bytes > Integer.MAX_VALUE) {
                read.problem(node, "mtu must be " + (autoAllowed ? "auto or " : "") + "a number in 68..65535");
                return null;
            }
            return new Mtu.Fixed(bytes.intValue());
        }).orElse(null);
    }

    private List<AddressConfig> addresses(Node node) {
        List<AddressConfig> out = new ArrayList<>();
        read.sequence(node, "addresses").ifPresent(items -> {
            for (Node item : items) {
                Optional<InterfaceAddress> address = item instanceof ScalarNode
                        ? read.scalarText(item, "an address").flatMap(text -> cidr(item, text))
                        : peerAddress(item);
                address.ifPresent(a -> out.add(new AddressConfig(a, read.mark(item))));
            }
        });
        return out;
    }

    /** {@code 192.0.2.1/24}: the prefix length is required, as in netplan. */
    private Optional<InterfaceAddress> cidr(Node node, String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            read.problem(node, "address '" + text + "' needs a prefix length, like " + text + "/24; "
                    + "for a point-to-point address write { address: " + text + ", peer: PEER }");
            return Optional.empty();
        }
        Optional<InetAddress> address = IpAddresses.parse(text.substring(0, slash));
        if (address.isEmpty()) {
            read.problem(node, "'" + text.substring(0, slash) + "' is not an IPv4 or IPv6 address");
            return Optional.empty();
        }
        return prefix(node, text.substring(slash + 1), address.get())
                .map(length -> InterfaceAddress.of(address.get(), length));
    }

    /** {@code { address: 10.42.1.1, peer: 10.42.1.2[/len] }}, as {@code ip addr add A peer P}. */
    private Optional<InterfaceAddress> peerAddress(Node node) {
        var found = read.mapping(node, "an address", ADDRESS_KEYS);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var e = found.get();
        if (e.hadUnknownKeys()) {
            return Optional.empty(); // said already; guessing what was meant would add noise
        }
        SourceMark self = read.mark(node);
        Node addressNode = e.get("address").orElse(null);
        if (addressNode == null) {
            read.problem(self, "an address mapping needs 'address'");
            return Optional.empty();
        }
        Optional<String> addressText = read.scalarText(addressNode, "address");
        if (addressText.isEmpty()) {
            return Optional.empty();
        }
        Optional<Node> peerNode = e.get("peer");
        if (peerNode.isEmpty()) {
            return cidr(addressNode, addressText.get()); // { address: 192.0.2.1/24 } is allowed too
        }
        if (addressText.get().contains("/")) {
            read.problem(addressNode, "with a peer, the prefix length belongs on the peer "
                    + "(as in 'ip addr add A peer P/len'); write the address without '/'");
            return Optional.empty();
        }
        Optional<InetAddress> address = IpAddresses.parse(addressText.get());
        if (address.isEmpty()) {
            read.problem(addressNode, "'" + addressText.get() + "' is not an IPv4 or IPv6 address");
        }
        Optional<String> peerText = read.scalarText(peerNode.get(), "peer");
        if (peerText.isEmpty() || address.isEmpty()) {
            return Optional.empty();
        }
        String text = peerText.get();
        int slash = text.indexOf('/');
        Optional<InetAddress> peer = IpAddresses.parse(slash < 0 ? text : text.substring(0, slash));
        if (peer.isEmpty()) {
            read.problem(peerNode.get(), "peer '" + text + "' is not an IPv4 or IPv6 address");
            return Optional.empty();
        }
        if (!IpAddresses.sameFamily(address.get(), peer.get())) {
            read.problem(peerNode.get(), "peer " + text + " is " + IpAddresses.family(peer.get())
                    + " but address " + addressText.get() + " is " + IpAddresses.family(address.get()));
            return Optional.empty();
        }
        Optional<Integer> length = slash < 0 ? Optional.of(IpAddresses.maxPrefix(peer.get()))
                : prefix(peerNode.get(), text.substring(slash + 1), peer.get());
        return length.map(l -> InterfaceAddress.withPeer(address.get(), peer.get(), l));
    }

    private Optional<Integer> prefix(Node node, String text, InetAddress address) {
        int max = IpAddresses.maxPrefix(address);
        if (text.matches("[0-9]{1,3}")) {
            int length = Integer.parseInt(text);
            if (length <= max) {
                return Optional.of(length);
            }
        }
        read.problem(node, "prefix length '" + text + "' must be a number in 0.." + max + " for "
                + IpAddresses.family(address));
        return Optional.empty();
    }

    private static Set<String> keys(String... keys) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(keys)));
    }

    private static <E> Map<String, E> words(E[] values, java.util.function.Function<E, String> word) {
        Map<String, E> map = new LinkedHashMap<>();
        for (E value : values) {
            map.put(word.apply(value), value);
        }
        return Collections.unmodifiableMap(map);
    }
}
