package net.jl2tp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jl2tp.validate.ConfigValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped examples are documentation: each must validate, and the site pairs must mirror. */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("examples");

    static Stream<Path> examples() throws IOException {
        return Files.list(EXAMPLES).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validates(Path example) {
        LoadedConfig loaded = ConfigLoader.loadPaths(List.of(example));
        try {
            // A link file is checked for every site, as validate does; each site then has tunnels.
            L2tpConfig config = ConfigValidator.requireValidForEverySite(loaded);
            for (SiteConfig site : config.sites()) {
                assertThat(ConfigValidator.requireValid(loaded, site.name()).tunnels()).as(site.name()).isNotEmpty();
            }
            assertThat(config.tunnels().isEmpty() && !config.hasLinks()).as("describes no tunnel").isFalse();
        } catch (ConfigException e) {
            throw new AssertionError(example + " is invalid: " + e.problems());
        }
    }

    @Test
    void coversTheManPageAndTheExtraCases() throws IOException {
        assertThat(examples().map(p -> p.getFileName().toString())).contains(
                "site-a.yaml", "site-b.yaml", "ip-configured-site-a.yaml", "ip-configured-site-b.yaml",
                "bridged.yaml", "vlan-per-bridge.yaml", "ip-encap.yaml", "ipv6-underlay.yaml",
                "cisco-cookies.yaml", "two-sessions.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"site", "ip-configured-site"})
    void siteAAndSiteBMirrorEachOther(String pair) throws ConfigException {
        TunnelConfig a = only(EXAMPLES.resolve(pair + "-a.yaml"));
        TunnelConfig b = only(EXAMPLES.resolve(pair + "-b.yaml"));

        assertThat(a.tunnelId()).isEqualTo(b.peerTunnelId());
        assertThat(a.peerTunnelId()).isEqualTo(b.tunnelId());
        assertThat(a.local()).isEqualTo(b.remote());
        assertThat(a.remote()).isEqualTo(b.local());
        assertThat(a.udpSourcePort()).isEqualTo(b.udpDestinationPort());
        assertThat(a.udpDestinationPort()).isEqualTo(b.udpSourcePort());
        assertThat(a.effectiveEncap()).isEqualTo(b.effectiveEncap());
        assertThat(a.sessions()).hasSameSizeAs(b.sessions());
        for (int i = 0; i < a.sessions().size(); i++) {
            SessionConfig sa = a.sessions().get(i);
            SessionConfig sb = b.sessions().get(i);
            assertThat(sa.sessionId()).isEqualTo(sb.peerSessionId());
            assertThat(sa.peerSessionId()).isEqualTo(sb.sessionId());
            assertThat(sa.cookie()).isEqualTo(sb.peerCookie());
            assertThat(sa.peerCookie()).isEqualTo(sb.cookie());
            assertThat(sa.l2specType()).isEqualTo(sb.l2specType());
            for (int j = 0; j < sa.addresses().size(); j++) {
                var ax = sa.addresses().get(j).address();
                var bx = sb.addresses().get(j).address();
                assertThat(ax.peer()).contains(bx.address());
                assertThat(bx.peer()).contains(ax.address());
            }
        }
    }

    private static TunnelConfig only(Path file) throws ConfigException {
        L2tpConfig config = ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(file)));
        assertThat(config.tunnels()).hasSize(1);
        return config.tunnels().get(0);
    }
}
