package net.jl2tp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jl2tp.model.Ownership;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.Problem;
import net.jl2tp.model.NetworkState;
import net.jl2tp.plan.Desired;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.plan.MtuResolver;
import net.jl2tp.plan.PathFacts;
import net.jl2tp.plan.Plan;
import net.jl2tp.export.PlanIp;
import net.jl2tp.export.PlanText;
import net.jl2tp.plan.Planner;
import net.jl2tp.validate.ConfigValidator;

/**
 * Any bytes, as a config file, go the way {@code jl2tp-apply validate} takes them (ConfigLoader,
 * then ConfigValidator) and give either a valid config or a ConfigException whose problems point
 * into that file, never another exception. A valid config must also build the desired state and
 * plan against an empty kernel with no routes, as apply does next: the validator may not pass what those refuse.
 * The seeds hold inputs at the loader's limits (a value of 256 and 257 characters, nesting 32 and
 * 33 deep, numbers of 20 and 21 digits, stacks of 8 and 9 devices) and the non-ASCII values that
 * once passed.
 *
 * <p>Seeds: ConfigLoaderFuzzTestInputs/ beside this class in src/test/resources (the examples and
 * the bad-config files). {@code mvn verify} fuzzes this for 60 s (README "Fuzzing").
 */
class ConfigLoaderFuzzTest {
    /** The exceptions that may leave loading and validation: the product's own, and nothing else. */
    static final List<Class<? extends Exception>> ALLOWED = List.of(ConfigException.class);

    /** One file, rewritten for every input: the loader reads paths, as the CLI gives them. */
    private static final Path FILE = scratchFile();

    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveAConfigOrConfigProblems(byte[] bytes) throws IOException {
        Files.write(FILE, bytes);
        check(FILE);
    }

    /** The property, for a file on disk; the regression tests of findings call it too. */
    static void check(Path file) {
        L2tpConfig config;
        try {
            config = ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(file)));
        } catch (RuntimeException | Error e) {
            // The product's own exception is checked below; nothing else may escape.
            throw new AssertionError("validate let " + e + " escape; only " + ALLOWED + " may", e);
        } catch (ConfigException e) {
            assertThat(e.problems()).as("a ConfigException names its problems").isNotEmpty();
            for (Problem problem : e.problems()) {
                assertThat(problem.mark().file()).isEqualTo(file.toString());
                assertThat(problem.mark().line()).isPositive();
                assertThat(problem.mark().column()).isPositive();
                assertThat(problem.message()).isNotBlank();
                e.sources().line(problem.mark().file(), problem.mark().line()); // the caret line, as printed
            }
            return;
        }
        assertThat(config.summary()).isNotEmpty();
        Desired desired = MtuResolver.resolve(DesiredBuilder.build(config), new PathFacts(Map.of(), Set.of()));
        // Conflicts are possible (a bridge port naming an interface the kernel lacks), exceptions not.
        Plan plan = Planner.plan(desired, NetworkState.empty(), Ownership.empty(), false);
        PlanText.render(plan);
        PlanIp.render(plan);
    }

    private static Path scratchFile() {
        try {
            Path dir = Files.createTempDirectory("jl2tp-fuzz-config");
            Path file = dir.resolve("fuzz.yaml");
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
