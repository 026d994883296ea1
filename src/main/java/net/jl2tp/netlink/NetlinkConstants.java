package net.jl2tp.netlink;

/** Numbers from include/uapi/linux/netlink.h that the whole layer uses. */
public final class NetlinkConstants {
    private NetlinkConstants() {
    }

    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_SOCK_DIAG = 4;
    public static final int NETLINK_GENERIC = 16;

    public static final int HEADER_LENGTH = 16;
    public static final int ALIGNTO = 4;

    // Message types below NLMSG_MIN_TYPE are the protocol's own.
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;
    public static final int NLMSG_MIN_TYPE = 0x10;

    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_ECHO = 0x08;
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_DUMP_FILTERED = 0x20;
    // GET requests
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    // NEW requests
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;
    // flags of an NLMSG_ERROR acknowledgement
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;

    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;
    public static final int NLMSGERR_ATTR_COOKIE = 3;
    public static final int NLMSGERR_ATTR_POLICY = 4;
    public static final int NLMSGERR_ATTR_MISS_TYPE = 5;
    public static final int NLMSGERR_ATTR_MISS_NEST = 6;

    public static final int NLA_F_NESTED = 1 << 15;
    public static final int NLA_F_NET_BYTEORDER = 1 << 14;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;
    public static final int NLA_HEADER_LENGTH = 4;

    // socket options at level SOL_NETLINK
    public static final int SOL_NETLINK = 270;
    /** Join a multicast group by its number (any number; nl_groups in bind only reaches 32). */
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int NETLINK_GET_STRICT_CHK = 12;

    public static int align(int length) {
        return (length + ALIGNTO - 1) & ~(ALIGNTO - 1);
    }
}
