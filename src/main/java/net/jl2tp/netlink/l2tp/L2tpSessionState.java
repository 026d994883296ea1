package net.jl2tp.netlink.l2tp;

/** A session as the kernel reports it: its settings (l2specType null: not reported) and counters. */
public record L2tpSessionState(L2tpSession session, L2tpStats stats) {
}
