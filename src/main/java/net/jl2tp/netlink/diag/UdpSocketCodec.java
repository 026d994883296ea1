package net.jl2tp.netlink.diag;

import static net.jl2tp.netlink.NetlinkConstants.NLM_F_DUMP;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_REQUEST;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.OptionalLong;
import net.jl2tp.netlink.AttributeDecoder;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.NetlinkRequest;

/**
 * UDP sockets over NETLINK_SOCK_DIAG: the dump request is byte for byte what `ss -uanm` (iproute2
 * 6.1) sends for one address family, without a filter (the caller picks the socket it wants), asking
 * for INET_DIAG_MEMINFO and INET_DIAG_SKMEMINFO.
 */
public final class UdpSocketCodec {
    private UdpSocketCodec() {
    }

    /** `ss -uanm` for {@code family} (AF_INET or AF_INET6). */
    public static NetlinkRequest dump(int family) {
        int ext = (1 << (InetDiag.INET_DIAG_MEMINFO - 1)) | (1 << (InetDiag.INET_DIAG_SKMEMINFO - 1));
        byte[] payload = ByteBuffer.allocate(InetDiag.REQ_V2_LENGTH).order(ByteOrder.nativeOrder())
                .put((byte) family).put((byte) InetDiag.IPPROTO_UDP).put((byte) ext).put((byte) 0)
                .putInt(InetDiag.ALL_STATES).array(); // the socket id: all zeros, every socket
        return new NetlinkRequest("list UDP sockets (sock_diag)", InetDiag.SOCK_DIAG_BY_FAMILY,
                NLM_F_REQUEST | NLM_F_DUMP, payload);
    }

    /** One SOCK_DIAG_BY_FAMILY answer of the dump. */
    public static UdpSocket decode(NetlinkMessage message) throws NetlinkProtocolException {
        if (message.type() != InetDiag.SOCK_DIAG_BY_FAMILY) {
            throw new NetlinkProtocolException("expected SOCK_DIAG_BY_FAMILY, got message type " + message.type());
        }
        byte[] p = message.payload();
        if (p.length < InetDiag.MSG_LENGTH) {
            throw new NetlinkProtocolException("inet_diag_msg of " + p.length + " bytes, expected " + InetDiag.MSG_LENGTH);
        }
        ByteBuffer b = message.payloadBuffer();
        int family = p[0] & 0xff;
        int addressLength = family == InetDiag.AF_INET6 ? 16 : 4;
        // struct inet_diag_sockid at 4: sport and dport big-endian, src[4] at 8, dst[4] at 24 (network order)
        int localPort = ((p[4] & 0xff) << 8) | (p[5] & 0xff);
        int remotePort = ((p[6] & 0xff) << 8) | (p[7] & 0xff);
        InetAddress local = address(Arrays.copyOfRange(p, 8, 8 + addressLength));
        InetAddress remote = address(Arrays.copyOfRange(p, 24, 24 + addressLength));
        long rqueue = Integer.toUnsignedLong(b.getInt(56));
        OptionalLong drops = OptionalLong.empty();
        AttributeDecoder d = new AttributeDecoder(p, InetDiag.MSG_LENGTH);
        while (d.next()) {
            if (d.type() == InetDiag.INET_DIAG_SKMEMINFO) {
                byte[] vars = d.bytes();
                if (vars.length >= (InetDiag.SK_MEMINFO_DROPS + 1) * Integer.BYTES) {
                    drops = OptionalLong.of(Integer.toUnsignedLong(ByteBuffer.wrap(vars).order(ByteOrder.nativeOrder())
                            .getInt(InetDiag.SK_MEMINFO_DROPS * Integer.BYTES)));
                }
            }
        }
        d.finish();
        return new UdpSocket(local, localPort, remote, remotePort, rqueue, drops);
    }

    private static InetAddress address(byte[] bytes) throws NetlinkProtocolException {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new NetlinkProtocolException("socket address of " + bytes.length + " bytes");
        }
    }
}
