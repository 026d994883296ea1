package net.jl2tp.netlink.ffi;

import net.jl2tp.netlink.Errno;

/** What a user can do about a failed socket call. */
final class NetlinkExceptionHints {
    private NetlinkExceptionHints() {
    }

    static String of(int errno) {
        if (errno == Errno.EPERM || errno == Errno.EACCES) {
            return "run as root (netlink changes and L2TP dumps need CAP_NET_ADMIN)";
        }
        if (errno == Errno.EPROTONOSUPPORT) {
            return "the kernel has no netlink support for this protocol";
        }
        return null;
    }
}
