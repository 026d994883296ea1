package net.jl2tp.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apply lock between processes: a second run waits, then fails naming the holder's pid. */
class ApplyLockTest {
    @TempDir
    Path tmp;

    /** Holds the lock in its own process until its standard input closes. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            boolean shared = args.length > 1 && args[1].equals("shared");
            try (ApplyLock lock = shared ? ApplyLock.acquireShared(file, Duration.ZERO) : ApplyLock.acquire(file, Duration.ZERO)) {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // hold until the test closes our stdin
                }
            } catch (ApplyLock.Busy e) {
                System.out.println("busy");
            }
        }
    }

    private Process holder(Path file) throws Exception {
        return holder(file, "exclusive");
    }

    private Process holder(Path file, String kind) throws Exception {
        Process process = start(file, kind);
        assertThat(firstLine(process)).isEqualTo("locked");
        return process;
    }

    private static Process start(Path file, String kind) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), file.toString(), kind)
                .redirectErrorStream(true).start();
    }

    private static String firstLine(Process process) throws Exception {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void aSecondRunWaitsThenFailsNamingTheHoldersPid() throws Exception {
        Path file = tmp.resolve("run/jl2tp/lock");
        Process holder = holder(file);
        try {
            long started = System.nanoTime();
            assertThatThrownBy(() -> ApplyLock.acquire(file, Duration.ofMillis(300)))
                    .isInstanceOf(ApplyLock.Busy.class)
                    .hasMessage("another jl2tp-apply (pid " + holder.pid() + ") holds " + file
                            + "; waited 0 s (--lock-timeout)");
            assertThat(System.nanoTime() - started).as("it waited").isGreaterThanOrEqualTo(300_000_000L);
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (ApplyLock lock = ApplyLock.acquire(file, Duration.ofSeconds(5))) {
            assertThat(Files.readString(file).strip()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void aKilledHolderLeavesNoLockBehind() throws Exception {
        Path file = tmp.resolve("lock");
        Process holder = holder(file);
        holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        try (ApplyLock lock = ApplyLock.acquire(file, Duration.ofSeconds(5))) {
            assertThat(Files.readString(file).strip()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void aSecondApplyInTheSameProcessWaitsToo() throws Exception {
        Path file = tmp.resolve("lock");
        try (ApplyLock first = ApplyLock.acquire(file, Duration.ZERO)) {
            assertThatThrownBy(() -> ApplyLock.acquire(file, Duration.ofMillis(100))).isInstanceOf(ApplyLock.Busy.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
    }

    private static void release(Process holder) throws Exception {
        holder.getOutputStream().close();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Two watches read at once (another process's shared lock does not stop this one's); an apply waits for them. */
    @Test
    void sharedHoldersDoNotExcludeEachOtherButExcludeAnApply() throws Exception {
        Path file = tmp.resolve("lock");
        try (ApplyLock apply = ApplyLock.acquire(file, Duration.ZERO)) {
            assertThat(Files.readString(file).strip()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
        assertThat(Files.readString(file)).as("an apply's pid goes with its lock").isEmpty();
        Process watch = holder(file, "shared");
        try {
            try (ApplyLock second = ApplyLock.acquireShared(file, Duration.ZERO)) {
                Process other = start(file, "shared");
                assertThat(firstLine(other)).as("a third reader, in another process").isEqualTo("locked");
                release(other);
                Process apply = start(file, "exclusive");
                assertThat(firstLine(apply)).as("an apply in another process").isEqualTo("busy");
                assertThat(apply.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThatThrownBy(() -> ApplyLock.acquire(file, Duration.ofMillis(200))).as("an apply while a watch reads")
                    .isInstanceOf(ApplyLock.Busy.class)
                    .hasMessage("a jl2tp-apply watch reading the kernel holds " + file + "; waited 0 s (--lock-timeout)");
            assertThat(Files.readString(file)).as("a reader writes no pid").isEmpty();
            // An apply waiting within its --lock-timeout gets the lock once the reading is over.
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    release(watch);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long started = System.nanoTime();
            release.start();
            try (ApplyLock apply = ApplyLock.acquire(file, Duration.ofSeconds(20))) {
                assertThat(System.nanoTime() - started).as("it waited for the reading").isGreaterThanOrEqualTo(300_000_000L);
            }
            release.join();
        } finally {
            watch.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anApplyExcludesAWatchsReading() throws Exception {
        Path file = tmp.resolve("lock");
        Process apply = holder(file, "exclusive");
        try {
            assertThatThrownBy(() -> ApplyLock.acquireShared(file, Duration.ofMillis(200))).isInstanceOf(ApplyLock.Busy.class);
        } finally {
            release(apply);
        }
        try (ApplyLock reading = ApplyLock.acquireShared(file, Duration.ZERO)) {
            assertThat(Files.readString(file)).as("the apply's pid went with its lock").isEmpty();
        }
    }
}
