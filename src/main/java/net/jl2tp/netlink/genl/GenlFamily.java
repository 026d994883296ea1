package net.jl2tp.netlink.genl;

/** A generic netlink family as the controller reports it: its message type (id) for this boot. */
public record GenlFamily(String name, int id, int version, int maxAttribute) {
}
