package net.jl2tp.plan;

/**
 * The order in which changes run (design.md section 5): everything that removes comes before
 * everything that adds, and each object after what it stands on. Within a phase, changes are
 * sorted by object, so a plan is stable from run to run.
 */
public enum Phase {
    /** Record-only: objects made outside jl2tp that match the config become jl2tp's. */
    ADOPT,
    DELETE_ADDRESSES,
    DETACH_PORTS,
    DELETE_LINKS,
    DELETE_SESSIONS,
    DELETE_TUNNELS,
    CREATE_TUNNELS,
    CREATE_SESSIONS,
    MODIFY_SESSIONS,
    CREATE_LINKS,
    SET_LINKS,
    /**
     * Links come up before their addresses are added, as the man page and `ip` users do it: an IPv6
     * address with a peer added to a link that is down, without duplicate address detection, never
     * gets its route to the peer when the link comes up (measured on 6.1; README kernel facts).
     */
    SET_UP,
    ADD_ADDRESSES
}
