package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimingsTest {
    @Test
    void jvmStartIsFromTheProcessStartTicksToMainOnTheUptimeClock() {
        // Fields 4-21 zero, starttime (field 22) 123456 ticks = 1234.56 s after boot; the name has spaces and ')'.
        String stat = "4242 (my (odd) name) S" + " 0".repeat(18) + " 123456 0 0 0\n";

        Duration jvm = Timings.jvmStart(stat, "1240.50 2000.00\n", 200_000_000L);

        assertThat(jvm).isEqualTo(Duration.ofMillis(5740)); // main at 1240.30 s
    }

    @Test
    void printsEveryMarkedStageInOrderWithTheJvmAndPeakMemory() {
        Timings timings = new Timings(true);
        timings.mark("load+validate");
        timings.mark("dump");
        StringWriter err = new StringWriter();

        timings.print(new PrintWriter(err));

        assertThat(err.toString()).matches("timings: jvm \\d+\\.\\d{3} s, load\\+validate \\d+\\.\\d{3} s, "
                + "dump \\d+\\.\\d{3} s, total-in-main \\d+\\.\\d{3} s, max-rss \\d+ MB\n");
    }

    @Test
    void printsNothingWhenOff() {
        StringWriter err = new StringWriter();

        Timings.off().print(new PrintWriter(err));

        assertThat(err.toString()).isEmpty();
    }
}
