package net.jl2tp.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.LinkDerivation;
import net.jl2tp.config.LoadedConfig;
import net.jl2tp.config.Problem;
import net.jl2tp.config.SourceMark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkValidatorTest {
    @TempDir
    Path dir;

    private static final String SITES = """
            l2tp:
              version: 1
              sites:
                hub: { address: 192.0.2.1 }
                spoke1: { address: 192.0.2.2 }
                spoke2: { address: 192.0.2.3 }
            """;

    private LoadedConfig load(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
        return ConfigLoader.loadPaths(List.of(dir));
    }

    private SourceMark at(String name, int line, int column) {
        return new SourceMark(dir.resolve(name).toString(), line, column);
    }

    private List<Problem> problemsOf(LoadedConfig loaded) {
        try {
            ConfigValidator.requireValidForEverySite(loaded);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Test
    void aProblemSeenFromBothEndsIsReportedOnceAtTheLinksLine() throws IOException {
        LoadedConfig loaded = load("l.yaml", SITES + """
                  links:
                    hub-to-spoke-number-1: { ends: [hub, spoke1] }
                """);

        assertThat(problemsOf(loaded)).containsExactly(new Problem(at("l.yaml", 8, 5),
                "interface name 'hub-to-spoke-number-1' is 21 bytes long; Linux allows at most 15"));
    }

    @Test
    void aCollisionWithADerivedValueSaysItWasDerivedAndHowToChooseAnother() throws IOException {
        long derived = LinkDerivation.sessionId("l2", "hub");
        LoadedConfig loaded = load("l.yaml", SITES + """
                  links:
                    l1: { ends: [hub, spoke1], encap: ip, hub: { session-id: %d } }
                    l2: { ends: [hub, spoke2], encap: ip }
                """.formatted(derived));

        List<Problem> problems = problemsOf(loaded);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).mark()).isEqualTo(at("l.yaml", 9, 5));
        assertThat(problems.get(0).message()).startsWith("session-id " + derived + " is also used by session 'l1'")
                .endsWith("(derived from the link's label and site name; give an explicit session-id in the "
                        + "link's end to choose another)");
    }

    @Test
    void aCollisionOfWrittenValuesIsAtTheValueAndSaysNothingOfDerivation() throws IOException {
        LoadedConfig loaded = load("l.yaml", SITES + """
                  links:
                    l1: { ends: [hub, spoke1], hub: { tunnel-id: 7 } }
                    l2: { ends: [spoke2, hub], hub: { tunnel-id: 7 } }
                """);

        List<Problem> problems = problemsOf(loaded);

        assertThat(problems).extracting(Problem::mark).containsExactly(at("l.yaml", 9, 50));
        assertThat(problems.get(0).message()).startsWith("tunnel-id 7 is already used by tunnel 'l1'")
                .doesNotContain("derived");
    }

    @Test
    void aSiteOrLinkDeclaredInTwoFilesIsADuplicate() throws IOException {
        load("a.yaml", SITES + """
                  links:
                    l1: { ends: [hub, spoke1] }
                """);
        LoadedConfig loaded = load("b.yaml", """
                l2tp:
                  version: 1
                  sites:
                    hub: { address: 192.0.2.9 }
                  links:
                    l1: { ends: [hub, spoke2] }
                """);

        assertThat(problemsOf(loaded)).extracting(Problem::toString).containsExactly(
                at("b.yaml", 4, 5) + ": site 'hub' is already defined at " + at("a.yaml", 4, 5)
                        + "; define each object in one place",
                at("b.yaml", 6, 5) + ": link 'l1' is already defined at " + at("a.yaml", 8, 5)
                        + "; define each object in one place");
    }

    @Test
    void withoutASiteALinkFileIsRefusedAtItsFirstLink() throws IOException {
        LoadedConfig loaded = load("l.yaml", SITES + """
                  links:
                    l1: { ends: [hub, spoke1] }
                """);

        assertThatThrownBy(() -> ConfigValidator.requireValid(loaded)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(new Problem(
                        at("l.yaml", 8, 5), "this config has links: choose the site this host is (--site NAME, "
                        + "/etc/jl2tp/site, a hostname in sites:, or the one site whose address is on this host)")));
    }

    @Test
    void aSiteGetsItsExpandedConfigAndAnUnknownSiteIsAProblem() throws Exception {
        LoadedConfig loaded = load("l.yaml", SITES + """
                  links:
                    l1: { ends: [hub, spoke1] }
                    l2: { ends: [hub, spoke2] }
                """);

        L2tpConfig spoke = ConfigValidator.requireValid(loaded, "spoke2");

        assertThat(spoke.hasLinks()).isFalse();
        assertThat(spoke.tunnels()).extracting(t -> t.label()).containsExactly("l2");
        assertThat(ConfigValidator.requireValidForEverySite(loaded)).isSameAs(loaded.config());
        assertThatThrownBy(() -> ConfigValidator.requireValid(loaded, "spoke3")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("site 'spoke3' is not declared under 'sites:'; the sites are hub, spoke1, spoke2");
    }
}
