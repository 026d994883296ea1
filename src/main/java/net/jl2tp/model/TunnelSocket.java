package net.jl2tp.model;

import java.util.OptionalLong;

/**
 * The state of a UDP tunnel's socket that diagnose samples: what the kernel passes up to it and
 * nobody reads. A packet for a session id the kernel does not know goes there (l2tp_core.c), so a
 * queue that grows says packets reach the port; one that stays says nothing does.
 *
 * @param receiveQueue the bytes in its receive queue (`ss` Recv-Q)
 * @param drops datagrams dropped for it once the queue is full; empty when not reported
 */
public record TunnelSocket(long receiveQueue, OptionalLong drops) {
}
