package net.jl2tp.netlink.diag;

/** Numbers from include/uapi/linux/sock_diag.h and inet_diag.h that the UDP socket dump uses. */
public final class InetDiag {
    private InetDiag() {
    }

    /** The request and answer type of NETLINK_SOCK_DIAG. */
    public static final int SOCK_DIAG_BY_FAMILY = 20;

    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int IPPROTO_UDP = 17;

    /** struct inet_diag_req_v2: family, protocol, ext, pad, states, then struct inet_diag_sockid. */
    public static final int REQ_V2_LENGTH = 56;
    /** struct inet_diag_msg: family, state, timer, retrans, sockid, expires, rqueue, wqueue, uid, inode. */
    public static final int MSG_LENGTH = 72;

    public static final int INET_DIAG_MEMINFO = 1;
    public static final int INET_DIAG_SKMEMINFO = 7;
    /** The index of sk_drops in INET_DIAG_SKMEMINFO's u32 array (enum sk_meminfo_vars). */
    public static final int SK_MEMINFO_DROPS = 8;

    /** The state bits `ss -a` asks for (0xfff): a UDP socket is ESTABLISHED (connected) or CLOSE. */
    public static final int ALL_STATES = 0xfff;
}
