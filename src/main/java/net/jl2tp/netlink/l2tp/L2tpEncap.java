package net.jl2tp.netlink.l2tp;

/** L2TP_ATTR_ENCAP_TYPE. */
public enum L2tpEncap {
    UDP(L2tpConstants.ENCAPTYPE_UDP), IP(L2tpConstants.ENCAPTYPE_IP);

    private final int value;

    L2tpEncap(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
