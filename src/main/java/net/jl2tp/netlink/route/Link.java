package net.jl2tp.netlink.route;

/**
 * A network interface as RTM_GETLINK reports it.
 *
 * @param index ifindex
 * @param name IFLA_IFNAME
 * @param mtu IFLA_MTU
 * @param flags ifi_flags (IFF_UP, IFF_LOWER_UP...)
 * @param operState IFLA_OPERSTATE
 * @param masterIndex IFLA_MASTER, 0 when the link has no master (e.g. is no bridge port)
 * @param parentIndex IFLA_LINK, 0 when absent (a vlan's parent; a veth's peer)
 * @param kind IFLA_INFO_KIND ("bridge", "vlan", "veth"...), null for links without a kind (lo,
 *     physical NICs, and l2tpethN: the L2TP session interface has no rtnl kind)
 * @param vlanId IFLA_VLAN_ID of a vlan link, 0 otherwise
 * @param macAddress IFLA_ADDRESS as aa:bb:cc:dd:ee:ff, "" when absent
 * @param stats IFLA_STATS64, null when absent (a request with RTEXT_FILTER_SKIP_STATS)
 */
public record Link(int index, String name, int mtu, int flags, OperState operState, int masterIndex, int parentIndex,
        String kind, int vlanId, String macAddress, LinkStats stats) {

    /** Without counters: what a lookup with RTEXT_FILTER_SKIP_STATS gets, and what tests build. */
    public Link(int index, String name, int mtu, int flags, OperState operState, int masterIndex, int parentIndex,
            String kind, int vlanId, String macAddress) {
        this(index, name, mtu, flags, operState, masterIndex, parentIndex, kind, vlanId, macAddress, null);
    }

    public boolean isAdministrativelyUp() {
        return (flags & Rtnl.IFF_UP) != 0;
    }

    public boolean hasCarrier() {
        return (flags & Rtnl.IFF_LOWER_UP) != 0;
    }

    public boolean isKind(String expected) {
        return expected.equals(kind);
    }
}
