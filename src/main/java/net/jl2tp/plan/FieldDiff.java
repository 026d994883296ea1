package net.jl2tp.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.jl2tp.model.Cookie;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Link;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;

/** The fields the kernel cannot change in place in which its object differs from the config's. */
final class FieldDiff {
    private FieldDiff() {
    }

    static List<Diff> tunnel(Tunnel live, Tunnel want) {
        List<Diff> d = new ArrayList<>();
        add(d, "peer-tunnel-id", live.peerTunnelId(), want.peerTunnelId());
        add(d, "encap", live.encap().keyword(), want.encap().keyword());
        add(d, "local", IpAddresses.format(live.local()), IpAddresses.format(want.local()));
        add(d, "remote", IpAddresses.format(live.remote()), IpAddresses.format(want.remote()));
        add(d, "udp-source-port", live.udpSourcePort(), want.udpSourcePort());
        add(d, "udp-destination-port", live.udpDestinationPort(), want.udpDestinationPort());
        add(d, "udp-checksum", live.udpChecksum(), want.udpChecksum());
        add(d, "udp6-checksum-tx", live.udp6ChecksumTx(), want.udp6ChecksumTx());
        add(d, "udp6-checksum-rx", live.udp6ChecksumRx(), want.udp6ChecksumRx());
        return d;
    }

    /** Everything but sequencing, which changes in place. An unreported l2spec-type is no difference. */
    static List<Diff> session(Session live, Session want) {
        List<Diff> d = new ArrayList<>();
        add(d, "peer-session-id", live.peerSessionId(), want.peerSessionId());
        add(d, "interface name", live.interfaceName(), want.interfaceName());
        add(d, "cookie", cookie(live.cookie()), cookie(want.cookie()));
        add(d, "peer-cookie", cookie(live.peerCookie()), cookie(want.peerCookie()));
        if (live.l2specType().isPresent() && want.l2specType().isPresent()) {
            add(d, "l2spec-type", live.l2specType().map(L2specType::keyword).get(),
                    want.l2specType().map(L2specType::keyword).get());
        }
        return d;
    }

    /** A vlan's link and id; nothing for a link the config does not make a vlan, or the kernel does not report as one. */
    static List<Diff> vlan(Link live, Link want) {
        List<Diff> d = new ArrayList<>();
        if (live.vlan().isPresent() && want.vlan().isPresent()) {
            add(d, "link", live.vlan().get().link(), want.vlan().get().link());
            add(d, "id", live.vlan().get().id(), want.vlan().get().id());
        }
        return d;
    }

    private static String cookie(Optional<Cookie> cookie) {
        return cookie.map(Cookie::hex).orElse("none");
    }

    private static void add(List<Diff> diffs, String key, Object live, Object want) {
        if (!Objects.equals(live, want)) {
            diffs.add(new Diff(key, String.valueOf(live), String.valueOf(want)));
        }
    }
}
