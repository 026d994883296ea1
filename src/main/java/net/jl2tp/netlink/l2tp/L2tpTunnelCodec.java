package net.jl2tp.netlink.l2tp;

import static net.jl2tp.netlink.NetlinkConstants.NLM_F_ACK;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_DUMP;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_REQUEST;
import static net.jl2tp.netlink.l2tp.L2tpConstants.*;

import java.net.Inet4Address;
import java.net.InetAddress;

import net.jl2tp.netlink.AttributeDecoder;
import net.jl2tp.netlink.AttributeEncoder;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.netlink.genl.GenlHeader;

/**
 * Tunnels over the "l2tp" generic netlink family (its id is resolved at run time). Create, delete
 * and dump are byte for byte what iproute2 6.1 sends for `ip l2tp add|del|show tunnel` (golden
 * tests); GET by id has no ip equivalent (ip filters a dump) and is checked on the real kernel.
 *
 * <p>Kernel facts encoded here: UDP_CSUM is a NLA_U8 in the kernel's policy but read as a flag on
 * create (present = checksums on, whatever its value), so it is sent as u8 1 only when wanted; the
 * kernel reports it as u8 0/1 for IPv4 UDP tunnels. IPv6 checksum settings go as the ZERO_CSUM6
 * flags. Addresses are network order, ports host order.
 */
public final class L2tpTunnelCodec {
    private final int familyId;

    /** @param familyId the id the controller gave "l2tp" on this boot */
    public L2tpTunnelCodec(int familyId) {
        this.familyId = familyId;
    }

    public NetlinkRequest create(L2tpTunnel t) {
        AttributeEncoder e = header(CMD_TUNNEL_CREATE)
                .u32(ATTR_CONN_ID, t.tunnelId())
                .u32(ATTR_PEER_CONN_ID, t.peerTunnelId())
                .u8(ATTR_PROTO_VERSION, PROTO_VERSION_3)
                .u16(ATTR_ENCAP_TYPE, t.encap().value());
        if (t.local() == null || t.remote() == null) {
            e.fail("tunnel " + t.tunnelId() + " needs a local and a remote address");
        } else if ((t.local() instanceof Inet4Address) != (t.remote() instanceof Inet4Address)) {
            e.fail("tunnel " + t.tunnelId() + ": local and remote addresses are of different families");
        } else if (t.isIpv6()) {
            e.inetAddress(ATTR_IP6_SADDR, t.local()).inetAddress(ATTR_IP6_DADDR, t.remote());
        } else {
            e.inetAddress(ATTR_IP_SADDR, t.local()).inetAddress(ATTR_IP_DADDR, t.remote());
        }
        if (t.encap() == L2tpEncap.UDP) {
            e.u16(ATTR_UDP_SPORT, t.udpSourcePort()).u16(ATTR_UDP_DPORT, t.udpDestinationPort());
            if (!t.isIpv6() && t.udpChecksum()) {
                e.u8(ATTR_UDP_CSUM, 1);
            }
            if (t.isIpv6() && !t.udp6ChecksumTx()) {
                e.flag(ATTR_UDP_ZERO_CSUM6_TX);
            }
            if (t.isIpv6() && !t.udp6ChecksumRx()) {
                e.flag(ATTR_UDP_ZERO_CSUM6_RX);
            }
        }
        return request("create tunnel " + t.tunnelId(), NLM_F_REQUEST | NLM_F_ACK, e);
    }

    public NetlinkRequest delete(long tunnelId) {
        return request("delete tunnel " + tunnelId, NLM_F_REQUEST | NLM_F_ACK, header(CMD_TUNNEL_DELETE).u32(ATTR_CONN_ID, tunnelId));
    }

    /** One tunnel by id: the answer, then an ack; ENODEV when there is no such tunnel. */
    public NetlinkRequest get(long tunnelId) {
        return request("get tunnel " + tunnelId, NLM_F_REQUEST | NLM_F_ACK, header(CMD_TUNNEL_GET).u32(ATTR_CONN_ID, tunnelId));
    }

    /** Every tunnel of the namespace (`ip l2tp show tunnel`). */
    public NetlinkRequest dump() {
        return request("list L2TP tunnels", NLM_F_REQUEST | NLM_F_DUMP, header(CMD_TUNNEL_GET));
    }

    public L2tpTunnelState decode(NetlinkMessage message) throws NetlinkProtocolException {
        if (message.type() != familyId) {
            throw new NetlinkProtocolException("expected an l2tp message (type " + familyId + "), got type " + message.type());
        }
        GenlHeader.decode(message.payload());
        long id = 0;
        long peer = 0;
        int encap = -1;
        InetAddress local = null;
        InetAddress remote = null;
        int sport = 0;
        int dport = 0;
        boolean csum = false;
        boolean zeroTx = false;
        boolean zeroRx = false;
        boolean sawId = false;
        int version = PROTO_VERSION_3; // absent only in hand-made messages; the kernel always sends it
        L2tpStats[] stats = {L2tpStats.UNKNOWN};
        AttributeDecoder d = new AttributeDecoder(message.payload(), GenlHeader.LENGTH);
        while (d.next()) {
            switch (d.type()) {
                case ATTR_CONN_ID -> {
                    id = d.u32Unsigned();
                    sawId = true;
                }
                case ATTR_PEER_CONN_ID -> peer = d.u32Unsigned();
                case ATTR_PROTO_VERSION -> version = d.u8();
                case ATTR_ENCAP_TYPE -> encap = d.u16();
                case ATTR_IP_SADDR, ATTR_IP6_SADDR -> local = d.inetAddress();
                case ATTR_IP_DADDR, ATTR_IP6_DADDR -> remote = d.inetAddress();
                case ATTR_UDP_SPORT -> sport = d.u16();
                case ATTR_UDP_DPORT -> dport = d.u16();
                case ATTR_UDP_CSUM -> csum = d.u8() != 0;
                case ATTR_UDP_ZERO_CSUM6_TX -> zeroTx = d.flag();
                case ATTR_UDP_ZERO_CSUM6_RX -> zeroRx = d.flag();
                case ATTR_STATS -> d.nested(n -> stats[0] = L2tpStats.decode(n));
                default -> {
                }
            }
        }
        d.finish();
        if (!sawId) {
            throw new NetlinkProtocolException("l2tp tunnel message without L2TP_ATTR_CONN_ID");
        }
        L2tpEncap kind = switch (encap) {
            case ENCAPTYPE_UDP -> L2tpEncap.UDP;
            case ENCAPTYPE_IP -> L2tpEncap.IP;
            default -> throw new NetlinkProtocolException("tunnel " + id + ": unknown encap type " + encap);
        };
        boolean v6 = local != null && !(local instanceof Inet4Address);
        L2tpTunnel t = new L2tpTunnel(id, peer, kind, local, remote, sport, dport, !v6 && csum, !zeroTx, !zeroRx);
        return new L2tpTunnelState(t, version, stats[0]);
    }

    private AttributeEncoder header(int command) {
        return new AttributeEncoder(new GenlHeader(command, GENL_VERSION).encode());
    }

    private NetlinkRequest request(String operation, int flags, AttributeEncoder e) {
        return new NetlinkRequest(operation, familyId, flags, e.encode());
    }
}
