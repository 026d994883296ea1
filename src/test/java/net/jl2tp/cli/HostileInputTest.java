package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile config input ends in bounded time, memory and output: {@code jl2tp-apply validate} in a
 * JVM of its own with a 256 MB heap (the cases once took 5.9 GB, or ran out of memory with exit 1,
 * or hung) must exit 2 with the limit's message and less than {@link #MAX_STDERR} bytes of
 * stderr (one case once printed 200 MB). The JUnit timeout is a safety net, not a speed test.
 */
class HostileInputTest {
    static final int MAX_STDERR = 200_000;

    private record Case(String name, Function<Path, Path> make, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("a tunnel-id of 1 000 000 digits", dir -> write(dir, "l2tp:\n  version: 1\n  tunnels:\n"
                        + "    t:\n      tunnel-id: " + "9".repeat(1_000_000) + "\n"),
                        "this key or value is 1000000 characters long; jl2tp reads keys and values of up to 256"),
                new Case("1 500 empty tunnels on one line", dir -> write(dir, "l2tp: {version: 1, tunnels: {"
                        + String.join(", ", Stream.iterate(0, i -> i + 1).limit(1500)
                                .map(i -> "tunnel-number-" + i + ": {}").toList()) + "}}\n"),
                        "more problems (the first 100 are shown; --output json lists them all)"),
                new Case("a list of 30 MB", dir -> write(dir, "l2tp:\n  version: 1\n  bridges:\n    br0:\n"
                        + "      interfaces: [" + "a,".repeat(15_000_000) + "a]\n"),
                        "cannot read the file: it is 30000061 bytes; jl2tp reads config files of up to 4194304 bytes"),
                new Case("a list of 250 000 items in 1 MB", dir -> write(dir, "l2tp:\n  version: 1\n  bridges:\n"
                        + "    br0:\n      interfaces: [" + "a,".repeat(250_000) + "a]\n"),
                        "this file has more than 200000 keys, values, lists and mappings"),
                new Case("a key of 8 MB", dir -> write(dir, "l2tp:\n  version: 1\n  \"" + "k".repeat(8_000_000)
                        + "\": 1\n"), "jl2tp reads config files of up to 4194304 bytes"),
                new Case("a value of 3 MB", dir -> write(dir, "l2tp:\n  version: 1\n  tunnels:\n    t:\n"
                        + "      local: \"" + "k".repeat(3_000_000) + "\"\n"), "this key or value is 3000000 characters long"),
                new Case("lists nested 100 000 deep", dir -> write(dir, "l2tp: " + "[".repeat(100_000)
                        + "]".repeat(100_000) + "\n"), "lists and mappings are nested more than 32 deep here"),
                new Case("a chain of 20 000 vlans", dir -> write(dir, "l2tp:\n  version: 1\n  vlans:\n"
                        + String.join("", Stream.iterate(1, i -> i + 1).limit(20_000)
                                .map(i -> "    v" + i + ": {link: v" + (i - 1) + ", id: 5}\n").toList())),
                        "vlan 'v8' on 'v7' would be device 9 of the stack v0 -> v1 -> v2 -> v3 -> v4 -> v5 -> v6 -> v7 -> v8"),
                new Case("a FIFO in the config directory", dir -> special(dir, "mkfifo"),
                        "it is a FIFO, not a regular file; jl2tp reads config from regular files only"),
                new Case("a link to /dev/zero in the config directory", dir -> special(dir, "ln"),
                        "it is a character device, not a regular file; jl2tp reads config from regular files only"))
                .map(Arguments::of);
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // a safety net: a hang fails here, not in CI's timeout
    void endsWithExitTwoAndABoundedMessage(Case hostile) throws Exception {
        Path config = hostile.make().apply(Files.createDirectory(tmp.resolve("config")));
        Path stderr = tmp.resolve("stderr");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "validate", "--config", config.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("validate did not end in 90 s");
        }
        assertThat(Files.size(stderr)).as("bytes of stderr").isLessThan(MAX_STDERR);
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(err).isEqualTo(ExitCode.INVALID);
        assertThat(err).contains(hostile.message()).doesNotContain("Exception", "Error:");
    }

    private static Path write(Path dir, String text) {
        try {
            return Files.writeString(dir.resolve("site.yaml"), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A directory holding a.yaml and a special b.yaml: a FIFO ("mkfifo") or a link to /dev/zero. */
    private static Path special(Path dir, String kind) {
        write(dir, "l2tp: {version: 1}\n");
        Path file = dir.resolve("b.yaml");
        List<String> command = kind.equals("mkfifo") ? List.of("mkfifo", file.toString())
                : List.of("ln", "-s", "/dev/zero", file.toString());
        try {
            Process made = new ProcessBuilder(command).inheritIO().start();
            assertThat(made.waitFor()).isZero();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
        return dir;
    }
}
