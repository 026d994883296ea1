package net.jl2tp.netlink.route;

/** IFLA_OPERSTATE (RFC 2863 states, as the kernel numbers them). */
public enum OperState {
    UNKNOWN, NOT_PRESENT, DOWN, LOWER_LAYER_DOWN, TESTING, DORMANT, UP;

    public static OperState of(int value) {
        OperState[] all = values();
        return value >= 0 && value < all.length ? all[value] : UNKNOWN;
    }
}
