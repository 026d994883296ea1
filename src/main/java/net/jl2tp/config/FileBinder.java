package net.jl2tp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Binds the node tree of one file to config records, key by key through each object's key table
 * ({@link TunnelKeys}, {@link SessionKeys}, {@link BridgeKeys}, {@link VlanKeys}, {@link FileKeys}).
 * It checks shape, types and number ranges at the node; rules about names and across objects are
 * the validator's.
 */
final class FileBinder {
    /** The config format versions this release reads. */
    static final Set<Long> SUPPORTED_VERSIONS = Set.of(1L);

    private FileBinder() {
    }

    /** What one file declares. */
    record Fragment(List<TunnelConfig> tunnels, List<BridgeConfig> bridges, List<VlanConfig> vlans,
            List<SiteConfig> sites, List<LinkConfig> links) {
        static final Fragment EMPTY = new Fragment(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Reads one named object: its name, the key node (where it is declared), its mapping. */
    interface NamedReader<T> {
        Optional<T> read(NodeReader read, String name, Node keyNode, Node value);
    }

    static Fragment bind(String file, Node root, List<Problem> problems) {
        NodeReader reader = new NodeReader(file, problems);
        Fragment fragment = root(reader, root);
        reader.finish();
        return fragment;
    }

    private static Fragment root(NodeReader read, Node root) {
        var top = read.mapping(root, "the file", FileKeys.ROOT);
        if (top.isEmpty()) {
            return Fragment.EMPTY;
        }
        Optional<Node> l2tpNode = top.get().get(FileKeys.L2TP);
        if (l2tpNode.isEmpty() && top.get().hadUnknownKeys()) {
            return Fragment.EMPTY; // the unknown key is the explanation
        }
        if (l2tpNode.isEmpty()) {
            read.problem(root, "the file has no '" + FileKeys.L2TP + ":' key; a config file starts with '"
                    + FileKeys.L2TP + ":' and '" + FileKeys.VERSION + ": 1'");
            return Fragment.EMPTY;
        }
        var l2tp = read.within(root, r -> read.mapping(l2tpNode.get(), FileKeys.L2TP.yaml(), FileKeys.TABLE));
        if (l2tp.isEmpty()) {
            return Fragment.EMPTY;
        }
        var e = l2tp.get();
        SourceMark self = read.mark(l2tpNode.get());
        Long version = e.value(FileKeys.VERSION, self);
        if (version != null && !SUPPORTED_VERSIONS.contains(version)) {
            read.problem(e.get(FileKeys.VERSION).orElseThrow(), FileKeys.VERSION + " " + version
                    + " is not supported; this release of jl2tp reads version 1");
        }
        return new Fragment(e.value(FileKeys.TUNNELS, self), e.value(FileKeys.BRIDGES, self),
                e.value(FileKeys.VLANS, self), e.value(FileKeys.SITES, self), e.value(FileKeys.LINKS, self));
    }

    /** A mapping from names chosen by the user to objects: every key is allowed, each value is read. */
    static <T> List<T> namedMap(NodeReader read, Node node, String what, NamedReader<T> reader) {
        List<T> out = new ArrayList<>();
        if (read.isNull(node)) {
            return out;
        }
        read.mapping(node, what, null).ifPresent(map -> read.within(node, n -> {
            for (Map.Entry<String, NodeTuple> e : map.all().entrySet()) {
                reader.read(read, e.getKey(), e.getValue().getKeyNode(), e.getValue().getValueNode())
                        .ifPresent(out::add);
            }
            return null;
        }));
        return out;
    }

    static Optional<TunnelConfig> tunnel(NodeReader read, String label, Node keyNode, Node value) {
        SourceMark self = read.mark(keyNode);
        return read.mapping(value, "tunnel '" + label + "'", TunnelKeys.TABLE).map(e -> {
            List<SessionConfig> sessions = e.value(TunnelKeys.SESSIONS, self);
            return new TunnelConfig(label,
                    e.value(TunnelKeys.TUNNEL_ID, self),
                    e.value(TunnelKeys.PEER_TUNNEL_ID, self),
                    e.value(TunnelKeys.ENCAP, self),
                    e.value(TunnelKeys.LOCAL, self),
                    e.value(TunnelKeys.REMOTE, self),
                    e.value(TunnelKeys.UDP_SOURCE_PORT, self),
                    e.value(TunnelKeys.UDP_DESTINATION_PORT, self),
                    e.value(TunnelKeys.UDP_CHECKSUM, self),
                    e.value(TunnelKeys.UDP6_CHECKSUM_TX, self),
                    e.value(TunnelKeys.UDP6_CHECKSUM_RX, self),
                    sessions,
                    e.marks(self));
        });
    }

    static Optional<SessionConfig> session(NodeReader read, String name, Node keyNode, Node value) {
        SourceMark self = read.mark(keyNode);
        return read.mapping(value, "session '" + name + "'", SessionKeys.TABLE).map(e -> new SessionConfig(name,
                e.value(SessionKeys.SESSION_ID, self),
                e.value(SessionKeys.PEER_SESSION_ID, self),
                e.value(SessionKeys.COOKIE, self),
                e.value(SessionKeys.PEER_COOKIE, self),
                e.value(SessionKeys.L2SPEC_TYPE, self),
                e.value(SessionKeys.SEQUENCING, self),
                e.value(SessionKeys.OFFSET, self),
                e.value(SessionKeys.PEER_OFFSET, self),
                e.value(SessionKeys.MTU, self),
                e.value(SessionKeys.UP, self),
                e.value(SessionKeys.ADDRESSES, self),
                e.marks(self)));
    }

    static Optional<BridgeConfig> bridge(NodeReader read, String name, Node keyNode, Node value) {
        SourceMark self = read.mark(keyNode);
        return read.mapping(value, "bridge '" + name + "'", BridgeKeys.TABLE).map(e -> new BridgeConfig(name,
                e.value(BridgeKeys.INTERFACES, self),
                e.value(BridgeKeys.MTU, self),
                e.value(BridgeKeys.UP, self),
                e.value(BridgeKeys.ADDRESSES, self),
                e.marks(self)));
    }

    static Optional<VlanConfig> vlan(NodeReader read, String name, Node keyNode, Node value) {
        SourceMark self = read.mark(keyNode);
        return read.mapping(value, "vlan '" + name + "'", VlanKeys.TABLE).map(e -> new VlanConfig(name,
                e.value(VlanKeys.LINK, self),
                e.value(VlanKeys.ID, self),
                e.value(VlanKeys.MTU, self),
                e.value(VlanKeys.UP, self),
                e.value(VlanKeys.ADDRESSES, self),
                e.marks(self)));
    }

    /** A site's name is what --site and /etc/jl2tp/site give: one word, as the site file takes it. */
    static final java.util.regex.Pattern SITE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    static Optional<SiteConfig> site(NodeReader read, String name, Node keyNode, Node value) {
        SourceMark self = read.mark(keyNode);
        if (LinkKeys.TABLE.names().contains(name)) {
            read.problem(keyNode, "site name '" + name + "' is a key of a link (" + String.join(", ", LinkKeys.TABLE.names())
                    + "): a link's end under that name would be read as the key; name the site otherwise");
        } else if (!SITE_NAME.matcher(name).matches()) {
            read.problem(keyNode, "site name '" + NodeReader.shown(name) + "' must be one word of letters, digits, "
                    + "'.', '_' and '-' (at most 63, starting with a letter or digit): it is what --site and "
                    + "/etc/jl2tp/site name");
        }
        return read.mapping(value, "site '" + name + "'", SiteKeys.TABLE).map(e -> new SiteConfig(name,
                e.value(SiteKeys.ADDRESS, self),
                e.value(SiteKeys.HOSTNAMES, self),
                e.marks(self)));
    }

    /** A bridge's {@code interfaces:}, each port marked where it is listed. */
    static List<PortConfig> ports(NodeReader read, Node node, String key, String owner) {
        List<PortConfig> ports = new ArrayList<>();
        read.sequence(node, key + " of " + owner).ifPresent(items -> {
            for (Node item : items) {
                read.scalarText(item, "a bridge port").ifPresent(port ->
                        ports.add(new PortConfig(port, Marks.at(read.mark(item)))));
            }
        });
        return ports;
    }
}
