package net.jl2tp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import net.jl2tp.model.Cookie;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Mtu;
import net.jl2tp.validate.ConfigValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loader behaviour that needs files made on the fly: search path, merge, bytes that are not text. */
class ConfigLoaderTest {
    static final String TUNNEL_A = """
            l2tp:
              version: 1
              tunnels:
                to-b:
                  tunnel-id: 3000
                  peer-tunnel-id: 4000
                  local: 192.0.2.1
                  remote: 192.0.2.2
                  udp-source-port: 5000
                  udp-destination-port: 6000
            """;
    static final String TUNNEL_C = TUNNEL_A.replace("to-b", "to-c").replace("3000", "3001")
            .replace("192.0.2.2", "192.0.2.3").replace("5000", "5001");

    @TempDir
    Path tmp;

    private Path write(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), text);
    }

    private static L2tpConfig valid(LoadedConfig loaded) {
        try {
            return ConfigValidator.requireValid(loaded);
        } catch (ConfigException e) {
            throw new AssertionError("expected a valid config: " + e.problems());
        }
    }

    static List<String> problems(LoadedConfig loaded) {
        try {
            ConfigValidator.requireValid(loaded);
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
    }

    @Test
    void runShadowsEtcShadowsUsrLibByFileName() throws IOException {
        Path usr = tmp.resolve("usr/lib/jl2tp");
        Path etc = tmp.resolve("etc/jl2tp");
        Path run = tmp.resolve("run/jl2tp");
        write(usr, "10-site.yaml", TUNNEL_A.replace("4000", "4001"));
        write(etc, "10-site.yaml", TUNNEL_A.replace("4000", "4002"));
        write(run, "10-site.yaml", TUNNEL_A.replace("4000", "4003"));
        write(usr, "20-other.yaml", TUNNEL_C);

        LoadedConfig loaded = ConfigLoader.loadSearchPath(List.of(usr, etc, run, tmp.resolve("missing")));

        assertThat(problems(loaded)).isEmpty();
        assertThat(loaded.config().files()).containsExactly(
                run.resolve("10-site.yaml").toString(), usr.resolve("20-other.yaml").toString());
        assertThat(loaded.config().tunnels()).extracting(TunnelConfig::label, TunnelConfig::peerTunnelId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("to-b", 4003L),
                        org.assertj.core.groups.Tuple.tuple("to-c", 4000L));
    }

    @Test
    void sameObjectInTwoFilesNamesBothPlaces() throws IOException {
        Path a = write(tmp, "a.yaml", TUNNEL_A);
        Path b = write(tmp, "b.yaml", TUNNEL_A.replace("3000", "3005").replace("5000", "5005"));

        assertThat(problems(ConfigLoader.loadPaths(List.of(tmp)))).containsExactly(
                b + ":4:5: tunnel 'to-b' is already defined at " + a + ":4:5; define each object in one place");
    }

    @Test
    void filesInADirectoryMergeInLexicalOrder() throws IOException {
        write(tmp, "b.yaml", TUNNEL_C);
        write(tmp, "a.yaml", TUNNEL_A);
        write(tmp, "notes.txt", "not yaml");

        L2tpConfig config = valid(ConfigLoader.loadPaths(List.of(tmp)));

        assertThat(config.files()).containsExactly(tmp.resolve("a.yaml").toString(), tmp.resolve("b.yaml").toString());
        assertThat(config.summary()).isEqualTo("2 tunnels, 0 sessions, 0 bridges, 0 vlans in 2 files");
    }

    @Test
    void cookiesAreReadFromTheScalarTextNeverFromANumber() throws IOException {
        Path file = write(tmp, "c.yaml", TUNNEL_A + """
                      sessions:
                        l2tpeth0:
                          session-id: 1000
                          peer-session-id: 2000
                          cookie: 00000012
                          peer-cookie: 12345678
                          l2spec-type: none
                          mtu: auto
                """);

        SessionConfig session = valid(ConfigLoader.loadPaths(List.of(file)))
                .tunnels().get(0).sessions().get(0);

        assertThat(new Cookie(session.cookie()).bytes()).containsExactly(0, 0, 0, 0x12);
        assertThat(session.peerCookie()).isEqualTo("12345678");
        assertThat(session.l2specType()).isEqualTo(L2specType.NONE);
        assertThat(session.mtu()).isEqualTo(new Mtu.Auto());
    }

    @Test
    void everyNodeKeepsItsMark() throws IOException {
        Path file = write(tmp, "m.yaml", TUNNEL_A);
        TunnelConfig tunnel = valid(ConfigLoader.loadPaths(List.of(file))).tunnels().get(0);

        assertThat(tunnel.marks().self()).isEqualTo(new SourceMark(file.toString(), 4, 5));
        assertThat(tunnel.marks().of("remote")).isEqualTo(new SourceMark(file.toString(), 8, 15));
        assertThat(tunnel.markOfComponent("udpDestinationPort")).isEqualTo(new SourceMark(file.toString(), 10, 29));
        assertThat(tunnel.marks().of("encap")).as("absent key points at its object").isEqualTo(tunnel.marks().self());
    }

    @Test
    void bytesThatAreNotUtf8PointAtTheFirstBadByte() throws IOException {
        Path file = tmp.resolve("latin1.yaml");
        Files.write(file, "l2tp:\n  version: 1\n  # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(problems(ConfigLoader.loadPaths(List.of(file))))
                .containsExactly(file + ":3:8: file is not valid UTF-8 text");
    }

    @Test
    void aByteOrderMarkIsAccepted() throws IOException {
        Path file = tmp.resolve("bom.yaml");
        Files.write(file, ("\uFEFF" + TUNNEL_A).getBytes(StandardCharsets.UTF_8));

        assertThat(problems(ConfigLoader.loadPaths(List.of(file)))).isEmpty();
    }

    @Test
    void missingFileIsAProblemNotAnException() {
        Path file = tmp.resolve("nope.yaml");

        assertThat(problems(ConfigLoader.loadPaths(List.of(file))))
                .containsExactly(file + ":1:1: cannot read the file: no such file");
    }

    @Test
    void directoryWithoutYamlFilesIsAProblem() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));

        assertThat(problems(ConfigLoader.loadPaths(List.of(dir)))).containsExactly(
                dir + ":1:1: directory has no *.yaml files; give a config file or a directory that holds some");
    }

    @Test
    void unreadableFileIsPermissionDenied() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")),
                "runs as root, who reads any file: permission denied cannot be provoked here");
        Path file = write(tmp, "secret.yaml", TUNNEL_A);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));

        assertThat(problems(ConfigLoader.loadPaths(List.of(file))))
                .containsExactly(file + ":1:1: cannot read the file: permission denied");
    }

    @Test
    void deepNestingIsAProblemNotAStackOverflow() throws IOException {
        Path file = write(tmp, "deep.yaml", "l2tp: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n");

        assertThat(problems(ConfigLoader.loadPaths(List.of(file))))
                .singleElement().asString().startsWith(file + ":1:").contains("nest");
    }

    @Test
    void allProblemsOfSeveralFilesComeOutAtOnce() throws IOException {
        Path a = write(tmp, "a.yaml", TUNNEL_A.replace("3000", "0").replace("5000", "70000"));
        Path b = write(tmp, "b.yaml", "l2tp:\n  version: 3\n");

        assertThat(problems(ConfigLoader.loadPaths(List.of(a, b)))).containsExactly(
                a + ":5:18: tunnel-id 0 must be in 1..4294967295 (a 32-bit id; 0 is reserved)",
                a + ":9:24: udp-source-port 70000 must be a UDP port in 1..65535",
                b + ":2:12: version 3 is not supported; this release of jl2tp reads version 1");
    }
}
