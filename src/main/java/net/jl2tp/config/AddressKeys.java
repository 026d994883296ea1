package net.jl2tp.config;

/** The keys of a point-to-point address, {@code { address: A, peer: P/len }}. */
final class AddressKeys {
    private AddressKeys() {
    }

    static final KeyTable TABLE = new KeyTable();
    /** Required, with a message of its own: read by {@link Values#addresses}. */
    static final ConfigKey<String> ADDRESS = TABLE.optional("address", "", Values.TEXT);
    static final ConfigKey<String> PEER = TABLE.optional("peer", "", Values.TEXT);

    static {
        TABLE.ipWords(PEER, "remote");
        TABLE.ipWords(ADDRESS, "local");
    }
}
