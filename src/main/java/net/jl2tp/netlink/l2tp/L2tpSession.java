package net.jl2tp.netlink.l2tp;

/**
 * An L2TPv3 Ethernet pseudowire session: what SESSION_CREATE sends and a session dump reports.
 *
 * @param peerTunnelId sent as L2TP_ATTR_PEER_CONN_ID like iproute2 does (0 unless given; the
 *     kernel takes the peer tunnel id from the tunnel); reported by dumps
 * @param interfaceName L2TP_ATTR_IFNAME; null lets the kernel pick l2tpethN
 * @param cookie lower-case hex of 4 or 8 bytes, "" for none
 * @param peerCookie likewise
 * @param l2specType null in what the kernel reports: session dumps do not carry it
 * @param recvSeq drop packets without sequence numbers
 * @param sendSeq send sequence numbers
 */
public record L2tpSession(long tunnelId, long peerTunnelId, long sessionId, long peerSessionId, String interfaceName,
        String cookie, String peerCookie, L2tpL2specType l2specType, boolean recvSeq, boolean sendSeq, boolean lnsMode) {

    public L2tpSession {
        cookie = cookie == null ? "" : cookie;
        peerCookie = peerCookie == null ? "" : peerCookie;
    }

    /** A session with no cookies, default l2spec, no sequencing. */
    public static L2tpSession of(long tunnelId, long sessionId, long peerSessionId, String interfaceName) {
        return new L2tpSession(tunnelId, 0, sessionId, peerSessionId, interfaceName, "", "", L2tpL2specType.DEFAULT, false, false, false);
    }

    public L2tpSession withCookies(String newCookie, String newPeerCookie) {
        return new L2tpSession(tunnelId, peerTunnelId, sessionId, peerSessionId, interfaceName, newCookie, newPeerCookie, l2specType, recvSeq, sendSeq, lnsMode);
    }

    public L2tpSession withL2specType(L2tpL2specType type) {
        return new L2tpSession(tunnelId, peerTunnelId, sessionId, peerSessionId, interfaceName, cookie, peerCookie, type, recvSeq, sendSeq, lnsMode);
    }

    public L2tpSession withSequencing(boolean recv, boolean send) {
        return new L2tpSession(tunnelId, peerTunnelId, sessionId, peerSessionId, interfaceName, cookie, peerCookie, l2specType, recv, send, lnsMode);
    }
}
