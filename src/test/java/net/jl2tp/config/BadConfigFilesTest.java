package net.jl2tp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jl2tp.validate.ConfigValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One file per bad input under src/test/resources/config/bad, and in expected.tsv the exact
 * problems it must give: file, line, column, message. Every problem of a file comes out at once,
 * so a file's expected rows are compared as a whole list.
 */
class BadConfigFilesTest {
    static final Path DIR = Path.of("src/test/resources/config/bad");

    static Map<String, List<String>> expectations() throws IOException {
        Map<String, List<String>> byFile = new LinkedHashMap<>();
        for (String row : Files.readAllLines(DIR.resolve("expected.tsv"))) {
            if (row.isBlank()) {
                continue;
            }
            String[] cols = row.split("\t", 4);
            byFile.computeIfAbsent(cols[0], k -> new ArrayList<>())
                    .add(DIR.resolve(cols[0]) + ":" + cols[1] + ":" + cols[2] + ": " + cols[3]);
        }
        return byFile;
    }

    static Stream<Arguments> badFiles() throws IOException {
        return expectations().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void reportsExactlyTheExpectedProblems(String file, List<String> expected) {
        LoadedConfig loaded = ConfigLoader.loadPaths(List.of(DIR.resolve(file)));
        List<String> actual = new ArrayList<>();
        try {
            ConfigValidator.requireValidForEverySite(loaded);
        } catch (ConfigException e) {
            e.problems().forEach(p -> actual.add(p.toString()));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void everyBadFileHasExpectations() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).toList();
            assertThat(expectations().keySet()).containsExactlyInAnyOrderElementsOf(names);
            assertThat(names).hasSizeGreaterThanOrEqualTo(40);
        }
    }
}
