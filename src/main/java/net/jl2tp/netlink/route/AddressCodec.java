package net.jl2tp.netlink.route;

import static net.jl2tp.netlink.NetlinkConstants.NLM_F_ACK;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_CREATE;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_DUMP;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_EXCL;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_REQUEST;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import net.jl2tp.netlink.AttributeDecoder;
import net.jl2tp.netlink.AttributeEncoder;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.NetlinkRequest;

/**
 * Addresses over rtnetlink, byte for byte as `ip addr add|del|show` sends them: IFA_LOCAL then
 * IFA_ADDRESS, where IFA_ADDRESS is the address itself, or the peer for the `peer` form.
 */
public final class AddressCodec {
    private AddressCodec() {
    }

    /** `ip addr show`: every address of every family. */
    public static NetlinkRequest dump() {
        return new NetlinkRequest("list addresses", Rtnl.RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, ifaddrmsg(Rtnl.AF_UNSPEC, 0, 0, 0, 0));
    }

    /** `ip addr add A/N dev X` or `ip addr add A peer P dev X` (with `nodad`: flags IFA_F_NODAD). */
    public static NetlinkRequest add(LinkAddress a) {
        return new NetlinkRequest("add address " + a.describe() + " on ifindex " + a.index(), Rtnl.RTM_NEWADDR,
                NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE, body(a));
    }

    /** `ip addr del A/N dev X` (or the `peer` form, which must name the peer to match). */
    public static NetlinkRequest delete(LinkAddress a) {
        return new NetlinkRequest("delete address " + a.describe() + " on ifindex " + a.index(), Rtnl.RTM_DELADDR,
                NLM_F_REQUEST | NLM_F_ACK, body(a.withFlags(0)));
    }

    private static byte[] body(LinkAddress a) {
        InetAddress remote = a.peer() != null ? a.peer() : a.address();
        AttributeEncoder e = new AttributeEncoder(ifaddrmsg(a.family(), a.prefixLength(), a.flags() & 0xff, a.scope(), a.index()));
        if (remote.getAddress().length != a.address().getAddress().length) {
            e.fail("address " + a.address().getHostAddress() + " and peer " + remote.getHostAddress() + " are of different families");
        }
        return e.inetAddress(Rtnl.IFA_LOCAL, a.address()).inetAddress(Rtnl.IFA_ADDRESS, remote).encode();
    }

    /** One RTM_NEWADDR message of a dump. */
    public static LinkAddress decode(NetlinkMessage message) throws NetlinkProtocolException {
        if (message.type() != Rtnl.RTM_NEWADDR) {
            throw new NetlinkProtocolException("expected RTM_NEWADDR, got message type " + message.type());
        }
        byte[] p = message.payload();
        if (p.length < Rtnl.IFADDRMSG_LENGTH) {
            throw new NetlinkProtocolException("RTM_NEWADDR of " + p.length + " bytes has no ifaddrmsg");
        }
        ByteBuffer b = message.payloadBuffer();
        int prefix = Byte.toUnsignedInt(b.get(1));
        int flags = Byte.toUnsignedInt(b.get(2));
        int scope = Byte.toUnsignedInt(b.get(3));
        int index = b.getInt(4);
        InetAddress local = null;
        InetAddress address = null;
        String label = "";
        AttributeDecoder d = new AttributeDecoder(p, Rtnl.IFADDRMSG_LENGTH);
        while (d.next()) {
            switch (d.type()) {
                case Rtnl.IFA_LOCAL -> local = d.inetAddress();
                case Rtnl.IFA_ADDRESS -> address = d.inetAddress();
                case Rtnl.IFA_LABEL -> label = d.string();
                case Rtnl.IFA_FLAGS -> flags = d.u32();
                default -> {
                }
            }
        }
        d.finish();
        if (local == null && address == null) {
            throw new NetlinkProtocolException("RTM_NEWADDR on ifindex " + index + " has neither IFA_LOCAL nor IFA_ADDRESS");
        }
        InetAddress own = local != null ? local : address;
        InetAddress peer = local != null && address != null && !address.equals(local) ? address : null;
        // What the model refuses must be refused here, as a reply the kernel got wrong, not later
        // as an IllegalArgumentException half-way through reading the state.
        int bits = own.getAddress().length * 8;
        if (prefix > bits) {
            throw new NetlinkProtocolException("the kernel reported prefix length " + prefix + " for the "
                    + bits + "-bit address " + own.getHostAddress() + " on ifindex " + index);
        }
        if (peer != null && peer.getAddress().length != own.getAddress().length) {
            throw new NetlinkProtocolException("the kernel reported address " + own.getHostAddress() + " with peer "
                    + peer.getHostAddress() + " of another family on ifindex " + index);
        }
        return new LinkAddress(index, own, prefix, peer, scope, flags, label);
    }

    static byte[] ifaddrmsg(int family, int prefixLength, int flags, int scope, int index) {
        return ByteBuffer.allocate(Rtnl.IFADDRMSG_LENGTH).order(ByteOrder.nativeOrder())
                .put((byte) family).put((byte) prefixLength).put((byte) flags).put((byte) scope).putInt(index).array();
    }
}
