package net.jl2tp.config;

import java.net.InetAddress;
import java.util.List;

/** A site as written under {@code sites:}: a host at one end of links; {@code name} is its key. */
public record SiteConfig(String name, InetAddress address, List<String> hostnames, Marks marks) implements Marked {
    public SiteConfig {
        hostnames = List.copyOf(hostnames);
    }

    @Override
    public KeyTable keys() {
        return SiteKeys.TABLE;
    }
}
