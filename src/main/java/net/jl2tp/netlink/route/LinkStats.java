package net.jl2tp.netlink.route;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jl2tp.netlink.NetlinkProtocolException;

/**
 * The counters of IFLA_STATS64 (struct rtnl_link_stats64, include/uapi/linux/if_link.h) that
 * diagnose reads: the first eight u64 fields, in the kernel's order.
 */
public record LinkStats(long rxPackets, long txPackets, long rxBytes, long txBytes, long rxErrors, long txErrors,
        long rxDropped, long txDropped) {

    /** The eight fields the struct has had since IFLA_STATS64 exists (2.6.35); later fields follow. */
    private static final int LENGTH = 8 * Long.BYTES;

    static LinkStats decode(byte[] attribute) throws NetlinkProtocolException {
        if (attribute.length < LENGTH) {
            throw new NetlinkProtocolException("IFLA_STATS64 of " + attribute.length + " bytes, expected at least "
                    + LENGTH);
        }
        ByteBuffer b = ByteBuffer.wrap(attribute).order(ByteOrder.nativeOrder());
        return new LinkStats(b.getLong(0), b.getLong(8), b.getLong(16), b.getLong(24), b.getLong(32), b.getLong(40),
                b.getLong(48), b.getLong(56));
    }
}
