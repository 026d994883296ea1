package net.jl2tp.model;

/** How a tunnel's packets travel: over UDP (the common case) or directly over IP protocol 115. */
public enum Encap {
    UDP("udp"),
    IP("ip");

    private final String keyword;

    Encap(String keyword) {
        this.keyword = keyword;
    }

    /** The word used in the config file and by {@code ip l2tp}. */
    public String keyword() {
        return keyword;
    }
}
