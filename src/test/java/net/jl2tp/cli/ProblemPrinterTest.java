package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.validate.ConfigValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text output stays bounded: so many problems and no more, source lines clipped around the caret. */
class ProblemPrinterTest {
    @TempDir
    Path tmp;

    @Test
    void manyProblemsOnOneLongLineAreCutAndEachCaretStaysOnItsPlace() throws IOException {
        String tunnels = IntStream.range(0, 200).mapToObj(i -> "tunnel-" + i + ": {}").collect(Collectors.joining(", "));
        Path file = Files.writeString(tmp.resolve("one-line.yaml"), "l2tp: {version: 1, tunnels: {" + tunnels + "}}\n");
        ConfigException invalid = invalid(file);
        assertThat(invalid.problems()).hasSizeGreaterThan(ProblemPrinter.MAX_PRINTED);

        StringWriter text = new StringWriter();
        ProblemPrinter.text(new PrintWriter(text), invalid.problems(), invalid.sources());

        List<String> lines = text.toString().lines().toList();
        assertThat(lines.get(lines.size() - 2)).isEqualTo("... and " + (invalid.problems().size() - ProblemPrinter.MAX_PRINTED)
                + " more problems (the first 100 are shown; --output json lists them all)");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(invalid.problems().size() + " problems");
        assertThat(lines).hasSize(3 * ProblemPrinter.MAX_PRINTED + 2);
        for (int i = 0; i < ProblemPrinter.MAX_PRINTED; i++) {
            String message = lines.get(3 * i);
            String shown = lines.get(3 * i + 1);
            int caret = lines.get(3 * i + 2).indexOf('^');
            assertThat(shown.length()).isLessThanOrEqualTo(4 + ProblemPrinter.MAX_LINE + 6);
            String label = message.replaceAll(".*tunnel '([^']*)'.*", "$1");
            assertThat(shown.substring(caret)).as(message).startsWith(label + ": {}");
        }
    }

    private static ConfigException invalid(Path file) {
        try {
            ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(file)));
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("the config was valid");
    }
}
