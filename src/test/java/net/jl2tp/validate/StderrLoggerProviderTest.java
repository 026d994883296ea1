package net.jl2tp.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StderrLoggerProviderTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Logger logger = new StderrLoggerProvider.StderrLogger("org.hibernate.validator.x",
            new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jbossLoggingFindsItThroughTheServiceLoader() {
        assertThat(Logger.getLogger("net.jl2tp.test")).isInstanceOf(StderrLoggerProvider.StderrLogger.class);
    }

    @Test
    void warningsAndErrorsArePrintedOneLineEachWithTheToolsPrefix() {
        logger.warnf("HV%06d: %s", 42, "odd config");
        logger.error("broken", new IllegalStateException("why"));
        logger.fatalv("{0} and {1}", "one", "two");

        assertThat(printed()).isEqualTo("jl2tp-apply: org.hibernate.validator.x: warning: HV000042: odd config\n"
                + "jl2tp-apply: org.hibernate.validator.x: error: broken (java.lang.IllegalStateException: why)\n"
                + "jl2tp-apply: org.hibernate.validator.x: fatal: one and two\n");
    }

    @Test
    void infoDebugAndTraceGoNowhere() {
        logger.info("HV000001: Hibernate Validator 9");
        logger.debugf("%s", "detail");
        logger.trace("more");

        assertThat(logger.isInfoEnabled()).isFalse();
        assertThat(printed()).isEmpty();
    }

    /** The whole tool in a JVM of its own, where the validator boots: it announced its version on stderr before. */
    @Test
    void aValidRunPrintsNothingOnStderr(@TempDir Path dir) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "net.jl2tp.cli.Main", "validate", "-c", "examples/site-a.yaml"))
                .redirectInput(new File("/dev/null")).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within a minute").isTrue();

        assertThat(Files.readString(err)).isEmpty();
        assertThat(Files.readString(out)).startsWith("valid: ");
        assertThat(process.exitValue()).isZero();
    }
}
