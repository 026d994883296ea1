package net.jl2tp.model;

/**
 * The layer-2-specific sublayer of a session (RFC 3931 section 4.6). Linux defaults to
 * {@link #DEFAULT} (4 bytes); Cisco and some others default to {@link #NONE}.
 */
public enum L2specType {
    NONE("none", 0),
    DEFAULT("default", 4);

    private final String keyword;
    private final int headerBytes;

    L2specType(String keyword, int headerBytes) {
        this.keyword = keyword;
        this.headerBytes = headerBytes;
    }

    public String keyword() {
        return keyword;
    }

    /** Bytes this sublayer adds to every data packet. */
    public int headerBytes() {
        return headerBytes;
    }
}
