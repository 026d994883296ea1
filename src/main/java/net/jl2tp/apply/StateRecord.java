package net.jl2tp.apply;

import net.jl2tp.model.NetworkState;

/**
 * What jl2tp made in one network namespace, with the full spec it applied, including what the
 * kernel cannot report (a session's l2spec type). Objects in the kernel and not here, nor in the
 * config, are foreign and left alone. {@code owned.foreignPorts()} lists the links jl2tp made a
 * bridge port without owning them, so that it can detach them again and nothing more.
 */
public record StateRecord(NetworkState owned) {
    public static StateRecord empty() {
        return new StateRecord(NetworkState.empty());
    }

    /**
     * The record without the objects that are no longer in the kernel: a run killed after a delete
     * and before its record write leaves them named, and jl2tp owns only what exists (a foreign
     * port that is gone is dropped too).
     */
    public StateRecord withoutGone(NetworkState live) {
        return new StateRecord(owned.only(live.tunnels()::containsKey, live.sessions()::containsKey,
                live.links()::containsKey, live.links()::containsKey));
    }
}
