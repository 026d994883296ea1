package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.export.SceneKernel;
import net.jl2tp.kernel.NetnsId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** show and status on the command line, over the captured scene (src/test/resources/export/). */
class ShowStatusCommandTest {
    @TempDir
    Path stateDirectory;

    /** Where apply would have kept the scene namespace's record. */
    private Path sceneRecord() throws Exception {
        return StateDirectory.open(stateDirectory).record(
                new NetnsId(NetnsId.inode(Optional.empty()), OptionalLong.of(SceneKernel.NETNS_COOKIE))).file();
    }

    private KernelAccess scene() {
        return ShowStatusHarness.access(netns -> SceneKernel.open(), stateDirectory);
    }

    @Test
    void showPrintsTheSceneAsYamlAndReadsTheStateRecordOfThisNamespace() throws Exception {
        // the record jl2tp would have written for this namespace: pw-cisco made with l2spec none
        Files.createDirectories(stateDirectory);
        Files.writeString(sceneRecord(), """
                {"format": 1, "tunnels": [], "links": [], "foreign-ports": {}, "sessions": [
                  {"tunnel-id": 3001, "session-id": 1001, "peer-session-id": 2001, "interface": "pw-cisco",
                   "cookie": "014d3636deadbeef", "peer-cookie": "0badc0de", "l2spec-type": "none", "sequencing": "none"}]}
                """);

        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "show");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        String expected = resource("scene-show.yaml")
                // the golden's record also has l2tpeth2 (default); this one has pw-cisco only
                .replace("          l2spec-type: default\n",
                        "          # l2spec-type: not reported by the kernel; default assumed\n");
        assertThat(r.out()).isEqualTo(expected);
        assertThat(r.out()).contains("          peer-cookie: 0badc0de\n          l2spec-type: none\n");
    }

    @Test
    void showJsonWithNoRecordLeavesL2specOut() {
        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "show", "--output", "json");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).startsWith("{\n  \"l2tp\": {\n    \"version\": 1,\n").doesNotContain("l2spec-type");
        assertThat(r.out()).isEqualTo(resource("scene-show.json")
                .replace("            \"l2spec-type\": \"none\",\n", "")
                .replace("            \"l2spec-type\": \"default\",\n", ""));
    }

    @Test
    void anUnreadableStateRecordIsAWarningAndShowGoesOn() throws Exception {
        Files.writeString(sceneRecord(), "{\"format\": 9}");

        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "show");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).startsWith("jl2tp-apply: warning: cannot read the state record " + stateDirectory)
                .endsWith("; l2spec-type is written as not reported\n")
                .hasLineCount(1);
        assertThat(r.out()).doesNotContain("l2spec-type: none");
    }

    @Test
    void statusPrintsAlignedTables() {
        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "status");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(resource("scene-status.txt"));
    }

    @Test
    void statusJson() {
        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "status", "-o", "json");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        // The report's golden, and the keys of the site (no links here) and of the namespace's try: none here.
        String report = resource("scene-status.json");
        assertThat(r.out()).isEqualTo(report.substring(0, report.length() - "  ]\n}\n".length())
                + "  ],\n  \"site\": null,\n  \"try\": null\n}\n");
    }

    @Test
    void theNamespaceNameReachesTheKernel() {
        StringBuilder asked = new StringBuilder();
        KernelAccess recording = ShowStatusHarness.access(netns -> {
            asked.append(netns.orElse("(this namespace)"));
            return SceneKernel.open();
        }, stateDirectory);

        assertThat(ShowStatusHarness.run(recording, "status", "--netns", "site-a").exit()).isEqualTo(ExitCode.OK);
        assertThat(asked).hasToString("site-a");
    }

    @Test
    void theNamespaceMayAlsoBeGivenBeforeTheSubcommand() {
        StringBuilder asked = new StringBuilder();
        KernelAccess recording = ShowStatusHarness.access(netns -> {
            asked.append(netns.orElse("(this namespace)")).append(';');
            return SceneKernel.open();
        }, stateDirectory);

        assertThat(ShowStatusHarness.run(recording, "--netns", "site-b", "status").exit()).isEqualTo(ExitCode.OK);
        assertThat(ShowStatusHarness.run(recording, "--netns", "site-b", "show", "--netns", "site-c").exit())
                .isEqualTo(ExitCode.OK);
        assertThat(asked).hasToString("site-b;site-c;");
    }

    @Test
    void anUnknownOutputFormatIsAUsageError() {
        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "show", "--output", "xml");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out()).isEmpty();
    }

    static String resource(String name) {
        try (var in = ShowStatusCommandTest.class.getResourceAsStream("/export/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
