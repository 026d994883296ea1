package net.jl2tp.netlink.route;

import static net.jl2tp.netlink.NetlinkConstants.NLM_F_ACK;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_CREATE;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_DUMP;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_EXCL;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_REQUEST;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

import net.jl2tp.netlink.AttributeDecoder;
import net.jl2tp.netlink.AttributeEncoder;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.NetlinkRequest;

/**
 * Links over rtnetlink: the dump, bridge and vlan creation, mtu / up / down / master changes and
 * deletion. Each request is byte for byte what iproute2 6.1 sends for the same `ip link` command
 * (golden tests); like `ip link set`, changes go as RTM_NEWLINK on an existing ifindex.
 */
public final class LinkCodec {
    private static final int CHANGE = NLM_F_REQUEST | NLM_F_ACK;
    private static final int CREATE = NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE;

    private LinkCodec() {
    }

    /**
     * `ip link show`: every link, as AF_PACKET with IFLA_EXT_MASK = RTEXT_FILTER_VF. Without
     * RTEXT_FILTER_SKIP_STATS, so each link comes with its IFLA_STATS64 (what diagnose reads).
     */
    public static NetlinkRequest dump() {
        byte[] payload = new AttributeEncoder(ifinfomsg(Rtnl.AF_PACKET, 0, 0, 0))
                .u32(Rtnl.IFLA_EXT_MASK, Rtnl.RTEXT_FILTER_VF).encode();
        return new NetlinkRequest("list links", Rtnl.RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, payload);
    }

    /** `ip link add NAME [mtu MTU] type bridge`; {@code mtu} 0 leaves the kernel's default. */
    public static NetlinkRequest createBridge(String name, int mtu) {
        AttributeEncoder e = new AttributeEncoder(ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0));
        if (mtu != 0) {
            e.u32(Rtnl.IFLA_MTU, mtu);
        }
        e.string(Rtnl.IFLA_IFNAME, name).nested(Rtnl.IFLA_LINKINFO, info -> info.unterminatedString(Rtnl.IFLA_INFO_KIND, "bridge"));
        return new NetlinkRequest("create bridge " + name, Rtnl.RTM_NEWLINK, CREATE, e.encode());
    }

    /** `ip link add link PARENT name NAME type vlan id ID`. */
    public static NetlinkRequest createVlan(String name, int parentIndex, int vlanId) {
        byte[] payload = new AttributeEncoder(ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0))
                .u32(Rtnl.IFLA_LINK, parentIndex)
                .string(Rtnl.IFLA_IFNAME, name)
                .nested(Rtnl.IFLA_LINKINFO, info -> info.unterminatedString(Rtnl.IFLA_INFO_KIND, "vlan")
                        .nested(Rtnl.IFLA_INFO_DATA, data -> data.u16(Rtnl.IFLA_VLAN_ID, vlanId)))
                .encode();
        return new NetlinkRequest("create vlan " + name + " (id " + vlanId + " on ifindex " + parentIndex + ")",
                Rtnl.RTM_NEWLINK, CREATE, payload);
    }

    /**
     * One link by name, as `ip` looks up a name (ll_link_get: AF_UNSPEC, index 0, IFLA_EXT_MASK =
     * RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS, IFLA_IFNAME) with NLM_F_ACK added so it can go in a
     * batch. The kernel answers RTM_NEWLINK then the ack, or ENODEV: a name lookup, not a dump.
     */
    public static NetlinkRequest get(String name) {
        byte[] payload = new AttributeEncoder(ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0))
                .u32(Rtnl.IFLA_EXT_MASK, Rtnl.RTEXT_FILTER_VF | Rtnl.RTEXT_FILTER_SKIP_STATS)
                .string(Rtnl.IFLA_IFNAME, name).encode();
        return new NetlinkRequest("find link " + name, Rtnl.RTM_GETLINK, CHANGE, payload);
    }

    /** `ip link set dev IFINDEX mtu MTU`. */
    public static NetlinkRequest setMtu(int index, int mtu) {
        byte[] payload = new AttributeEncoder(ifinfomsg(Rtnl.AF_UNSPEC, index, 0, 0)).u32(Rtnl.IFLA_MTU, mtu).encode();
        return new NetlinkRequest("set mtu " + mtu + " on ifindex " + index, Rtnl.RTM_NEWLINK, CHANGE, payload);
    }

    /** `ip link set dev IFINDEX up` / `down`: changes IFF_UP only. */
    public static NetlinkRequest setUp(int index, boolean up) {
        byte[] payload = ifinfomsg(Rtnl.AF_UNSPEC, index, up ? Rtnl.IFF_UP : 0, Rtnl.IFF_UP);
        return new NetlinkRequest("set ifindex " + index + (up ? " up" : " down"), Rtnl.RTM_NEWLINK, CHANGE, payload);
    }

    /** `ip link set dev IFINDEX master MASTER`; master 0 is `nomaster`. */
    public static NetlinkRequest setMaster(int index, int masterIndex) {
        byte[] payload = new AttributeEncoder(ifinfomsg(Rtnl.AF_UNSPEC, index, 0, 0)).u32(Rtnl.IFLA_MASTER, masterIndex).encode();
        String op = masterIndex == 0 ? "detach ifindex " + index + " from its master"
                : "attach ifindex " + index + " to master ifindex " + masterIndex;
        return new NetlinkRequest(op, Rtnl.RTM_NEWLINK, CHANGE, payload);
    }

    /** `ip link del dev IFINDEX` (bridges, vlans; not l2tpethN, which goes with its session). */
    public static NetlinkRequest delete(int index) {
        return new NetlinkRequest("delete link ifindex " + index, Rtnl.RTM_DELLINK, CHANGE, ifinfomsg(Rtnl.AF_UNSPEC, index, 0, 0));
    }

    /** One RTM_NEWLINK message of a dump (or of a GET). */
    /** 802.1Q ids are 12 bits. */
    private static final int MAX_VLAN_ID = 4095;

    public static Link decode(NetlinkMessage message) throws NetlinkProtocolException {
        if (message.type() != Rtnl.RTM_NEWLINK) {
            throw new NetlinkProtocolException("expected RTM_NEWLINK, got message type " + message.type());
        }
        byte[] p = message.payload();
        if (p.length < Rtnl.IFINFOMSG_LENGTH) {
            throw new NetlinkProtocolException("RTM_NEWLINK of " + p.length + " bytes has no ifinfomsg");
        }
        ByteBuffer b = message.payloadBuffer();
        int index = b.getInt(4);
        int flags = b.getInt(8);
        String[] name = {""};
        int[] ints = new int[5]; // mtu, master, link, operstate, vlan id
        String[] kind = {null};
        String[] mac = {""};
        LinkStats stats = null;
        AttributeDecoder d = new AttributeDecoder(p, Rtnl.IFINFOMSG_LENGTH);
        while (d.next()) {
            switch (d.type()) {
                case Rtnl.IFLA_IFNAME -> name[0] = d.string();
                case Rtnl.IFLA_MTU -> ints[0] = d.u32();
                case Rtnl.IFLA_MASTER -> ints[1] = d.u32();
                case Rtnl.IFLA_LINK -> ints[2] = d.u32();
                case Rtnl.IFLA_OPERSTATE -> ints[3] = d.u8();
                case Rtnl.IFLA_ADDRESS -> mac[0] = hardwareAddress(d.bytes());
                case Rtnl.IFLA_STATS64 -> stats = LinkStats.decode(d.bytes());
                case Rtnl.IFLA_LINKINFO -> d.nested(info -> {
                    while (info.next()) {
                        if (info.type() == Rtnl.IFLA_INFO_KIND) {
                            kind[0] = info.string();
                        } else if (info.type() == Rtnl.IFLA_INFO_DATA && "vlan".equals(kind[0])) {
                            info.nested(data -> {
                                while (data.next()) {
                                    if (data.type() == Rtnl.IFLA_VLAN_ID) {
                                        ints[4] = data.u16();
                                    }
                                }
                            });
                        }
                    }
                });
                default -> {
                }
            }
        }
        d.finish();
        // Values the state record could not hold again (it reads an mtu as 0..2^31-1 and a vlan
        // id as 0..4095): a reply the kernel got wrong, said here, not a record that lies.
        if (ints[0] < 0) {
            throw new NetlinkProtocolException("the kernel reported MTU " + Integer.toUnsignedString(ints[0])
                    + " for '" + name[0] + "'");
        }
        if (ints[4] > MAX_VLAN_ID) {
            throw new NetlinkProtocolException("the kernel reported vlan id " + ints[4] + " for '" + name[0] + "'");
        }
        return new Link(index, name[0], ints[0], flags, OperState.of(ints[3]), ints[1], ints[2], kind[0], ints[4], mac[0], stats);
    }

    static byte[] ifinfomsg(int family, int index, int flags, int change) {
        return ByteBuffer.allocate(Rtnl.IFINFOMSG_LENGTH).order(ByteOrder.nativeOrder())
                .put((byte) family).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change).array();
    }

    private static String hardwareAddress(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
