package net.jl2tp.config;

/** TEMPORARY (h19-links replaces it): a site's half of the links. */
public final class LinkExpansion {
    private LinkExpansion() {
    }

    public static L2tpConfig forSite(L2tpConfig config, String site) {
        return new L2tpConfig(config.tunnels(), config.bridges(), config.vlans(), config.sites(), java.util.List.of(),
                config.files());
    }
}
