package net.jl2tp.config;

import java.net.InetAddress;
import java.util.List;

/** TEMPORARY (h19-links replaces it): a named site of a link file. */
public record SiteConfig(String name, InetAddress address, List<String> hostnames, Marks marks) implements Marked {
    public SiteConfig {
        hostnames = List.copyOf(hostnames);
    }

    @Override
    public KeyTable keys() {
        return KeyTable.NONE;
    }
}
