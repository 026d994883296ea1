package net.jl2tp.netlink.l2tp;

import static net.jl2tp.netlink.NetlinkConstants.NLM_F_ACK;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_DUMP;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_REQUEST;
import static net.jl2tp.netlink.l2tp.L2tpConstants.*;

import java.util.HexFormat;

import net.jl2tp.netlink.AttributeDecoder;
import net.jl2tp.netlink.AttributeEncoder;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.netlink.genl.GenlHeader;

/**
 * Ethernet pseudowire sessions over the "l2tp" generic netlink family. Create, delete and dump are
 * byte for byte what iproute2 6.1 sends for `ip l2tp add|del|show session` (golden tests); GET and
 * MODIFY have no ip command and are checked on the real kernel.
 *
 * <p>Kernel facts: MODIFY changes only recv_seq / send_seq / lns_mode / recv_timeout; a session
 * dump carries ids, ifname, cookies and the three u8 sequencing fields, but not the l2spec type.
 */
public final class L2tpSessionCodec {
    private final int familyId;

    public L2tpSessionCodec(int familyId) {
        this.familyId = familyId;
    }

    public NetlinkRequest create(L2tpSession s) {
        L2tpL2specType l2spec = s.l2specType() == null ? L2tpL2specType.DEFAULT : s.l2specType();
        AttributeEncoder e = header(CMD_SESSION_CREATE)
                .u32(ATTR_CONN_ID, s.tunnelId())
                .u32(ATTR_PEER_CONN_ID, s.peerTunnelId())
                .u32(ATTR_SESSION_ID, s.sessionId())
                .u32(ATTR_PEER_SESSION_ID, s.peerSessionId())
                .u16(ATTR_PW_TYPE, PWTYPE_ETH)
                .u8(ATTR_L2SPEC_TYPE, l2spec.value())
                .u8(ATTR_L2SPEC_LEN, l2spec.length());
        if (s.recvSeq()) {
            e.u8(ATTR_RECV_SEQ, 1);
        }
        if (s.sendSeq()) {
            e.u8(ATTR_SEND_SEQ, 1);
        }
        if (s.lnsMode()) {
            e.u8(ATTR_LNS_MODE, 1);
        }
        cookie(e, ATTR_COOKIE, s.cookie());
        cookie(e, ATTR_PEER_COOKIE, s.peerCookie());
        if (s.interfaceName() != null && !s.interfaceName().isEmpty()) {
            if (s.interfaceName().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15) {
                e.fail("interface name " + s.interfaceName() + " is longer than 15 bytes");
            }
            e.string(ATTR_IFNAME, s.interfaceName());
        }
        return request("create session " + s.sessionId() + " in tunnel " + s.tunnelId(), NLM_F_REQUEST | NLM_F_ACK, e);
    }

    public NetlinkRequest delete(long tunnelId, long sessionId) {
        return request("delete session " + sessionId + " in tunnel " + tunnelId, NLM_F_REQUEST | NLM_F_ACK,
                header(CMD_SESSION_DELETE).u32(ATTR_CONN_ID, tunnelId).u32(ATTR_SESSION_ID, sessionId));
    }

    /** One session by ids: the answer, then an ack; ENODEV when it does not exist. */
    public NetlinkRequest get(long tunnelId, long sessionId) {
        return request("get session " + sessionId + " in tunnel " + tunnelId, NLM_F_REQUEST | NLM_F_ACK,
                header(CMD_SESSION_GET).u32(ATTR_CONN_ID, tunnelId).u32(ATTR_SESSION_ID, sessionId));
    }

    /** Changes the sequencing settings in place: the only session fields the kernel can change. */
    public NetlinkRequest modifySequencing(long tunnelId, long sessionId, boolean recvSeq, boolean sendSeq, boolean lnsMode) {
        return request("modify session " + sessionId + " in tunnel " + tunnelId, NLM_F_REQUEST | NLM_F_ACK,
                header(CMD_SESSION_MODIFY).u32(ATTR_CONN_ID, tunnelId).u32(ATTR_SESSION_ID, sessionId)
                        .u8(ATTR_RECV_SEQ, recvSeq ? 1 : 0).u8(ATTR_SEND_SEQ, sendSeq ? 1 : 0).u8(ATTR_LNS_MODE, lnsMode ? 1 : 0));
    }

    /** Every session of every tunnel (`ip l2tp show session`). */
    public NetlinkRequest dump() {
        return request("list L2TP sessions", NLM_F_REQUEST | NLM_F_DUMP, header(CMD_SESSION_GET));
    }

    public L2tpSessionState decode(NetlinkMessage message) throws NetlinkProtocolException {
        if (message.type() != familyId) {
            throw new NetlinkProtocolException("expected an l2tp message (type " + familyId + "), got type " + message.type());
        }
        GenlHeader.decode(message.payload());
        long[] ids = new long[4]; // tunnel, peer tunnel, session, peer session
        boolean[] seen = new boolean[2];
        String ifname = null;
        String cookie = "";
        String peerCookie = "";
        boolean recv = false;
        boolean send = false;
        boolean lns = false;
        L2tpStats[] stats = {L2tpStats.UNKNOWN};
        AttributeDecoder d = new AttributeDecoder(message.payload(), GenlHeader.LENGTH);
        while (d.next()) {
            switch (d.type()) {
                case ATTR_CONN_ID -> {
                    ids[0] = d.u32Unsigned();
                    seen[0] = true;
                }
                case ATTR_PEER_CONN_ID -> ids[1] = d.u32Unsigned();
                case ATTR_SESSION_ID -> {
                    ids[2] = d.u32Unsigned();
                    seen[1] = true;
                }
                case ATTR_PEER_SESSION_ID -> ids[3] = d.u32Unsigned();
                case ATTR_IFNAME -> ifname = d.string();
                case ATTR_COOKIE -> cookie = cookieHex(d, "cookie");
                case ATTR_PEER_COOKIE -> peerCookie = cookieHex(d, "peer cookie");
                case ATTR_RECV_SEQ -> recv = d.u8() != 0;
                case ATTR_SEND_SEQ -> send = d.u8() != 0;
                case ATTR_LNS_MODE -> lns = d.u8() != 0;
                case ATTR_STATS -> d.nested(n -> stats[0] = L2tpStats.decode(n));
                default -> {
                }
            }
        }
        d.finish();
        if (!seen[0] || !seen[1]) {
            throw new NetlinkProtocolException("l2tp session message without L2TP_ATTR_CONN_ID and L2TP_ATTR_SESSION_ID");
        }
        L2tpSession s = new L2tpSession(ids[0], ids[1], ids[2], ids[3], ifname, cookie, peerCookie, null, recv, send, lns);
        return new L2tpSessionState(s, stats[0]);
    }

    /** A cookie as the kernel reports it: 0 bytes (none) to 8; more is a reply the model cannot hold. */
    private static String cookieHex(AttributeDecoder d, String what) throws NetlinkProtocolException {
        byte[] bytes = d.bytes();
        if (bytes.length > 8) {
            throw new NetlinkProtocolException("the kernel reported a " + what + " of " + bytes.length
                    + " bytes; an L2TPv3 cookie has at most 8");
        }
        return HexFormat.of().formatHex(bytes);
    }

    private static void cookie(AttributeEncoder e, int type, String hex) {
        if (hex == null || hex.isEmpty()) {
            return;
        }
        if (!hex.matches("[0-9a-fA-F]{8}|[0-9a-fA-F]{16}")) {
            e.fail("cookie " + hex + " is not 8 or 16 hex digits");
            return;
        }
        e.bytes(type, HexFormat.of().parseHex(hex.toLowerCase()));
    }

    private AttributeEncoder header(int command) {
        return new AttributeEncoder(new GenlHeader(command, GENL_VERSION).encode());
    }

    private NetlinkRequest request(String operation, int flags, AttributeEncoder e) {
        return new NetlinkRequest(operation, familyId, flags, e.encode());
    }
}
