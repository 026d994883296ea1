package net.jl2tp.plan;

import net.jl2tp.export.PlanIp;

import net.jl2tp.export.PlanJson;

import net.jl2tp.export.PlanText;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.jl2tp.testing.PlanFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every planner fixture (see {@link PlanFixture} for a fixture's files) planned and rendered: the
 * expected plan in all three renderings, {@code expected.txt}, {@code expected.json} and
 * {@code expected.ip}.
 *
 * <p>Run with {@code -Djl2tp.fixtures.write=true} to write the expected files of a new case;
 * then read them line by line before committing: they are the specification.
 */
class PlannerFixturesTest {

    static Stream<String> cases() throws IOException {
        return PlanFixture.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void planMatchesTheFixture(String name) throws Exception {
        PlanFixture fixture = PlanFixture.load(name);
        Plan plan = fixture.plan();
        Path dir = fixture.dir();
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
