package net.jl2tp.config;

import java.util.List;

/** Everything the config files declare, merged, each object still carrying its source marks. */
public record L2tpConfig(
        List<TunnelConfig> tunnels,
        List<BridgeConfig> bridges,
        List<VlanConfig> vlans,
        List<SiteConfig> sites,
        List<LinkConfig> links,
        List<String> files) {
    public L2tpConfig {
        tunnels = List.copyOf(tunnels);
        bridges = List.copyOf(bridges);
        vlans = List.copyOf(vlans);
        sites = List.copyOf(sites);
        links = List.copyOf(links);
        files = List.copyOf(files);
    }

    public boolean hasLinks() {
        return !links.isEmpty();
    }

    public int sessionCount() {
        return tunnels.stream().mapToInt(t -> t.sessions().size()).sum();
    }

    /** "3 tunnels, 4 sessions, 1 bridge, 1 vlan in 2 files". */
    public String summary() {
        return count(tunnels.size(), "tunnel") + ", " + count(sessionCount(), "session") + ", "
                + count(bridges.size(), "bridge") + ", " + count(vlans.size(), "vlan") + " in "
                + count(files.size(), "file");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
