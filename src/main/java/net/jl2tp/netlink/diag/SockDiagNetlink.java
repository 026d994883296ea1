package net.jl2tp.netlink.diag;

import java.util.ArrayList;
import java.util.List;
import net.jl2tp.netlink.Netlink;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;

/** The sock_diag operations the product uses, over a NETLINK_SOCK_DIAG {@link Netlink}. */
public final class SockDiagNetlink {
    private final Netlink netlink;

    public SockDiagNetlink(Netlink netlink) {
        this.netlink = netlink;
    }

    /**
     * Every UDP socket of {@code family} in the namespace. Without udp_diag (a module) the kernel
     * answers ENOENT.
     */
    public List<UdpSocket> udpSockets(int family) throws NetlinkException {
        List<UdpSocket> out = new ArrayList<>();
        for (NetlinkMessage m : netlink.dump(UdpSocketCodec.dump(family))) {
            if (m.type() == InetDiag.SOCK_DIAG_BY_FAMILY) {
                out.add(UdpSocketCodec.decode(m));
            }
        }
        return out;
    }
}
