package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** try, confirm and rollback as the command line reads them: usage errors stop before any kernel or file is reached. */
class TryCommandLineTest {
    /** A usage error stops before the kernel, the state directory and the watcher: CliTest's access fails on each. */
    private static CliTest.Result run(String line) {
        return CliTest.run(CliTest.NO_KERNEL, line.split(" "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "try --timeout 0|--timeout must be 1 to 86400 seconds (a day), not 0",
        "try --timeout 86401|--timeout must be 1 to 86400 seconds (a day), not 86401",
        "try --timeout -5|--timeout must be 1 to 86400 seconds (a day), not -5",
        "try --lock-timeout 86401|--lock-timeout must be 0 to 86400 seconds (a day), not 86401",
        "try --extend 60 --config /etc/jl2tp/a.yaml|--extend goes alone (with --netns at most)",
        "try --extend 60 --candidate /root/a.yaml|--extend goes alone (with --netns at most)",
        "try --extend 60 --prune|--extend goes alone (with --netns at most)",
        "try --extend 0|--extend must be 1 to 86400 seconds (a day), not 0",
        "try --candidate /root/a.yaml --config /etc/jl2tp/a.yaml|--candidate takes the search path and puts the file in it; --config replaces the search path: give one or the other",
        "--dry-run try|--dry-run is an option of the apply, not of try: give try's options after it",
        "--prune try|--prune is an option of the apply, not of try: give try's options after it",
        "--config /etc/jl2tp/a.yaml confirm|--config is an option of the apply, not of confirm",
        "--dry-run rollback|--dry-run is an option of the apply, not of rollback",
        "confirm --extend 0|--extend must be 1 to 86400 seconds (a day), not 0",
        "confirm --extend 86401|--extend must be 1 to 86400 seconds (a day), not 86401",
        "confirm --lock-timeout -1|--lock-timeout must be 0 to 86400 seconds (a day), not -1",
        "rollback --timeout 5|Unknown options: '--timeout', '5'",
        "try --timeout soon|Invalid value for option '--timeout'",
        "try -o yaml|Invalid value for option '--output'",
        "try --candidate /nonexistent/10-site.yaml|jl2tp-apply: cannot read the candidate: /nonexistent/10-site.yaml is not a regular file",
    })
    void aUsageErrorExitsTwoNamingTheOptionWithoutAStackTrace(String line, String message) {
        CliTest.Result r = run(line);

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void tryHelpListsItsOptions() {
        CliTest.Result r = run("try --help");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("Usage: jl2tp-apply try").contains("--timeout=SECONDS").contains("--extend=SECONDS")
                .contains("--candidate=FILE").contains("--config").contains("--prune").contains("--netns")
                .contains("--output=FORMAT").contains("--lock-timeout=SECONDS")
                .contains("confirm");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void confirmAndRollbackHelpListTheirOptions() {
        CliTest.Result confirm = run("confirm --help");
        CliTest.Result rollback = run("rollback --help");

        assertThat(confirm.exit()).isZero();
        assertThat(confirm.out()).contains("Usage: jl2tp-apply confirm").contains("--extend=SECONDS").contains("--netns");
        assertThat(rollback.exit()).isZero();
        assertThat(rollback.out()).contains("Usage: jl2tp-apply rollback").contains("--netns").doesNotContain("--extend");
    }

    @Test
    void exitCodeFourIsATryPendingAndHelpSaysSo() {
        CliTest.Result r = run("--help");

        assertThat(ExitCode.TRY_PENDING).isEqualTo(4);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("(?m)^\\s*4\\s+a try is pending in the namespace: confirm or roll it back first$");
        assertThat(r.out()).contains("try").contains("confirm").contains("rollback");
    }

    @Test
    void theWatcherIsNotListedAmongTheCommands() {
        CliTest.Result r = run("--help");

        assertThat(r.out()).doesNotContain("try-watcher");
    }
}
