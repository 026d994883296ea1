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
    ADD_ADDRESSES,
    SET_UP
}
