package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line as a user meets it: output, carets, JSON, exit codes, and never a stack trace. */
class CliTest {
    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(exit, out.toString(), err.toString());
    }

    @TempDir
    Path tmp;

    @Test
    void validExampleExitsZeroWithASummary() {
        Result r = run("validate", "--config", "examples/vlan-per-bridge.yaml");

        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEqualTo("valid: 1 tunnel, 1 session, 1 bridge, 2 vlans in 1 file\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void severalConfigPathsAreCountedTogether() throws IOException {
        Path extra = Files.writeString(tmp.resolve("extra.yaml"), """
                l2tp:
                  version: 1
                  tunnels:
                    to-site-c:
                      tunnel-id: 3001
                      peer-tunnel-id: 4001
                      encap: ip
                      local: "2001:db8::1"
                      remote: "2001:db8::3"
                      sessions:
                        pw-c: { session-id: 1001, peer-session-id: 2001 }
                """);

        Result r = run("validate", "-c", "examples/site-a.yaml", "-c", extra.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("valid: 2 tunnels, 2 sessions, 0 bridges, 0 vlans in 2 files\n");
    }

    @Test
    void twoExamplesOfOneSiteConflictAndBothPlacesAreNamed() {
        Result r = run("validate", "-c", "examples/site-a.yaml", "-c", "examples/ipv6-underlay.yaml");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).startsWith("examples/ipv6-underlay.yaml:10:5: tunnel 'to-site-b' is already defined at "
                + "examples/site-a.yaml:13:5; define each object in one place\n");
    }

    @Test
    void invalidConfigExitsTwoWithFileLineColumnTheLineAndACaret() {
        Result r = run("validate", "--config", "src/test/resources/config/bad/tunnel-id-zero.yaml");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("""
                src/test/resources/config/bad/tunnel-id-zero.yaml:5:18: tunnel-id 0 must be in 1..4294967295 (a 32-bit id; 0 is reserved)
                          tunnel-id: 0
                                     ^
                1 problem
                """);
    }

    @Test
    void jsonOutputListsEveryProblem() {
        Result r = run("validate", "-o", "json", "-c", "src/test/resources/config/bad/udp-ports-missing.yaml");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        String file = "src/test/resources/config/bad/udp-ports-missing.yaml";
        assertThat(r.out()).isEqualTo("[\n"
                + "  {\"file\": \"" + file + "\", \"line\": 4, \"column\": 5, \"message\": \"tunnel 'to-b' uses UDP "
                + "encapsulation and needs 'udp-destination-port'\"},\n"
                + "  {\"file\": \"" + file + "\", \"line\": 4, \"column\": 5, \"message\": \"tunnel 'to-b' uses UDP "
                + "encapsulation and needs 'udp-source-port'\"}\n"
                + "]\n");
    }

    @Test
    void jsonOutputOfAValidConfigIsAnEmptyArray() {
        Result r = run("validate", "-o", "json", "-c", "examples/site-a.yaml");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("[]\n");
    }

    static Stream<Path> badFiles() throws IOException {
        return Files.list(Path.of("src/test/resources/config/bad")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void noBadInputPrintsAJavaException(Path file) {
        Result r = run("validate", "-c", file.toString());

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).startsWith(file + ":").contains("^").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void usageErrorExitsTwoWithAHint() {
        Result r = run("--no-such-option");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).isEqualTo("jl2tp-apply: Unknown option: '--no-such-option'\n"
                + "Try 'jl2tp-apply --help' for more information.\n");
    }

    @Test
    void badOutputFormatIsAUsageError() {
        Result r = run("validate", "--output", "xml");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).startsWith("jl2tp-apply: Invalid value for option '--output'")
                .endsWith("Try 'jl2tp-apply validate --help' for more information.\n");
    }

    @Test
    void helpAndVersionExitZero() {
        Result help = run("--help");
        Result version = run("--version");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: jl2tp-apply").contains("validate").contains("--dry-run")
                .contains("Exit codes:");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).matches("jl2tp-apply \\d+\\.\\d+\\.\\d+.*\n");
    }

    @Test
    void namingOneSubcommandBuildsOnlyThatOne() {
        assertThat(Main.commandLine(NO_KERNEL, new String[] {"validate", "-c", "x.yaml"}).getSubcommands())
                .containsOnlyKeys("validate");
        assertThat(Main.commandLine(NO_KERNEL, new String[] {"--help", "validate"}).getSubcommands())
                .containsOnlyKeys("validate", "show", "status", "diagnose", "render", "schema", "try", "confirm", "rollback", "try-watcher", "watch");
        assertThat(Main.commandLine(NO_KERNEL, new String[] {"--dry-run"}).getSubcommands())
                .containsOnlyKeys("validate", "show", "status", "diagnose", "render", "schema", "try", "confirm", "rollback", "try-watcher", "watch");
    }

    /** The tree built for some arguments must read them exactly as the whole tree does. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "validate -c x.yaml", "show", "status -o json", "--config validate", "--netns show --dry-run",
        "--help validate", "validate --help", "-h show", "validate show", "show validate", "--version status",
        "--dry-run", "", "valdate", "validate --bogus", "--bogus validate", "-c validate validate",
        "render --site hub -o table", "--site hub render", "render", "--dry-run --site hub"})
    void theTreeBuiltForTheArgumentsParsesThemAsTheWholeTreeDoes(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");

        assertThat(parsed(Main.commandLine(NO_KERNEL, args), args))
                .isEqualTo(parsed(Main.commandLine(), args));
    }

    /** What a parse found (the commands, their matched options and values, the help asked for), or its error. */
    private static String parsed(picocli.CommandLine cli, String[] args) {
        try {
            StringBuilder found = new StringBuilder();
            for (picocli.CommandLine command : cli.parseArgs(args).asCommandLineList()) {
                found.append(command.getCommandName()).append(':');
                picocli.CommandLine.ParseResult result = command.getParseResult();
                for (picocli.CommandLine.Model.OptionSpec option : result.matchedOptions()) {
                    found.append(' ').append(option.longestName()).append('=').append((Object) option.getValue());
                }
                if (command.isUsageHelpRequested()) {
                    found.append(" help: ").append(command.getUsageMessage());
                }
                found.append('\n');
            }
            return found.toString();
        } catch (picocli.CommandLine.ParameterException e) {
            return "error: " + e.getMessage() + " in " + e.getCommandLine().getCommandName();
        }
    }

    /** A kernel that must not be reached: an invalid config stops before it. */
    static final KernelAccess NO_KERNEL = new KernelAccess() {
        @Override
        public net.jl2tp.kernel.Kernel open(java.util.Optional<String> netns) {
            throw new AssertionError("the kernel was opened");
        }

        @Override
        public Path stateDirectory() {
            throw new AssertionError("the state directory was used");
        }
    };

    static Result run(KernelAccess access, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err), access);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void applyWithAnInvalidConfigExitsTwoWithoutOpeningTheKernel() {
        Result r = run(NO_KERNEL, "--config", "src/test/resources/config/bad/tunnel-id-zero.yaml");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).startsWith("src/test/resources/config/bad/tunnel-id-zero.yaml:5:18: tunnel-id 0");
    }

    @Test
    void dryRunWithAnInvalidConfigExitsTwoWithoutOpeningTheKernel() {
        Result r = run(NO_KERNEL, "--dry-run", "--exit-code", "-c", "src/test/resources/config/bad/version-2.yaml");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("version 2 is not supported");
    }

    @Test
    void exitCodeWithoutDryRunIsAUsageError() {
        Result r = run(NO_KERNEL, "--exit-code", "-c", "examples/site-a.yaml");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).startsWith("jl2tp-apply: --exit-code goes with --dry-run\n");
    }

    /** Once ArithmeticException (exit 1) when a deadline was computed from the largest long. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"--lock-timeout, 9223372036854775807", "--lock-timeout, 86401",
        "--lock-timeout, -1", "--wait-online, 9223372036854775807", "--wait-online, 86401", "--wait-online, -1"})
    void secondsOutOfTheirBoundsAreAUsageError(String option, String seconds) {
        Result r = run(NO_KERNEL, option, seconds, "-c", "examples/site-a.yaml");

        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).startsWith("jl2tp-apply: " + option + " must be 0 to 86400 seconds (a day), not "
                + seconds + "\n");
    }

    @Test
    void noConfigFilesIsValidButSaidOnStderr() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("jl2tp"));
        Path file = Files.writeString(empty.resolve("x.yaml"), "l2tp:\n  version: 1\n");

        Result r = run("validate", "-c", file.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("valid: 0 tunnels, 0 sessions, 0 bridges, 0 vlans in 1 file\n");
    }
}
