package net.jl2tp.config;

import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** The keys of a config file's top level and of its {@code l2tp:} mapping. */
final class FileKeys {
    private FileKeys() {
    }

    static final KeyTable TABLE = new KeyTable();
    static final KeyTable ROOT = new KeyTable();
    static final ConfigKey<Node> L2TP = ROOT.required("l2tp", "", new Nested(TABLE));

    static final ConfigKey<Long> VERSION = TABLE.required("version", "", Values.NUMBER);
    static final ConfigKey<List<TunnelConfig>> TUNNELS = TABLE.list("tunnels", "tunnels",
            new NamedMap<>(TunnelConfig.class, TunnelKeys.TABLE, false, FileBinder::tunnel));
    static final ConfigKey<List<BridgeConfig>> BRIDGES = TABLE.list("bridges", "bridges",
            new NamedMap<>(BridgeConfig.class, BridgeKeys.TABLE, false, FileBinder::bridge));
    static final ConfigKey<List<VlanConfig>> VLANS = TABLE.list("vlans", "vlans",
            new NamedMap<>(VlanConfig.class, VlanKeys.TABLE, false, FileBinder::vlan));
    static final ConfigKey<List<SiteConfig>> SITES = TABLE.list("sites", "sites",
            new NamedMap<>(SiteConfig.class, SiteKeys.TABLE, false, FileBinder::site));
    static final ConfigKey<List<LinkConfig>> LINKS = TABLE.list("links", "links",
            new NamedMap<>(LinkConfig.class, LinkKeys.TABLE, false, LinkBinder::link));
}
