package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** watch as the command line reads it: usage errors and a bad config stop before any kernel is reached. */
class WatchCommandLineTest {
    private static CliTest.Result run(String line) {
        return CliTest.run(CliTest.NO_KERNEL, line.split(" "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "watch --reconcile --quiet-period 0|--quiet-period must be 1 to 3600 seconds (an hour), not 0",
        "watch --reconcile --quiet-period 3601|--quiet-period must be 1 to 3600 seconds (an hour), not 3601",
        "watch --quiet-period 5|--quiet-period goes with --reconcile",
        "watch --prune|--prune goes with --reconcile",
        "watch --reconcile --lock-timeout 86401|--lock-timeout must be 0 to 86400 seconds (a day), not 86401",
        "watch -o yaml|Invalid value for option '--output'",
        "--dry-run watch|--dry-run is an option of the apply, not of watch: give watch's options after it",
        "watch --timeout 5|Unknown options: '--timeout', '5'",
    })
    void aUsageErrorExitsTwoNamingTheOption(String line, String message) {
        CliTest.Result r = run(line);

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anInvalidConfigExitsTwoWithItsProblemsBeforeTheKernelIsOpened() {
        CliTest.Result r = run("watch -c src/test/resources/config/bad/tunnel-id-zero.yaml");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("tunnel-id-zero.yaml").doesNotContain("Exception");
    }

    @Test
    void helpListsItsOptionsAndExitCodes() {
        CliTest.Result r = run("watch --help");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("Usage: jl2tp-apply watch").contains("--reconcile").contains("--quiet-period=SECONDS")
                .contains("--prune").contains("--output=FORMAT").contains("--netns").contains("--config").contains("--site")
                .contains("--lock-timeout").contains("0   ended by SIGTERM or SIGINT");
    }
}
