package net.jl2tp.netlink.route;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.Netlink;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.NetlinkReply;
import net.jl2tp.netlink.NetlinkRequest;

/** The rtnetlink operations the product uses, over a NETLINK_ROUTE {@link Netlink}. */
public final class RouteNetlink {
    private final Netlink netlink;

    public RouteNetlink(Netlink netlink) {
        this.netlink = netlink;
    }

    public List<Link> links() throws NetlinkException {
        List<Link> out = new ArrayList<>();
        for (NetlinkMessage m : netlink.dump(LinkCodec.dump())) {
            if (m.type() == Rtnl.RTM_NEWLINK) {
                out.add(LinkCodec.decode(m));
            }
        }
        return out;
    }

    /** The link of that name, or empty (the kernel answers ENODEV); a lookup, not a dump. */
    public Optional<Link> link(String name) throws NetlinkException {
        return linkOrEmpty(netlink.executeAll(List.of(LinkCodec.get(name))).get(0));
    }

    /** The answer to {@link LinkCodec#get}: the link, empty on ENODEV, else the kernel's error. */
    public static Optional<Link> linkOrEmpty(NetlinkReply reply) throws NetlinkException {
        if (reply.error().isPresent() && reply.error().get().errno() == Errno.ENODEV) {
            return Optional.empty();
        }
        for (NetlinkMessage m : reply.orThrow()) {
            if (m.type() == Rtnl.RTM_NEWLINK) {
                return Optional.of(LinkCodec.decode(m));
            }
        }
        throw new NetlinkProtocolException(reply.request().operation(), "no RTM_NEWLINK in the answer");
    }

    /** Several requests to a datagram (Netlink.executeAll). */
    public List<NetlinkReply> executeAll(List<NetlinkRequest> requests) throws NetlinkException {
        return netlink.executeAll(requests);
    }

    public void createBridge(String name, int mtu) throws NetlinkException {
        netlink.execute(LinkCodec.createBridge(name, mtu));
    }

    public void createVlan(String name, int parentIndex, int vlanId) throws NetlinkException {
        netlink.execute(LinkCodec.createVlan(name, parentIndex, vlanId));
    }

    public void setMtu(int index, int mtu) throws NetlinkException {
        netlink.execute(LinkCodec.setMtu(index, mtu));
    }

    public void setUp(int index, boolean up) throws NetlinkException {
        netlink.execute(LinkCodec.setUp(index, up));
    }

    /** {@code masterIndex} 0 detaches the link from its master (`nomaster`). */
    public void setMaster(int index, int masterIndex) throws NetlinkException {
        netlink.execute(LinkCodec.setMaster(index, masterIndex));
    }

    public void deleteLink(int index) throws NetlinkException {
        netlink.execute(LinkCodec.delete(index));
    }

    public List<LinkAddress> addresses() throws NetlinkException {
        List<LinkAddress> out = new ArrayList<>();
        for (NetlinkMessage m : netlink.dump(AddressCodec.dump())) {
            if (m.type() == Rtnl.RTM_NEWADDR) {
                out.add(AddressCodec.decode(m));
            }
        }
        return out;
    }

    public void addAddress(LinkAddress address) throws NetlinkException {
        netlink.execute(AddressCodec.add(address));
    }

    public void deleteAddress(LinkAddress address) throws NetlinkException {
        netlink.execute(AddressCodec.delete(address));
    }

    /** `ip route get`: throws ENETUNREACH / EHOSTUNREACH when there is no route. */
    public RouteLookup routeGet(InetAddress destination, InetAddress source) throws NetlinkException {
        var request = RouteCodec.get(destination, source);
        for (NetlinkMessage m : netlink.execute(request)) {
            if (m.type() == Rtnl.RTM_NEWROUTE) {
                return RouteCodec.decode(m);
            }
        }
        throw new NetlinkProtocolException(request.operation(), "no RTM_NEWROUTE in the answer");
    }
}
