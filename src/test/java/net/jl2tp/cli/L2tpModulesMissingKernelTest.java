package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jl2tp.netlink.TwoHosts;
import net.jl2tp.testing.Command;
import net.jl2tp.testing.KernelTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * jl2tp-apply on a kernel without the L2TP modules: one line that says to load them, exit 1, and
 * nothing changed. Rather than a second VM boot with JL2TP_VM_NO_L2TP=1 (a minute more of CI for
 * one JVM start), the test unloads the modules in the running VM, alone ({@link Isolated}: no other
 * test runs meanwhile), with the kernel's module autoloader pointed at /bin/false, and loads them
 * again afterwards with the initramfs's own modprobe (the guest's root is the host's, whose
 * /lib/modules is not this kernel's).
 */
@KernelTest
@Isolated("unloads the l2tp modules of the whole VM")
class L2tpModulesMissingKernelTest {
    private static final List<String> MODULES = List.of("l2tp_eth", "l2tp_ip6", "l2tp_ip", "l2tp_netlink", "l2tp_core");
    private static final Path AUTOLOADER = Path.of("/proc/sys/kernel/modprobe");

    @TempDir
    Path tmp;

    @Test
    void withoutTheL2tpModulesTheApplySaysToLoadThemAndChangesNothing() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            String before = KernelSnapshot.of(hosts.a);
            String autoloader = Files.readString(AUTOLOADER).strip();
            try {
                Files.writeString(AUTOLOADER, "/bin/false\n");
                unload();
                assertThat(Path.of("/sys/module/l2tp_netlink")).doesNotExist();

                CliInNetns.Result apply = new CliInNetns(tmp.resolve("state")).run(hosts.a, "-c", "examples/site-a.yaml");

                assertThat(apply.exit()).as(apply.all()).isEqualTo(ExitCode.FAILED);
                assertThat(apply.err()).isEqualTo("jl2tp-apply: resolve generic netlink family l2tp: ENOENT (No such file"
                        + " or directory): the kernel has no such family; load the L2TP modules: modprobe l2tp_eth"
                        + " (encap: ip also needs l2tp_ip, and l2tp_ip6 over IPv6)\n");
                assertThat(apply.out()).isEmpty();
                assertThat(Path.of("/sys/module/l2tp_netlink")).as("nothing loaded them").doesNotExist();
                assertThat(tmp.resolve("state")).doesNotExist();
            } finally {
                Files.writeString(AUTOLOADER, autoloader + "\n");
                for (String module : MODULES) {
                    Command.exec("chroot", "/proc/1/root", "/sbin/modprobe", module).orFail();
                }
            }
            assertThat(Path.of("/sys/module/l2tp_netlink")).exists();
            assertThat(KernelSnapshot.of(hosts.a)).isEqualTo(before);
        }
    }

    /** rmmod, retried while namespaces that other tests deleted still let go of their tunnels. */
    private static void unload() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Command.Result last = null;
        for (String module : MODULES) {
            while (Files.exists(Path.of("/sys/module", module))) {
                last = Command.exec("rmmod", module);
                if (!last.ok()) {
                    if (System.nanoTime() > end) {
                        Assumptions.abort("cannot unload " + module + " within 60 s: " + last.describe());
                    }
                    Thread.sleep(500);
                }
            }
        }
    }
}
