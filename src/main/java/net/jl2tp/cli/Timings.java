package net.jl2tp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a run's time went, for --timings (the benchmark reads it): the JVM's start (process start
 * to main), then each stage from the end of the one before, and the peak resident memory.
 * Printed as one line on stderr: {@code timings: jvm 0.41 s, load+validate 0.52 s, ..., max-rss 143 MB}.
 */
final class Timings {
    /** When main() began; set once by Main. */
    static volatile long mainStartNanos = System.nanoTime();

    private final boolean enabled;
    private final Map<String, Long> stages = new LinkedHashMap<>();
    private long last = mainStartNanos;

    Timings(boolean enabled) {
        this.enabled = enabled;
    }

    static Timings off() {
        return new Timings(false);
    }

    static void mainStarted() {
        mainStartNanos = System.nanoTime();
    }

    /** Ends the stage called {@code name} now (times add up if a stage is marked twice). */
    void mark(String name) {
        long now = System.nanoTime();
        stages.merge(name, now - last, Long::sum);
        last = now;
    }

    void print(PrintWriter err) {
        if (!enabled) {
            return;
        }
        StringBuilder b = new StringBuilder("timings:");
        jvmStart().ifPresent(d -> b.append(" jvm ").append(seconds(d.toNanos())).append(','));
        stages.forEach((name, nanos) -> b.append(' ').append(name).append(' ').append(seconds(nanos)).append(','));
        b.append(" total-in-main ").append(seconds(System.nanoTime() - mainStartNanos));
        peakRss().ifPresent(kb -> b.append(", max-rss ").append(kb / 1024).append(" MB"));
        err.println(b);
        err.flush();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /**
     * Process start (the launcher's exec included) to main, from /proc: the process's start in
     * clock ticks since boot and the system's uptime now, both exact to 10 ms. Not ProcessHandle's
     * start instant: it adds the boot time, which /proc gives in whole seconds (off by up to 1 s).
     */
    private static Optional<Duration> jvmStart() {
        try {
            return Optional.of(jvmStart(Files.readString(Path.of("/proc/self/stat")),
                    Files.readString(Path.of("/proc/uptime")), System.nanoTime() - mainStartNanos));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** From the texts of /proc/self/stat and /proc/uptime, read {@code sinceMainNanos} after main began. */
    static Duration jvmStart(String stat, String uptime, long sinceMainNanos) {
        // The name in parentheses may hold spaces; starttime is field 22, the 20th after it.
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long startCentis = Long.parseLong(afterName[19]) * 100 / CLOCK_TICKS_PER_SECOND;
        long uptimeCentis = Math.round(Double.parseDouble(uptime.trim().split(" ")[0]) * 100);
        long mainCentis = uptimeCentis - sinceMainNanos / 10_000_000;
        return Duration.ofMillis(Math.max(0, mainCentis - startCentis) * 10);
    }

    /** USER_HZ: 100 on every Linux architecture jl2tp runs on (sysconf(_SC_CLK_TCK)). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** VmHWM of /proc/self/status, in kB. */
    private static Optional<Long> peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
