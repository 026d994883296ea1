package net.jl2tp.netlink.l2tp;

/** A tunnel as the kernel reports it: its settings and its counters. */
public record L2tpTunnelState(L2tpTunnel tunnel, L2tpStats stats) {
}
