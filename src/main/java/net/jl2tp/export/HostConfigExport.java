package net.jl2tp.export;

import java.util.List;
import java.util.function.Consumer;
import net.jl2tp.config.ConfigSchema;
import net.jl2tp.config.AddressConfig;
import net.jl2tp.config.BridgeConfig;
import net.jl2tp.config.BridgeKeys;
import net.jl2tp.config.InterfaceKeys;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.PortConfig;
import net.jl2tp.config.SessionConfig;
import net.jl2tp.config.SessionKeys;
import net.jl2tp.config.TunnelConfig;
import net.jl2tp.config.TunnelKeys;
import net.jl2tp.config.VlanConfig;
import net.jl2tp.config.VlanKeys;
import net.jl2tp.json.Tree;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.Mtu;

/**
 * A config written back in the per-host format: what {@code jl2tp-apply render --output yaml}
 * prints for one site's half of a link file. Every key the config gives is written as given (a
 * key left to its default stays absent), so the file loads to the same config and plans the same.
 * Keys are spelled by the loader's key tables.
 */
public final class HostConfigExport {
    private HostConfigExport() {
    }

    public static Tree.Mapping of(L2tpConfig config, String header) {
        Tree.MappingBuilder tunnels = Tree.mapping();
        config.tunnels().forEach(t -> tunnels.put(t.label(), tunnel(t)));
        Tree.MappingBuilder bridges = Tree.mapping();
        config.bridges().forEach(b -> bridges.put(b.name(), bridge(b)));
        Tree.MappingBuilder vlans = Tree.mapping();
        config.vlans().forEach(v -> vlans.put(v.name(), vlan(v)));
        Tree.Mapping l2tp = Tree.mapping()
                .put("version", 1)
                .put("tunnels", tunnels.build())
                .put("bridges", bridges.build())
                .put("vlans", vlans.build())
                .build();
        // The schema's modeline first, as show writes it: the file is a config an editor checks.
        return Tree.mapping().comment(ConfigSchema.MODELINE).comment(header).put("l2tp", l2tp).build();
    }

    private static Tree tunnel(TunnelConfig t) {
        Tree.MappingBuilder m = Tree.mapping()
                .put(TunnelKeys.TUNNEL_ID.yaml(), t.tunnelId())
                .put(TunnelKeys.PEER_TUNNEL_ID.yaml(), t.peerTunnelId());
        given(t.encap(), e -> m.put(TunnelKeys.ENCAP.yaml(), e.keyword()));
        m.put(TunnelKeys.LOCAL.yaml(), IpAddresses.format(t.local()))
                .put(TunnelKeys.REMOTE.yaml(), IpAddresses.format(t.remote()));
        given(t.udpSourcePort(), p -> m.put(TunnelKeys.UDP_SOURCE_PORT.yaml(), p));
        given(t.udpDestinationPort(), p -> m.put(TunnelKeys.UDP_DESTINATION_PORT.yaml(), p));
        given(t.udpChecksum(), c -> m.put(TunnelKeys.UDP_CHECKSUM.yaml(), c));
        given(t.udp6ChecksumTx(), c -> m.put(TunnelKeys.UDP6_CHECKSUM_TX.yaml(), c));
        given(t.udp6ChecksumRx(), c -> m.put(TunnelKeys.UDP6_CHECKSUM_RX.yaml(), c));
        Tree.MappingBuilder sessions = Tree.mapping();
        t.sessions().forEach(s -> sessions.put(s.name(), session(s)));
        return m.put(TunnelKeys.SESSIONS.yaml(), sessions.build()).build();
    }

    private static Tree session(SessionConfig s) {
        Tree.MappingBuilder m = Tree.mapping()
                .put(SessionKeys.SESSION_ID.yaml(), s.sessionId())
                .put(SessionKeys.PEER_SESSION_ID.yaml(), s.peerSessionId());
        given(s.cookie(), c -> m.put(SessionKeys.COOKIE.yaml(), c));
        given(s.peerCookie(), c -> m.put(SessionKeys.PEER_COOKIE.yaml(), c));
        given(s.l2specType(), l -> m.put(SessionKeys.L2SPEC_TYPE.yaml(), l.keyword()));
        given(s.sequencing(), q -> m.put(SessionKeys.SEQUENCING.yaml(), q.keyword()));
        given(s.offset(), o -> m.put(SessionKeys.OFFSET.yaml(), o));
        given(s.peerOffset(), o -> m.put(SessionKeys.PEER_OFFSET.yaml(), o));
        interfaceSettings(m, s.mtu(), s.up(), s.addresses());
        return m.build();
    }

    private static Tree bridge(BridgeConfig b) {
        Tree.MappingBuilder m = Tree.mapping().put(BridgeKeys.INTERFACES.yaml(),
                new Tree.Sequence(b.interfaces().stream().map(PortConfig::name).map(n -> (Tree) new Tree.Text(n)).toList()));
        interfaceSettings(m, b.mtu(), b.up(), b.addresses());
        return m.build();
    }

    private static Tree vlan(VlanConfig v) {
        Tree.MappingBuilder m = Tree.mapping().put(VlanKeys.LINK.yaml(), v.link()).put(VlanKeys.ID.yaml(), v.id());
        interfaceSettings(m, v.mtu(), v.up(), v.addresses());
        return m.build();
    }

    private static void interfaceSettings(Tree.MappingBuilder m, Mtu mtu, Boolean up, List<AddressConfig> addresses) {
        given(mtu, x -> m.put(InterfaceKeys.MTU.yaml(), x instanceof Mtu.Fixed f ? new Tree.Number(f.bytes())
                : new Tree.Text(x.toString())));
        given(up, u -> m.put(InterfaceKeys.UP.yaml(), u));
        if (!addresses.isEmpty()) {
            m.put(InterfaceKeys.ADDRESSES.yaml(),
                    new Tree.Sequence(addresses.stream().map(a -> ConfigExport.address(a.address())).toList()));
        }
    }

    /** A key the config gave; absent (null) keys keep their defaults. */
    private static <T> void given(T value, Consumer<T> put) {
        if (value != null) {
            put.accept(value);
        }
    }
}
