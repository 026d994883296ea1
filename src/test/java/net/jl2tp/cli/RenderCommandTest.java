package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.export.PlanIp;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.plan.Desired;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.plan.Planner;
import net.jl2tp.validate.ConfigValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jl2tp-apply render}: a site's half of src/test/resources/sites/hub-spokes.yaml as the
 * per-host YAML (loaded again, it validates to the same desired state and plan), as ip commands and
 * as the link table (goldens beside the file). It never opens the kernel.
 */
class RenderCommandTest {
    static final String LINKS = SiteCommandLineTest.LINKS;

    @TempDir
    Path tmp;

    private static CliTest.Result render(String... args) {
        return CliTest.run(CliTest.NO_KERNEL, args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hub", "spoke1", "spoke2"})
    void theYamlLoadsAgainToTheSameDesiredStateAndPlan(String site) throws Exception {
        CliTest.Result r = render("render", "--site", site, "-c", LINKS);
        Path rendered = Files.writeString(tmp.resolve(site + ".yaml"), r.out());

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("# " + net.jl2tp.config.ConfigSchema.MODELINE + "\n# Site " + site
                + "'s half of the config, written by jl2tp-apply render.\n")
                .doesNotContain("sites:").doesNotContain("links:");
        Desired expected = DesiredBuilder.build(ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(Path.of(LINKS))),
                site));
        L2tpConfig again = ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(rendered)));
        Desired actual = DesiredBuilder.build(again);
        assertThat(again.hasLinks()).isFalse();
        assertThat(actual.state()).isEqualTo(expected.state());
        assertThat(actual.labels()).isEqualTo(expected.labels());
        assertThat(actual.sessionMtus()).isEqualTo(expected.sessionMtus());
        // the same steps (their origins are the two files' lines)
        assertThat(PlanIp.render(Planner.plan(actual, NetworkState.empty(), Ownership.empty(), false)))
                .isEqualTo(PlanIp.render(Planner.plan(expected, NetworkState.empty(), Ownership.empty(), false)));
    }

    @Test
    void theYamlIsTheDefaultOutput() {
        assertThat(render("render", "--site", "hub", "-c", LINKS).out())
                .isEqualTo(render("render", "--site", "hub", "-c", LINKS, "-o", "yaml").out());
    }

    @Test
    void ipOutputMakesTheHalfFromAnEmptyHost() throws IOException {
        CliTest.Result r = render("render", "--site", "hub", "-c", LINKS, "--output", "ip");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(golden("hub-spokes.hub.ip"));
    }

    @Test
    void tableOutputGivesBothEndsOfEachLinkOfTheSite() throws IOException {
        CliTest.Result hub = render("render", "--site", "hub", "-c", LINKS, "-o", "table");
        CliTest.Result spoke2 = render("render", "--site", "spoke2", "-c", LINKS, "-o", "table");

        assertThat(hub.exit()).isEqualTo(ExitCode.OK);
        assertThat(hub.out()).isEqualTo(golden("hub-spokes.hub.table"));
        assertThat(spoke2.out()).isEqualTo(golden("hub-spokes.spoke2.table"));
    }

    @Test
    void theTablesTwoColumnsMirrorEachOther() {
        List<String> rows = render("render", "--site", "hub", "-c", LINKS, "-o", "table").out().lines()
                .filter(l -> !l.isBlank() && !l.startsWith("link ") && !l.startsWith(" ")).toList();
        java.util.Map<String, String[]> byName = new java.util.HashMap<>();
        for (String row : rows) {
            String[] cells = row.split("  +");
            byName.merge(cells[0], new String[] {cells[1], cells[2]}, (a, b) -> a); // the first link's rows
        }

        assertThat(byName.get("tunnel id")[0]).isEqualTo(byName.get("peer tunnel id")[1]);
        assertThat(byName.get("session id")[1]).isEqualTo(byName.get("peer session id")[0]);
        assertThat(byName.get("cookie sent")[0]).isEqualTo(byName.get("cookie expected")[1]);
        assertThat(byName.get("udp source port")[0]).isEqualTo(byName.get("udp destination port")[1]);
        assertThat(byName.get("local address")[0]).isEqualTo(byName.get("remote address")[1]);
    }

    @Test
    void theSiteIsRequired() {
        CliTest.Result r = render("render", "-c", LINKS);

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).startsWith("jl2tp-apply: Missing required option: '--site=NAME'");
    }

    @Test
    void anUnknownSiteIsAnErrorNamingTheSites() {
        CliTest.Result r = render("render", "--site", "spoke3", "-c", LINKS);

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("jl2tp-apply: --site names site 'spoke3', which the config does not have; its "
                + "sites: hub, spoke1, spoke2\n");
    }

    @Test
    void aConfigWithoutSitesSaysSo() {
        CliTest.Result r = render("render", "--site", "hub", "-c", "examples/site-a.yaml");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).startsWith("jl2tp-apply: --site names site 'hub', and this config has no sites");
    }

    @Test
    void theSitesProblemsArePrintedAtTheLinksLine() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), Files.readString(Path.of(LINKS))
                .replace("      sequencing: both", "      l2spec-type: none\n      sequencing: both"));

        CliTest.Result r = render("render", "--site", "spoke2", "-c", bad.toString(), "-o", "table");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(bad + ":18:19: sequencing both needs l2spec-type default");
    }

    @Test
    void aFileThatDoesNotLoadIsReportedWithoutASite() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "l2tp:\n  version: 1\n  sitez: {}\n");

        CliTest.Result r = render("render", "--site", "hub", "-c", bad.toString());

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).startsWith(bad + ":3:3: ");
    }

    @Test
    void completionOffersRenderAndItsOptions() {
        String script = picocli.AutoComplete.bash("jl2tp-apply", Main.commandLine());

        assertThat(script).contains("render").contains("--site");
        assertThat(Main.commandLine().getSubcommands().get("render").getCommandSpec().options().stream()
                .map(o -> o.longestName())).contains("--site", "--config", "--output");
    }

    private static String golden(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/sites", name), StandardCharsets.UTF_8);
    }

}
