package net.jl2tp.model;

import java.util.Optional;

/**
 * What jl2tp made in one network namespace, with the full spec it applied, including what the
 * kernel cannot report (a session's l2spec type). Objects in the kernel and not here, nor in the
 * config, are foreign and left alone. {@code owned.foreignPorts()} lists the links jl2tp made a
 * bridge port without owning them, so that it can detach them again and nothing more.
 */
public record Ownership(NetworkState owned) {
    public static Ownership empty() {
        return new Ownership(NetworkState.empty());
    }

    /**
     * The record without the objects that are no longer in the kernel: a run killed after a delete
     * and before its record write leaves them named, and jl2tp owns only what exists. A foreign
     * port stays only while it is still a port of the bridge the record puts it in: a run killed
     * after a detach leaves the claim behind, and a claim written ahead of an attach that never
     * ran claims nothing (found by the kill -9 test: a stale claim outlived the converging run).
     */
    public Ownership withoutGone(NetworkState live) {
        return new Ownership(owned.only(live.tunnels()::containsKey, live.sessions()::containsKey,
                live.links()::containsKey, port -> stillAPortOf(live, port, owned.foreignPorts().get(port))));
    }

    private static boolean stillAPortOf(NetworkState live, String port, String bridge) {
        Link link = live.links().get(port);
        return link != null && link.master().equals(Optional.of(bridge));
    }
}
