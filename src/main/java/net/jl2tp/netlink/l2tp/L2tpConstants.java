package net.jl2tp.netlink.l2tp;

/** Numbers from include/uapi/linux/l2tp.h. */
public final class L2tpConstants {
    private L2tpConstants() {
    }

    public static final String GENL_NAME = "l2tp";
    public static final int GENL_VERSION = 1;

    public static final int CMD_TUNNEL_CREATE = 1;
    public static final int CMD_TUNNEL_DELETE = 2;
    public static final int CMD_TUNNEL_MODIFY = 3;
    public static final int CMD_TUNNEL_GET = 4;
    public static final int CMD_SESSION_CREATE = 5;
    public static final int CMD_SESSION_DELETE = 6;
    public static final int CMD_SESSION_MODIFY = 7;
    public static final int CMD_SESSION_GET = 8;

    public static final int ATTR_PW_TYPE = 1;
    public static final int ATTR_ENCAP_TYPE = 2;
    public static final int ATTR_OFFSET = 3;
    public static final int ATTR_DATA_SEQ = 4;
    public static final int ATTR_L2SPEC_TYPE = 5;
    public static final int ATTR_L2SPEC_LEN = 6;
    public static final int ATTR_PROTO_VERSION = 7;
    public static final int ATTR_IFNAME = 8;
    public static final int ATTR_CONN_ID = 9;
    public static final int ATTR_PEER_CONN_ID = 10;
    public static final int ATTR_SESSION_ID = 11;
    public static final int ATTR_PEER_SESSION_ID = 12;
    public static final int ATTR_UDP_CSUM = 13;
    public static final int ATTR_VLAN_ID = 14;
    public static final int ATTR_COOKIE = 15;
    public static final int ATTR_PEER_COOKIE = 16;
    public static final int ATTR_DEBUG = 17;
    public static final int ATTR_RECV_SEQ = 18;
    public static final int ATTR_SEND_SEQ = 19;
    public static final int ATTR_LNS_MODE = 20;
    public static final int ATTR_USING_IPSEC = 21;
    public static final int ATTR_RECV_TIMEOUT = 22;
    public static final int ATTR_FD = 23;
    public static final int ATTR_IP_SADDR = 24;
    public static final int ATTR_IP_DADDR = 25;
    public static final int ATTR_UDP_SPORT = 26;
    public static final int ATTR_UDP_DPORT = 27;
    public static final int ATTR_MTU = 28;
    public static final int ATTR_MRU = 29;
    public static final int ATTR_STATS = 30;
    public static final int ATTR_IP6_SADDR = 31;
    public static final int ATTR_IP6_DADDR = 32;
    public static final int ATTR_UDP_ZERO_CSUM6_TX = 33;
    public static final int ATTR_UDP_ZERO_CSUM6_RX = 34;
    public static final int ATTR_PAD = 35;

    public static final int ATTR_TX_PACKETS = 1;
    public static final int ATTR_TX_BYTES = 2;
    public static final int ATTR_TX_ERRORS = 3;
    public static final int ATTR_RX_PACKETS = 4;
    public static final int ATTR_RX_BYTES = 5;
    public static final int ATTR_RX_SEQ_DISCARDS = 6;
    public static final int ATTR_RX_OOS_PACKETS = 7;
    public static final int ATTR_RX_ERRORS = 8;
    public static final int ATTR_STATS_PAD = 9;
    public static final int ATTR_RX_COOKIE_DISCARDS = 10;
    public static final int ATTR_RX_INVALID = 11;

    public static final int PWTYPE_ETH = 5;
    public static final int ENCAPTYPE_UDP = 0;
    public static final int ENCAPTYPE_IP = 1;
    public static final int L2SPECTYPE_NONE = 0;
    public static final int L2SPECTYPE_DEFAULT = 1;
    public static final int PROTO_VERSION_3 = 3;
}
