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

    /** Whether the files describe links: each host then applies its site's half ({@link LinkExpansion}). */
    public boolean hasLinks() {
        return !links.isEmpty();
    }

    /** The site named {@code name}, if declared. */
    public java.util.Optional<SiteConfig> site(String name) {
        return sites.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public int sessionCount() {
        return tunnels.stream().mapToInt(t -> t.sessions().size()).sum();
    }

    /** "3 tunnels, 4 sessions, 1 bridge, 1 vlan in 2 files"; with links, "..., 2 sites, 1 link in 1 file". */
    public String summary() {
        String links = hasLinks() ? ", " + count(sites.size(), "site") + ", " + count(this.links.size(), "link") : "";
        return count(tunnels.size(), "tunnel") + ", " + count(sessionCount(), "session") + ", "
                + count(bridges.size(), "bridge") + ", " + count(vlans.size(), "vlan") + links + " in "
                + count(files.size(), "file");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
