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
}
