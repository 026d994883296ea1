package net.jl2tp.config;

import static net.jl2tp.config.ConfigLoaderTest.TUNNEL_A;
import static net.jl2tp.config.ConfigLoaderTest.TUNNEL_C;
import static net.jl2tp.config.ConfigLoaderTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code try --candidate}: the search path as it will be once confirm installs the candidates in /etc/jl2tp. */
class ConfigLoaderCandidateTest {
    @TempDir
    Path tmp;

    private Path usr;
    private Path etc;
    private Path run;
    private Path elsewhere;

    @BeforeEach
    void directories() throws IOException {
        usr = Files.createDirectories(tmp.resolve("usr/lib/jl2tp"));
        etc = Files.createDirectories(tmp.resolve("etc/jl2tp"));
        run = Files.createDirectories(tmp.resolve("run/jl2tp"));
        elsewhere = Files.createDirectories(tmp.resolve("root"));
    }

    private LoadedConfig load(Path... candidates) {
        return ConfigLoader.loadSearchPathWith(List.of(usr, etc, run), etc, List.of(candidates));
    }

    @Test
    void aCandidateTakesThePlaceOfItsNamesakeInTheInstallDirectory() throws IOException {
        Files.writeString(etc.resolve("10-site.yaml"), TUNNEL_A);
        Files.writeString(usr.resolve("20-other.yaml"), TUNNEL_C);
        Path candidate = Files.writeString(elsewhere.resolve("10-site.yaml"), TUNNEL_A.replace("4000", "4009"));

        LoadedConfig loaded = load(candidate);

        assertThat(problems(loaded)).isEmpty();
        assertThat(loaded.config().files()).containsExactly(candidate.toString(), usr.resolve("20-other.yaml").toString());
        assertThat(loaded.config().tunnels()).extracting(TunnelConfig::label, TunnelConfig::peerTunnelId)
                .containsExactly(Tuple.tuple("to-b", 4009L), Tuple.tuple("to-c", 4000L));
    }

    @Test
    void aCandidateTakesThePlaceOfItsNamesakeInALowerDirectory() throws IOException {
        Files.writeString(usr.resolve("10-site.yaml"), TUNNEL_A);
        Path candidate = Files.writeString(elsewhere.resolve("10-site.yaml"), TUNNEL_A.replace("4000", "4009"));

        LoadedConfig loaded = load(candidate);

        assertThat(problems(loaded)).isEmpty();
        assertThat(loaded.config().files()).containsExactly(candidate.toString());
        assertThat(loaded.config().tunnels()).extracting(TunnelConfig::peerTunnelId).containsExactly(4009L);
    }

    @Test
    void aCandidateOfANewNameIsAddedToTheRest() throws IOException {
        Files.writeString(etc.resolve("10-site.yaml"), TUNNEL_A);
        Path candidate = Files.writeString(elsewhere.resolve("20-other.yaml"), TUNNEL_C);

        LoadedConfig loaded = load(candidate);

        assertThat(problems(loaded)).isEmpty();
        assertThat(loaded.config().files()).containsExactly(etc.resolve("10-site.yaml").toString(), candidate.toString());
    }

    @Test
    void aCandidateThatALaterDirectoryWouldShadowIsAProblemNamingBothFiles() throws IOException {
        Files.writeString(run.resolve("10-site.yaml"), TUNNEL_A);
        Path candidate = Files.writeString(elsewhere.resolve("10-site.yaml"), TUNNEL_A.replace("4000", "4009"));

        assertThat(problems(load(candidate))).containsExactly(candidate + ":1:1: installed as "
                + etc.resolve("10-site.yaml") + " it would be shadowed by " + run.resolve("10-site.yaml")
                + "; change that file instead, or give the candidate another name");
    }

    @Test
    void aCandidateNotNamedYamlIsAProblem() throws IOException {
        Path candidate = Files.writeString(elsewhere.resolve("site.yml"), TUNNEL_A);

        assertThat(problems(load(candidate))).containsExactly(candidate
                + ":1:1: a candidate must be a file named *.yaml: confirm installs it as " + etc + "/NAME.yaml");
    }

    @Test
    void twoCandidatesOfOneNameAreAProblem() throws IOException {
        Path first = Files.writeString(elsewhere.resolve("10-site.yaml"), TUNNEL_A);
        Path second = Files.writeString(Files.createDirectories(tmp.resolve("other")).resolve("10-site.yaml"), TUNNEL_A);

        assertThat(problems(load(first, second))).containsExactly(second + ":1:1: another candidate, " + first
                + ", has the same name: both would be installed as " + etc.resolve("10-site.yaml"));
    }
}
