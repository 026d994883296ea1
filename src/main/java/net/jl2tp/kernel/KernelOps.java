package net.jl2tp.kernel;

import net.jl2tp.model.NetworkState;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Change;

/**
 * What the executor needs of a kernel: read the state, and carry out one change completely
 * (a delete returns only once the object is really gone, so its id or name can be reused).
 */
public interface KernelOps {
    NetworkState read() throws NetlinkException;

    void apply(Change change) throws NetlinkException;
}
