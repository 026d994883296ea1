package net.jl2tp.netlink.route;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An address on a link, as RTM_GETADDR reports it and RTM_NEWADDR creates it.
 *
 * @param index the link's ifindex
 * @param address the local address (IFA_LOCAL; IFA_ADDRESS when the kernel sends no IFA_LOCAL, as
 *     for IPv6 without a peer)
 * @param prefixLength ifa_prefixlen
 * @param peer the point-to-point peer (`ip addr add A peer P`): IFA_ADDRESS when it differs from
 *     IFA_LOCAL; null for an ordinary address
 * @param scope ifa_scope (0 universe, 253 link, 254 host)
 * @param flags IFA_FLAGS if sent, else ifa_flags (IFA_F_PERMANENT, IFA_F_NODAD, IFA_F_TENTATIVE...)
 * @param label IFA_LABEL (IPv4 only), "" when absent
 */
public record LinkAddress(int index, InetAddress address, int prefixLength, InetAddress peer, int scope, int flags, String label) {

    /** An address to add: `ip addr add ADDRESS/PREFIX dev INDEX`. */
    public static LinkAddress of(int index, InetAddress address, int prefixLength) {
        return new LinkAddress(index, address, prefixLength, null, 0, 0, "");
    }

    /** A point-to-point address to add: `ip addr add ADDRESS peer PEER dev INDEX` (prefix /32 or /128). */
    public static LinkAddress withPeer(int index, InetAddress address, InetAddress peer) {
        return new LinkAddress(index, address, address instanceof Inet4Address ? 32 : 128, peer, 0, 0, "");
    }

    public LinkAddress withFlags(int newFlags) {
        return new LinkAddress(index, address, prefixLength, peer, scope, newFlags, label);
    }

    /** IPv6 duplicate address detection found another host with this address: the kernel does not use it. */
    public boolean dadFailed() {
        return (flags & Rtnl.IFA_F_DADFAILED) != 0;
    }

    /** IPv6 duplicate address detection is still running (the address is not usable until it ends). */
    public boolean tentative() {
        return (flags & Rtnl.IFA_F_TENTATIVE) != 0 && !dadFailed();
    }

    public int family() {
        return address instanceof Inet4Address ? Rtnl.AF_INET : Rtnl.AF_INET6;
    }

    /** How `ip` writes it: 192.0.2.1/24, or 198.51.100.1 peer 198.51.100.2/32. */
    public String describe() {
        String a = address.getHostAddress();
        return peer == null ? a + "/" + prefixLength : a + " peer " + peer.getHostAddress() + "/" + prefixLength;
    }
}
