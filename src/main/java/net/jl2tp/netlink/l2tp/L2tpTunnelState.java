package net.jl2tp.netlink.l2tp;

/**
 * A tunnel as the kernel reports it: its settings, its L2TP protocol version (3 for the static
 * tunnels jl2tp manages; 2 for those of an L2TPv2 daemon such as xl2tpd), and its counters.
 */
public record L2tpTunnelState(L2tpTunnel tunnel, int protocolVersion, L2tpStats stats) {
}
