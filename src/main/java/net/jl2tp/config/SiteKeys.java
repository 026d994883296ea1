package net.jl2tp.config;

import java.net.InetAddress;
import java.util.List;

/** The keys of a site, under {@code sites: NAME:}. */
public final class SiteKeys {
    private SiteKeys() {
    }

    static final KeyTable TABLE = new KeyTable();
    public static final ConfigKey<InetAddress> ADDRESS = TABLE.required("address", "address", Values.IP_ADDRESS);
    public static final ConfigKey<List<String>> HOSTNAMES = TABLE.list("hostnames", "hostnames", Values.WORDS);
}
