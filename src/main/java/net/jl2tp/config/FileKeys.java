package net.jl2tp.config;

import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** The keys of a config file's top level and of its {@code l2tp:} mapping. */
final class FileKeys {
    private FileKeys() {
    }

    static final KeyTable ROOT = new KeyTable();
    static final ConfigKey<Node> L2TP = ROOT.required("l2tp", "", (r, n, k, o) -> n);

    static final KeyTable TABLE = new KeyTable();
    static final ConfigKey<Long> VERSION = TABLE.required("version", "", Values::number);
    static final ConfigKey<List<TunnelConfig>> TUNNELS = TABLE.list("tunnels", "tunnels",
            (r, n, k, o) -> FileBinder.namedMap(r, n, k, FileBinder::tunnel));
    static final ConfigKey<List<BridgeConfig>> BRIDGES = TABLE.list("bridges", "bridges",
            (r, n, k, o) -> FileBinder.namedMap(r, n, k, FileBinder::bridge));
    static final ConfigKey<List<VlanConfig>> VLANS = TABLE.list("vlans", "vlans",
            (r, n, k, o) -> FileBinder.namedMap(r, n, k, FileBinder::vlan));
    static final ConfigKey<List<SiteConfig>> SITES = TABLE.list("sites", "sites",
            (r, n, k, o) -> FileBinder.namedMap(r, n, k, FileBinder::site));
    static final ConfigKey<List<LinkConfig>> LINKS = TABLE.list("links", "links",
            (r, n, k, o) -> FileBinder.namedMap(r, n, k, LinkBinder::link));
}
