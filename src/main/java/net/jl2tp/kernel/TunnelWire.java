package net.jl2tp.kernel;

import net.jl2tp.model.Encap;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.l2tp.L2tpEncap;
import net.jl2tp.netlink.l2tp.L2tpTunnel;

/** A tunnel on the wire and in the model: what TUNNEL_CREATE sends is what a tunnel dump reads back. */
final class TunnelWire {
    private TunnelWire() {
    }

    static L2tpTunnel toWire(Tunnel t) {
        return new L2tpTunnel(t.tunnelId(), t.peerTunnelId(), t.encap() == Encap.IP ? L2tpEncap.IP : L2tpEncap.UDP,
                t.local(), t.remote(), t.udpSourcePort(), t.udpDestinationPort(), t.udpChecksum(), t.udp6ChecksumTx(),
                t.udp6ChecksumRx());
    }

    static Tunnel fromWire(L2tpTunnel t) {
        return new Tunnel(t.tunnelId(), t.peerTunnelId(), t.encap() == L2tpEncap.IP ? Encap.IP : Encap.UDP,
                t.local(), t.remote(), t.udpSourcePort(), t.udpDestinationPort(), t.udpChecksum(),
                t.udp6ChecksumTx(), t.udp6ChecksumRx());
    }
}
