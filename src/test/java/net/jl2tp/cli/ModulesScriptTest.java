package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/main/sh/jl2tp-modules reads the config directories before jl2tp-apply does: a FIFO or a
 * link to /dev/zero there must not stop it. The script runs with its directories pointed at a
 * test directory and a modprobe that only logs what it was asked to load.
 */
class ModulesScriptTest {
    private static final String DIRECTORIES = "/usr/lib/jl2tp/*.yaml /etc/jl2tp/*.yaml /run/jl2tp/*.yaml";

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES) // a safety net; the script must not wait at all
    void specialFilesAreSkippedAndRegularOnesStillRead() throws Exception {
        Path config = Files.createDirectory(tmp.resolve("config"));
        Files.writeString(config.resolve("10-site.yaml"), "l2tp:\n  tunnels:\n    t: { encap: ip }\n");
        assertThat(new ProcessBuilder("mkfifo", config.resolve("00-fifo.yaml").toString()).start().waitFor()).isZero();
        Files.createSymbolicLink(config.resolve("01-zero.yaml"), Path.of("/dev/zero"));
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        Path log = tmp.resolve("modprobe.log");
        Path modprobe = Files.writeString(bin.resolve("modprobe"), "#!/bin/sh\necho \"$@\" >> " + log + "\n");
        Files.setPosixFilePermissions(modprobe, PosixFilePermissions.fromString("rwxr-xr-x"));
        String script = Files.readString(Path.of("src/main/sh/jl2tp-modules"));
        assertThat(script).contains(DIRECTORIES);
        Path copy = Files.writeString(tmp.resolve("jl2tp-modules"), script.replace(DIRECTORIES, config + "/*.yaml"));

        ProcessBuilder builder = new ProcessBuilder("sh", copy.toString()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        boolean ended = process.waitFor(20, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(ended).as("jl2tp-modules ended; output: %s", output).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(log)).contains("l2tp_netlink", "l2tp_eth", "l2tp_ip", "l2tp_ip6");
    }
}
