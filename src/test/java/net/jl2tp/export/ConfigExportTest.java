package net.jl2tp.export;

import net.jl2tp.json.JsonWriter;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jl2tp.model.Ownership;
import net.jl2tp.config.ConfigSchema;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.SessionConfig;
import net.jl2tp.config.TunnelConfig;
import net.jl2tp.model.LiveState;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.model.Tunnel;
import net.jl2tp.testing.SessionBuilder;
import net.jl2tp.testing.TunnelBuilder;
import net.jl2tp.validate.ConfigValidator;
import net.jl2tp.testing.LinkBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** show's document of the captured scene (capture-scene.sh): exact text, and valid as a config. */
class ConfigExportTest {
    /**
     * What jl2tp would have recorded: pw-cisco as the kernel has it (l2spec none), l2tpeth2
     * (default), and a session 3000/1000 made with another interface name, since deleted and
     * replaced by `ip`: its l2spec type says nothing about the live one.
     */
    static final Ownership RECORD = record(
            SessionBuilder.session().tunnelId(3001).sessionId(1001).peerSessionId(2001).interfaceName("pw-cisco")
                    .cookie("014d3636deadbeef").peerCookie("0badc0de").l2specType(L2specType.NONE).build(),
            SessionBuilder.session().tunnelId(3002).sessionId(1002).peerSessionId(2002).interfaceName("l2tpeth2")
                    .sequencing(Sequencing.BOTH).build(),
            SessionBuilder.session().interfaceName("l2tpeth9").l2specType(L2specType.NONE).build());

    @TempDir
    Path tmp;

    static String yaml() throws Exception {
        return YamlWriter.write(ConfigExport.of(SceneKernel.read(), RECORD));
    }

    static String json() throws Exception {
        return JsonWriter.write(ConfigExport.of(SceneKernel.read(), RECORD));
    }

    @Test
    void yamlIsTheGolden() throws Exception {
        assertThat(yaml()).isEqualTo(resource("scene-show.yaml"));
    }

    @Test
    void jsonIsTheGolden() throws Exception {
        assertThat(json()).isEqualTo(resource("scene-show.json"));
    }

    @Test
    void jsonAndYamlAreOneDocument() throws Exception {
        Load load = new Load(LoadSettings.builder().build());
        assertThat(load.loadFromString(json())).isEqualTo(load.loadFromString(yaml()));
    }

    @Test
    void yamlValidatesAndReadsBackAsTheKernelHasIt() throws Exception {
        L2tpConfig config = ConfigValidator.requireValid(
                ConfigLoader.loadPaths(List.of(Files.writeString(tmp.resolve("show.yaml"), yaml()))));

        assertThat(config.summary()).isEqualTo("5 tunnels, 6 sessions, 2 bridges, 1 vlan in 1 file");
        TunnelConfig ipEncap = config.tunnels().stream().filter(t -> t.tunnelId() == 3002).findFirst().orElseThrow();
        assertThat(ipEncap.encap()).isEqualTo(Encap.IP);
        SessionConfig cisco = config.tunnels().stream().flatMap(t -> t.sessions().stream())
                .filter(s -> s.name().equals("pw-cisco")).findFirst().orElseThrow();
        assertThat(cisco.cookie()).isEqualTo("014d3636deadbeef");
        assertThat(cisco.peerCookie()).isEqualTo("0badc0de");
        assertThat(cisco.l2specType()).isEqualTo(L2specType.NONE);
        SessionConfig replaced = config.tunnels().stream().flatMap(t -> t.sessions().stream())
                .filter(s -> s.name().equals("l2tpeth0")).findFirst().orElseThrow();
        assertThat(replaced.l2specType()).as("not from a record of another session").isNull();
    }

    @Test
    void jsonIsAValidConfigToo() throws Exception {
        L2tpConfig config = ConfigValidator.requireValid(
                ConfigLoader.loadPaths(List.of(Files.writeString(tmp.resolve("show.yaml"), json()))));

        assertThat(config.summary()).isEqualTo("5 tunnels, 6 sessions, 2 bridges, 1 vlan in 1 file");
    }

    @Test
    void leavesOutLinksThatHoldNoSessionAndKernelMadeAddresses() throws Exception {
        String yaml = yaml();

        assertThat(yaml).doesNotContain("br9", "pw0.7", "pw0:", "fe80", "192.0.2.1/24", "2001:db8:1::1/64");
        assertThat(yaml).as("a foreign port is named in its bridge, not described")
                .contains("        - lan0\n").doesNotContain("    lan0:");
    }

    @Test
    void l2specComesFromTheRecordOnlyForTheSessionJl2tpMade() {
        Session live = SessionBuilder.session().tunnelId(3001).sessionId(1001).peerSessionId(2001)
                .interfaceName("pw-cisco").cookie("014d3636deadbeef").peerCookie("0badc0de").l2specTypeUnknown()
                .build();
        Session otherCookie = SessionBuilder.from(live).cookie("0000beef").build();
        Session otherPeer = SessionBuilder.from(live).peerSessionId(2009).build();

        assertThat(ConfigExport.recordedL2spec(live, RECORD)).contains(L2specType.NONE);
        assertThat(ConfigExport.recordedL2spec(otherCookie, RECORD)).isEmpty();
        assertThat(ConfigExport.recordedL2spec(otherPeer, RECORD)).isEmpty();
        assertThat(ConfigExport.recordedL2spec(live, Ownership.empty())).isEmpty();
    }

    @Test
    void pointToPointPrefixStaysOnThePeerAndOddTextIsQuoted() throws Exception {
        InetAddress local = IpAddresses.parse("192.0.2.1").orElseThrow();
        InetAddress remote = IpAddresses.parse("192.0.2.2").orElseThrow();
        Tunnel tunnel = TunnelBuilder.tunnel().tunnelId(7).peerTunnelId(8).encap(Encap.IP).local(local).remote(remote)
                .udpSourcePort(0).udpDestinationPort(0).build();
        Session session = SessionBuilder.session().tunnelId(7).sessionId(70).peerSessionId(80).interfaceName("pw7")
                .cookie("00000012").l2specTypeUnknown().build();
        Link pw7 = LinkBuilder.link("pw7", LinkKind.SESSION).mtu(1458).addresses(
                List.of(InterfaceAddress.withPeer(IpAddresses.parse("203.0.113.1").orElseThrow(),
                                IpAddresses.parse("203.0.113.0").orElseThrow(), 30),
                        InterfaceAddress.withPeer(IpAddresses.parse("2001:db8::1").orElseThrow(),
                                IpAddresses.parse("2001:db8::2").orElseThrow(), 128),
                        InterfaceAddress.of(IpAddresses.parse("fe80::1").orElseThrow(), 64))).build();
        LiveState live = new LiveState(NetworkState.of(Map.of(7L, tunnel), Map.of(session.key(), session),
                Map.of("pw7", pw7), Map.of()), new TreeMap<>(), new TreeMap<>(),
                Map.of());

        String yaml = YamlWriter.write(ConfigExport.of(live, Ownership.empty()));

        assertThat(yaml).isEqualTo("""
                # %s
                # %s
                l2tp:
                  version: 1
                  tunnels:
                    tunnel-7:
                      tunnel-id: 7
                      peer-tunnel-id: 8
                      encap: ip
                      local: 192.0.2.1
                      remote: 192.0.2.2
                      sessions:
                        pw7:
                          session-id: 70
                          peer-session-id: 80
                          cookie: "00000012"
                          # %s
                          sequencing: none
                          mtu: 1458
                          up: true
                          addresses:
                            - address: 203.0.113.1
                              peer: 203.0.113.0/30
                            - address: 2001:db8::1
                              peer: 2001:db8::2
                  bridges: {}
                  vlans: {}
                """.formatted(ConfigSchema.MODELINE, ConfigExport.HEADER, ConfigExport.L2SPEC_NOT_REPORTED));
        L2tpConfig config = ConfigValidator.requireValid(
                ConfigLoader.loadPaths(List.of(Files.writeString(tmp.resolve("p2p.yaml"), yaml))));
        assertThat(config.tunnels().get(0).sessions().get(0).cookie()).isEqualTo("00000012");
    }

    /** Before the emitter, the comment alone stood under 'sessions:', which YAML reads as null, JSON as {}. */
    @Test
    void aTunnelWhoseOnlySessionHasNoInterfaceHasItsCommentOverAnEmptyMapping() throws Exception {
        Tunnel tunnel = TunnelBuilder.tunnel().tunnelId(7).peerTunnelId(8).encap(Encap.IP).local("192.0.2.1")
                .remote("192.0.2.2").udpSourcePort(0).udpDestinationPort(0).build();
        Session ppp = SessionBuilder.session().tunnelId(7).sessionId(70).peerSessionId(80).interfaceName(null)
                .l2specTypeUnknown().build();
        LiveState live = new LiveState(NetworkState.of(Map.of(7L, tunnel), Map.of(ppp.key(), ppp), Map.of(),
                Map.of()), new TreeMap<>(), new TreeMap<>(), Map.of());

        String yaml = YamlWriter.write(ConfigExport.of(live, Ownership.empty()));

        assertThat(yaml).contains("""
                      sessions:
                        # session 70 (peer 80) has no interface: not an Ethernet pseudowire, left out
                        {}
                """);
        Load load = new Load(LoadSettings.builder().build());
        assertThat(load.loadFromString(yaml)).isEqualTo(load.loadFromString(JsonWriter.write(ConfigExport.of(live,
                Ownership.empty()))));
        assertThat(ConfigValidator.requireValid(ConfigLoader.loadPaths(
                List.of(Files.writeString(tmp.resolve("ppp.yaml"), yaml)))).summary())
                .isEqualTo("1 tunnel, 0 sessions, 0 bridges, 0 vlans in 1 file");
    }

    @Test
    void noTunnelsIsAnEmptyValidConfig() throws Exception {
        LiveState live = new LiveState(NetworkState.empty(), new TreeMap<>(), new TreeMap<>(), Map.of());

        String yaml = YamlWriter.write(ConfigExport.of(live, Ownership.empty()));

        assertThat(yaml).endsWith("l2tp:\n  version: 1\n  tunnels: {}\n  bridges: {}\n  vlans: {}\n");
        assertThat(ConfigValidator.requireValid(ConfigLoader.loadPaths(
                List.of(Files.writeString(tmp.resolve("empty.yaml"), yaml)))).summary())
                .isEqualTo("0 tunnels, 0 sessions, 0 bridges, 0 vlans in 1 file");
    }

    static Ownership record(Session... sessions) {
        TreeMap<SessionKey, Session> bySession = new TreeMap<>();
        for (Session s : sessions) {
            bySession.put(s.key(), s);
        }
        return new Ownership(new NetworkState(new TreeMap<>(), bySession, new TreeMap<>(), new TreeMap<>()));
    }

    static String resource(String name) {
        try (InputStream in = ConfigExportTest.class.getResourceAsStream("/export/" + name)) {
            if (in == null) {
                throw new AssertionError("no resource export/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
