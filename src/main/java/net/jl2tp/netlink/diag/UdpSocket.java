package net.jl2tp.netlink.diag;

import java.net.InetAddress;
import java.util.OptionalLong;

/**
 * A UDP socket as NETLINK_SOCK_DIAG reports it (struct inet_diag_msg and INET_DIAG_SKMEMINFO).
 *
 * @param receiveQueue idiag_rqueue: the bytes waiting in its receive queue (`ss` Recv-Q)
 * @param drops SK_MEMINFO_DROPS: datagrams dropped for it (a full queue); empty without SKMEMINFO
 */
public record UdpSocket(InetAddress local, int localPort, InetAddress remote, int remotePort, long receiveQueue,
        OptionalLong drops) {
}
