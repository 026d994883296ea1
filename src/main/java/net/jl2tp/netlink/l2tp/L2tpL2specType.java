package net.jl2tp.netlink.l2tp;

/** L2TP_ATTR_L2SPEC_TYPE: the 4-byte default L2-specific sublayer, or none. */
public enum L2tpL2specType {
    NONE(L2tpConstants.L2SPECTYPE_NONE, 0), DEFAULT(L2tpConstants.L2SPECTYPE_DEFAULT, 4);

    private final int value;
    private final int length;

    L2tpL2specType(int value, int length) {
        this.value = value;
        this.length = length;
    }

    public int value() {
        return value;
    }

    /** L2TP_ATTR_L2SPEC_LEN as iproute2 sends it. */
    public int length() {
        return length;
    }
}
