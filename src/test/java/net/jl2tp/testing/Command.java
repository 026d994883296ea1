package net.jl2tp.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command for a test (the {@code ip} command, {@code ping}...), with stdin from
 * /dev/null, stdout and stderr captured, and a time limit. The product itself never runs them.
 */
public final class Command {

    /** Time limit of {@link #run(String...)} and {@link #exec(String...)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Reads the commands' outputs: threads of its own, not the common ForkJoinPool, which has a
     * single thread on a 2-CPU VM (stdout and stderr would be read one after the other) and whose
     * blocking joins would let JUnit's parallel executor start extra tests.
     */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "command-output");
        t.setDaemon(true);
        return t;
    });

    private Command() {
    }

    /** What a finished command did. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        public boolean ok() {
            return exitCode == 0;
        }

        /** This result when the command exited 0; otherwise an AssertionError that shows it all. */
        public Result orFail() {
            if (!ok()) {
                throw new AssertionError("command failed (exit " + exitCode + "): " + describe());
            }
            return this;
        }

        /** The command line, its exit code and both outputs, for messages. */
        public String describe() {
            return String.join(" ", command) + "\n--- exit code: " + exitCode
                    + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr + "---";
        }
    }

    /** Runs the command; a non-zero exit code is returned, not thrown. */
    public static Result exec(String... command) {
        return exec(DEFAULT_TIMEOUT, List.of(command));
    }

    /** Runs the command and returns its stdout; a non-zero exit code is an AssertionError. */
    public static String run(String... command) {
        return exec(command).orFail().stdout();
    }

    /**
     * Runs the command; a non-zero exit code is returned, not thrown. A command that cannot start,
     * or runs past the timeout (it is then killed), is an AssertionError.
     */
    public static Result exec(Duration timeout, List<String> command) {
        return exec(timeout, command, null);
    }

    /**
     * Like {@link #exec(Duration, List)}, with {@code input} as the command's stdin (null: /dev/null).
     */
    public static Result exec(Duration timeout, List<String> command, String input) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (input == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        if (input != null) {
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the command exited without reading it all: its exit code and outputs tell why
            }
        }
        CompletableFuture<String> out = readAsync(process.getInputStream());
        CompletableFuture<String> err = readAsync(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("command timed out after " + timeout.toSeconds() + " s, killed: "
                        + new Result(command, -1, out.join(), err.join()).describe());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
        return new Result(List.copyOf(command), process.exitValue(), out.join(), err.join());
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, READERS);
    }
}
