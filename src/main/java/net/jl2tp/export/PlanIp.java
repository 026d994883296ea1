package net.jl2tp.export;

import net.jl2tp.plan.Change;
import net.jl2tp.plan.Conflict;
import net.jl2tp.plan.Plan;
import net.jl2tp.plan.Warning;

import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;

/**
 * The plan as iproute2 commands, one per line in {@code ip -batch} form (no leading {@code ip}),
 * so a user can read or paste them. What {@code ip} cannot express is a {@code #} comment.
 */
public final class PlanIp {
    private PlanIp() {
    }

    public static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        for (Change c : plan.changes()) {
            out.append(command(c)).append('\n');
        }
        for (Conflict c : plan.conflicts()) {
            out.append("# conflict: ").append(c.message()).append('\n');
        }
        for (Warning w : plan.warnings()) {
            out.append("# warning: ").append(w.message()).append('\n');
        }
        return out.toString();
    }

    static String command(Change change) {
        return change.accept(COMMAND);
    }

    private static final Change.Visitor<String> COMMAND = new Change.Visitor<>() {
        public String createTunnel(Change.CreateTunnel c) {
            return addTunnel(c.tunnel());
        }

        public String deleteTunnel(Change.DeleteTunnel c) {
            return "l2tp del tunnel tunnel_id " + c.tunnel().tunnelId();
        }

        public String createSession(Change.CreateSession c) {
            return addSession(c.session());
        }

        public String deleteSession(Change.DeleteSession c) {
            return "l2tp del session tunnel_id " + c.session().tunnelId() + " session_id " + c.session().sessionId();
        }

        public String modifySession(Change.ModifySession c) {
            return "# no ip command changes sequencing in place: session " + c.to().sessionId() + " in tunnel "
                    + c.to().tunnelId() + ", " + c.reason() + " (jl2tp uses L2TP_CMD_SESSION_MODIFY)";
        }

        public String createLink(Change.CreateLink c) {
            return c.link().vlan()
                    .map(v -> "link add link " + v.link() + " name " + c.link().name() + " type vlan id " + v.id())
                    .orElseGet(() -> "link add name " + c.link().name() + " type bridge");
        }

        public String deleteLink(Change.DeleteLink c) {
            return "link del dev " + c.link().name();
        }

        public String setMtu(Change.SetMtu c) {
            return "link set dev " + c.link() + " mtu " + c.to();
        }

        public String setMaster(Change.SetMaster c) {
            return "link set dev " + c.link() + c.to().map(m -> " master " + m).orElse(" nomaster");
        }

        public String setUp(Change.SetUp c) {
            return "link set dev " + c.link() + (c.up() ? " up" : " down");
        }

        public String addAddress(Change.AddAddress c) {
            return "address add " + address(c.address()) + " dev " + c.link();
        }

        public String deleteAddress(Change.DeleteAddress c) {
            return "address del " + address(c.address()) + " dev " + c.link();
        }

        public String adopt(Change.Adopt c) {
            return "# adopt " + c.target() + ": made outside jl2tp, recorded as jl2tp's (no kernel change)";
        }
    };

    static String addTunnel(Tunnel t) {
        StringBuilder b = new StringBuilder("l2tp add tunnel tunnel_id ").append(t.tunnelId())
                .append(" peer_tunnel_id ").append(t.peerTunnelId())
                .append(" encap ").append(t.encap().keyword())
                .append(" local ").append(IpAddresses.format(t.local()))
                .append(" remote ").append(IpAddresses.format(t.remote()));
        if (t.encap() == net.jl2tp.model.Encap.UDP) {
            b.append(" udp_sport ").append(t.udpSourcePort()).append(" udp_dport ").append(t.udpDestinationPort());
            if (t.isIpv6()) {
                if (!t.udp6ChecksumTx()) {
                    b.append(" udp6_csum_tx off");
                }
                if (!t.udp6ChecksumRx()) {
                    b.append(" udp6_csum_rx off");
                }
            } else if (t.udpChecksum()) {
                b.append(" udp_csum on");
            }
        }
        return b.toString();
    }

    static String addSession(Session s) {
        StringBuilder b = new StringBuilder("l2tp add session name ").append(s.interfaceName())
                .append(" tunnel_id ").append(s.tunnelId())
                .append(" session_id ").append(s.sessionId())
                .append(" peer_session_id ").append(s.peerSessionId());
        s.cookie().ifPresent(c -> b.append(" cookie ").append(c.hex()));
        s.peerCookie().ifPresent(c -> b.append(" peer_cookie ").append(c.hex()));
        b.append(" l2spec_type ").append(s.l2specType().orElse(L2specType.DEFAULT).keyword());
        switch (s.sequencing()) {
            case SEND -> b.append(" seq send");
            case RECEIVE -> b.append(" seq recv");
            case BOTH -> b.append(" seq both");
            case NONE -> { }
        }
        return b.toString();
    }

    private static String address(InterfaceAddress a) {
        return a.peer().map(p -> IpAddresses.format(a.address()) + " peer " + IpAddresses.format(p) + "/" + a.prefixLength())
                .orElseGet(() -> IpAddresses.format(a.address()) + "/" + a.prefixLength());
    }
}
