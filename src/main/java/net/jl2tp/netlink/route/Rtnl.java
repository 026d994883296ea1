package net.jl2tp.netlink.route;

/** Numbers from include/uapi/linux/rtnetlink.h, if_link.h, if_addr.h that the route codecs use. */
public final class Rtnl {
    private Rtnl() {
    }

    /** rtnetlink multicast groups (enum rtnetlink_groups): links, IPv4 and IPv6 addresses. */
    public static final int RTNLGRP_LINK = 1;
    public static final int RTNLGRP_IPV4_IFADDR = 5;
    public static final int RTNLGRP_IPV6_IFADDR = 9;
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_PACKET = 17;

    /** struct ifinfomsg: family, pad, type, index, flags, change. */
    public static final int IFINFOMSG_LENGTH = 16;
    /** struct ifaddrmsg: family, prefixlen, flags, scope, index. */
    public static final int IFADDRMSG_LENGTH = 8;
    /** struct rtmsg: family, dst_len, src_len, tos, table, protocol, scope, type, flags. */
    public static final int RTMSG_LENGTH = 12;

    public static final int IFF_UP = 0x1;
    public static final int IFF_LOWER_UP = 0x10000;

    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_STATS64 = 23;
    public static final int IFLA_EXT_MASK = 29;
    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;
    public static final int IFLA_VLAN_ID = 1;
    public static final int RTEXT_FILTER_VF = 1;
    public static final int RTEXT_FILTER_SKIP_STATS = 8;

    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_FLAGS = 8;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_PERMANENT = 0x80;
    /** IPv6 duplicate address detection still running: the address cannot be bound yet. */
    public static final int IFA_F_TENTATIVE = 0x40;
    /** IPv6 duplicate address detection found the address in use. */
    public static final int IFA_F_DADFAILED = 0x08;

    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_METRICS = 8;
    public static final int RTA_TABLE = 15;
    public static final int RTAX_MTU = 2;
    public static final int RTM_F_LOOKUP_TABLE = 0x1000;
    /** rtmsg.rtm_type: the reject route types (a lookup that meets one answers with an error on Linux 6.1). */
    public static final int RTN_UNICAST = 1;
    public static final int RTN_BLACKHOLE = 6;
    public static final int RTN_UNREACHABLE = 7;
    public static final int RTN_PROHIBIT = 8;
    public static final int RTN_THROW = 9;
}
