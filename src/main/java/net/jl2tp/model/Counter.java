package net.jl2tp.model;

/**
 * The kernel's L2TP counters by name, in the order status shows them; {@code key} is the name in
 * JSON and the README ({@code rx-cookie-discards}).
 */
public enum Counter {
    TX_PACKETS("tx-packets"),
    TX_BYTES("tx-bytes"),
    TX_ERRORS("tx-errors"),
    RX_PACKETS("rx-packets"),
    RX_BYTES("rx-bytes"),
    RX_ERRORS("rx-errors"),
    RX_SEQ_DISCARDS("rx-seq-discards"),
    RX_OOS_PACKETS("rx-oos-packets"),
    RX_COOKIE_DISCARDS("rx-cookie-discards"),
    RX_INVALID("rx-invalid");

    private final String key;

    Counter(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
