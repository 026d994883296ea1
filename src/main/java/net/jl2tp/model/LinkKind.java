package net.jl2tp.model;

/** What a network interface is, as far as jl2tp cares. */
public enum LinkKind {
    /** An l2tpethN interface: made and removed with its session, it has no rtnetlink kind. */
    SESSION,
    BRIDGE,
    VLAN,
    /** Anything else (eth0, veth, dummy...): never created or deleted by jl2tp. */
    OTHER
}
