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
            try (ApplyLock lock = ApplyLock.acquire(Path.of(args[0]), Duration.ZERO)) {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // hold until the test closes our stdin
                }
            }
        }
    }

    private Process holder(Path file) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        return process;
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
}
