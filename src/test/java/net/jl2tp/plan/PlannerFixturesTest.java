package net.jl2tp.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jl2tp.apply.StateRecord;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.NetworkStateJson;
import net.jl2tp.validate.ConfigValidator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Planner fixtures in the style of nmstate's: a directory per case under
 * src/test/resources/plan with {@code desired.yaml} (a config file), {@code live.yaml} (the
 * kernel's state), optionally {@code record.json} (what jl2tp made) and {@code args} (e.g.
 * {@code --prune}), and the expected plan in all three renderings: {@code expected.txt},
 * {@code expected.json}, {@code expected.ip}.
 *
 * <p>Run with {@code -Djl2tp.fixtures.write=true} to write the expected files of a new case;
 * then read them line by line before committing: they are the specification.
 */
class PlannerFixturesTest {
    static final Path ROOT = Path.of("src/test/resources/plan");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static Plan planFor(Path dir) throws IOException, ConfigException {
        Desired desired = DesiredBuilder.build(
                ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(dir.resolve("desired.yaml")))));
        NetworkState live = NetworkStateJson.read(Files.readString(dir.resolve("live.yaml")));
        Path recordFile = dir.resolve("record.json");
        StateRecord record = Files.exists(recordFile)
                ? new StateRecord(NetworkStateJson.read(Files.readString(recordFile))) : StateRecord.empty();
        Path argsFile = dir.resolve("args");
        boolean prune = Files.exists(argsFile) && Files.readString(argsFile).contains("--prune");
        return Planner.plan(desired, live, record, prune);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void planMatchesTheFixture(String name) throws Exception {
        Path dir = ROOT.resolve(name);
        Plan plan = planFor(dir);
        check(dir.resolve("expected.txt"), PlanText.render(plan));
        check(dir.resolve("expected.json"), PlanJson.render(plan));
        check(dir.resolve("expected.ip"), PlanIp.render(plan));
    }

    private static void check(Path expectedFile, String actual) throws IOException {
        if (Boolean.getBoolean("jl2tp.fixtures.write")) {
            Files.writeString(expectedFile, actual);
        }
        assertThat(actual).as(expectedFile.toString()).isEqualTo(Files.readString(expectedFile));
    }
}
