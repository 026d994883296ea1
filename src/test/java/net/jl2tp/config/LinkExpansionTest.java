package net.jl2tp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jl2tp.model.Encap;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Mtu;
import net.jl2tp.model.Sequencing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkExpansionTest {
    @TempDir
    Path dir;

    private static final String SITES = """
            l2tp:
              version: 1
              sites:
                hub: { address: 192.0.2.1, hostnames: [hub.example.net] }
                spoke1: { address: 192.0.2.2 }
                spoke2: { address: 192.0.2.3 }
            """;

    L2tpConfig load(String text) throws IOException {
        Path file = dir.resolve("links.yaml");
        Files.writeString(file, text);
        LoadedConfig loaded = ConfigLoader.loadPaths(List.of(file));
        assertThat(loaded.problems()).isEmpty();
        return loaded.config();
    }

    @Test
    void aDerivedLinkGivesEachFieldOfTheSpec() throws IOException {
        L2tpConfig config = load(SITES + """
                  links:
                    hub-spoke1:
                      ends: [hub, spoke1]
                """);

        L2tpConfig hub = LinkExpansion.forSite(config, "hub");

        assertThat(hub.sites()).isEmpty();
        assertThat(hub.links()).isEmpty();
        TunnelConfig t = hub.tunnels().get(0);
        assertThat(t.label()).isEqualTo("hub-spoke1");
        assertThat(t.tunnelId()).isEqualTo(LinkDerivation.tunnelId("hub-spoke1", "hub"));
        assertThat(t.peerTunnelId()).isEqualTo(LinkDerivation.tunnelId("hub-spoke1", "spoke1"));
        assertThat(t.effectiveEncap()).isEqualTo(Encap.UDP);
        assertThat(t.local().getHostAddress()).isEqualTo("192.0.2.1");
        assertThat(t.remote().getHostAddress()).isEqualTo("192.0.2.2");
        assertThat(t.udpSourcePort()).isEqualTo(LinkDerivation.udpPort("hub-spoke1", "hub"));
        assertThat(t.udpDestinationPort()).isEqualTo(LinkDerivation.udpPort("hub-spoke1", "spoke1"));
        SessionConfig s = t.sessions().get(0);
        assertThat(s.name()).isEqualTo("hub-spoke1");
        assertThat(s.sessionId()).isEqualTo(LinkDerivation.sessionId("hub-spoke1", "hub"));
        assertThat(s.peerSessionId()).isEqualTo(LinkDerivation.sessionId("hub-spoke1", "spoke1"));
        assertThat(s.cookie()).isNull();
        assertThat(s.peerCookie()).isNull();
        // every mark at the link's key (line 8, column 5); derived keys flagged as such
        SourceMark link = new SourceMark(dir.resolve("links.yaml").toString(), 8, 5);
        assertThat(t.marks().self()).isEqualTo(link);
        assertThat(t.marks().of(TunnelKeys.TUNNEL_ID)).isEqualTo(link);
        assertThat(t.marks().isDerived(TunnelKeys.TUNNEL_ID)).isTrue();
        assertThat(t.marks().has(TunnelKeys.UDP_SOURCE_PORT)).isTrue();
        assertThat(s.marks().of(SessionKeys.SESSION_ID)).isEqualTo(link);
    }

    @Test
    void explicitValuesWinAndAreMarkedAtTheirNodes() throws IOException {
        L2tpConfig config = load(SITES + """
                  links:
                    hub-spoke1:
                      ends: [hub, spoke1]
                      l2spec-type: none
                      sequencing: none
                      cookies: derived
                      hub: { tunnel-id: 100, session-id: 1, udp-port: 5000, cookie: 0a0b0c0d, interface: pw-s1,
                             mtu: 1446, up: false, addresses: [203.0.113.1/30] }
                      spoke1: { udp-port: 6000 }
                """);

        TunnelConfig hub = LinkExpansion.forSite(config, "hub").tunnels().get(0);
        TunnelConfig spoke = LinkExpansion.forSite(config, "spoke1").tunnels().get(0);

        assertThat(hub.tunnelId()).isEqualTo(100L);
        assertThat(hub.marks().isDerived(TunnelKeys.TUNNEL_ID)).isFalse();
        assertThat(hub.marks().of(TunnelKeys.TUNNEL_ID).line()).isEqualTo(13);
        assertThat(spoke.peerTunnelId()).isEqualTo(100L);
        assertThat(hub.udpSourcePort()).isEqualTo(5000L);
        assertThat(hub.udpDestinationPort()).isEqualTo(6000L);
        assertThat(spoke.udpSourcePort()).isEqualTo(6000L);
        SessionConfig h = hub.sessions().get(0);
        SessionConfig s = spoke.sessions().get(0);
        assertThat(h.name()).isEqualTo("pw-s1");
        assertThat(s.name()).isEqualTo("hub-spoke1");
        assertThat(h.sessionId()).isEqualTo(1L);
        assertThat(s.peerSessionId()).isEqualTo(1L);
        assertThat(h.cookie()).isEqualTo("0a0b0c0d");
        assertThat(s.peerCookie()).isEqualTo("0a0b0c0d");
        assertThat(s.cookie()).isEqualTo(LinkDerivation.cookie("hub-spoke1", "spoke1"));
        assertThat(h.peerCookie()).isEqualTo(s.cookie());
        assertThat(h.l2specType()).isEqualTo(L2specType.NONE);
        assertThat(h.sequencing()).isEqualTo(Sequencing.NONE);
        assertThat(h.mtu()).isEqualTo(new Mtu.Fixed(1446));
        assertThat(h.up()).isFalse();
        assertThat(h.addresses()).hasSize(1);
        assertThat(s.addresses()).isEmpty();
        assertThat(s.mtu()).isNull();
    }

    @Test
    void anExplicitCookieOnOneEndGivesThatDirectionOnly() throws IOException {
        L2tpConfig config = load(SITES + """
                  links:
                    l:
                      ends: [hub, spoke1]
                      spoke1: { cookie: 0123456789abcdef }
                """);

        SessionConfig h = LinkExpansion.forSite(config, "hub").tunnels().get(0).sessions().get(0);
        SessionConfig s = LinkExpansion.forSite(config, "spoke1").tunnels().get(0).sessions().get(0);

        assertThat(s.cookie()).isEqualTo("0123456789abcdef");
        assertThat(h.peerCookie()).isEqualTo("0123456789abcdef");
        assertThat(h.cookie()).isNull();
        assertThat(s.peerCookie()).isNull();
    }

    @Test
    void ipEncapHasNoPorts() throws IOException {
        L2tpConfig config = load(SITES + """
                  links:
                    l: { ends: [hub, spoke1], encap: ip }
                """);

        TunnelConfig t = LinkExpansion.forSite(config, "spoke1").tunnels().get(0);

        assertThat(t.effectiveEncap()).isEqualTo(Encap.IP);
        assertThat(t.udpSourcePort()).isNull();
        assertThat(t.udpDestinationPort()).isNull();
        assertThat(t.marks().has(TunnelKeys.UDP_SOURCE_PORT)).isFalse();
    }

    @Test
    void aBridgeNamedByEndsJoinsTheDeclaredOneOrIsMadeWithDefaults() throws IOException {
        L2tpConfig config = load(SITES + """
                  bridges:
                    br0: { interfaces: [eth1], mtu: 1500 }
                  links:
                    l1: { ends: [hub, spoke1], hub: { bridge: br0 }, spoke1: { bridge: br9 } }
                    l2: { ends: [hub, spoke2], hub: { bridge: br0, interface: pw2 } }
                """);

        L2tpConfig hub = LinkExpansion.forSite(config, "hub");
        L2tpConfig spoke1 = LinkExpansion.forSite(config, "spoke1");

        assertThat(hub.bridges()).hasSize(1);
        assertThat(hub.bridges().get(0).interfaces()).extracting(PortConfig::name).containsExactly("eth1", "l1", "pw2");
        assertThat(hub.bridges().get(0).mtu()).isEqualTo(new Mtu.Fixed(1500));
        assertThat(spoke1.bridges()).extracting(BridgeConfig::name).containsExactly("br0", "br9");
        BridgeConfig made = spoke1.bridges().get(1);
        assertThat(made.interfaces()).extracting(PortConfig::name).containsExactly("l1");
        assertThat(made.mtu()).isNull();
        assertThat(made.addresses()).isEmpty();
    }

    @Test
    void plainTunnelsStayAndLinksWithoutTheSiteAddNothing() throws IOException {
        L2tpConfig config = load(SITES + """
                  tunnels:
                    plain:
                      tunnel-id: 1
                      peer-tunnel-id: 2
                      encap: ip
                      local: 198.51.100.1
                      remote: 198.51.100.2
                  links:
                    hub-spoke1: { ends: [hub, spoke1] }
                    hub-spoke2: { ends: [hub, spoke2] }
                """);

        assertThat(LinkExpansion.forSite(config, "spoke1").tunnels()).extracting(TunnelConfig::label)
                .containsExactly("plain", "hub-spoke1");
        assertThat(LinkExpansion.forSite(config, "hub").tunnels()).extracting(TunnelConfig::label)
                .containsExactly("plain", "hub-spoke1", "hub-spoke2");
        assertThatThrownBy(() -> LinkExpansion.forSite(config, "nowhere"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
