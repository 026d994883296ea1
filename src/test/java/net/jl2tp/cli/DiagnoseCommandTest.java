package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jl2tp.export.SceneKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diagnose on the command line, over the captured scene (which does not move: every delta is 0). */
class DiagnoseCommandTest {
    @TempDir
    Path tmp;

    private KernelAccess scene() {
        return ShowStatusHarness.access(netns -> SceneKernel.open(), tmp.resolve("state"));
    }

    /** A config naming one session the scene has not got. */
    private Path config() throws Exception {
        return Files.writeString(tmp.resolve("gone.yaml"), """
                l2tp:
                  version: 1
                  tunnels:
                    gone:
                      tunnel-id: 3099
                      peer-tunnel-id: 4099
                      local: 192.0.2.1
                      remote: 192.0.2.2
                      udp-source-port: 5099
                      udp-destination-port: 6099
                      sessions:
                        pw-gone: { session-id: 1099, peer-session-id: 2099 }
                """);
    }

    @Test
    void anIntervalOutOfBoundsIsAUsageError() {
        for (String interval : new String[] {"0", "3601", "-1"}) {
            ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "diagnose", "--interval", interval);

            assertThat(r.exit()).as(interval).isEqualTo(ExitCode.INVALID);
            assertThat(r.err()).startsWith("jl2tp-apply: --interval must be 1 to 3600 seconds (an hour), not "
                    + interval + "\n");
            assertThat(r.out()).isEmpty();
        }
        assertThat(ShowStatusHarness.run(scene(), "diagnose", "--interval", "soon").err())
                .contains("Invalid value for option '--interval'");
    }

    @Test
    void theSceneStandingStillHasNoTrafficAnInterfaceDownAndAConfiguredSessionMissing() throws Exception {
        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "diagnose", "--interval", "1", "--config",
                config().toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Counters sampled 1 s apart.\n\n"
                + "TUNNEL  SESSION  INTERFACE     VERDICT\n"
                + "  3000     1000  l2tpeth0      no-traffic\n"
                + "  3001     1001  pw-cisco      no-traffic\n"
                + "  3002     1002  l2tpeth2      no-traffic\n"
                + "  3003     1003  pw-badcookie  no-traffic\n"
                + "  3003     1004  pw-down       interface-down\n"
                + "  3004     1005  pw-dead       no-traffic\n"
                + "  3099     1099  pw-gone       missing\n")
                .contains("\nsession 3003/1004 (pw-down): interface pw-down is down\n")
                .contains("\nsession 3099/1099 (pw-gone): configured but not in the kernel\n");
    }

    @Test
    void jsonHasTheVerdictsAndWithoutAValidConfigOnlyTheKernelsSessions() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "l2tp: {version: 1, tunnels: {x: {}}}\n");

        ShowStatusHarness.Result r = ShowStatusHarness.run(scene(), "diagnose", "--interval", "1", "-o", "json",
                "--config", bad.toString());

        assertThat(r.exit()).isEqualTo(ExitCode.PROBLEM_FOUND); // pw-down
        assertThat(r.err()).isEqualTo("jl2tp-apply: diagnosing the kernel's sessions only, without the config: the "
                + "config does not validate (jl2tp-apply validate lists its problems)\n");
        assertThat(r.out()).startsWith("{\n  \"interval-seconds\": 1,\n  \"sessions\": [\n")
                .contains("\"verdict\": \"no-traffic\"", "\"verdict\": \"interface-down\"", "\"counters-went-back\": false",
                        "\"rx-cookie-discards\": 0")
                .doesNotContain("pw-gone")
                .endsWith("  ],\n  \"problem\": true\n}\n");
    }
}
