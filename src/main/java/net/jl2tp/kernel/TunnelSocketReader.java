package net.jl2tp.kernel;

import java.net.Inet6Address;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jl2tp.model.Encap;
import net.jl2tp.model.Tunnel;
import net.jl2tp.model.TunnelSocket;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.diag.InetDiag;
import net.jl2tp.netlink.diag.SockDiagNetlink;
import net.jl2tp.netlink.diag.UdpSocket;

/**
 * The UDP tunnels' sockets, from a sock_diag dump of the UDP sockets: the one bound to the tunnel's
 * local address and port and connected to its remote address and port (the kernel makes it so for a
 * tunnel made over netlink, and refuses a second tunnel on the same local address and port).
 */
public final class TunnelSocketReader {
    private TunnelSocketReader() {
    }

    /**
     * Each UDP tunnel's socket, by tunnel id (a tunnel whose socket is not in the dump has none);
     * empty when the kernel cannot say (no udp_diag: ENOENT).
     */
    public static Optional<Map<Long, TunnelSocket>> read(SockDiagNetlink diag, Collection<Tunnel> tunnels) {
        List<Tunnel> udp = tunnels.stream().filter(t -> t.encap() == Encap.UDP).toList();
        Map<Long, TunnelSocket> out = new TreeMap<>();
        if (udp.isEmpty()) {
            return Optional.of(out);
        }
        try {
            List<UdpSocket> v4 = udp.stream().anyMatch(t -> !(t.local() instanceof Inet6Address))
                    ? diag.udpSockets(InetDiag.AF_INET) : List.of();
            List<UdpSocket> v6 = udp.stream().anyMatch(t -> t.local() instanceof Inet6Address)
                    ? diag.udpSockets(InetDiag.AF_INET6) : List.of();
            for (Tunnel t : udp) {
                List<UdpSocket> family = t.local() instanceof Inet6Address ? v6 : v4;
                family.stream().filter(s -> s.localPort() == t.udpSourcePort() && s.local().equals(t.local())
                                && s.remotePort() == t.udpDestinationPort() && s.remote().equals(t.remote()))
                        .findFirst()
                        .ifPresent(s -> out.put(t.tunnelId(), new TunnelSocket(s.receiveQueue(), s.drops())));
            }
            return Optional.of(out);
        } catch (NetlinkException e) {
            return Optional.empty();
        }
    }
}
