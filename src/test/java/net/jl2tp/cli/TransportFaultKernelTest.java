package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The netlink socket failing on the real kernel: answers lost in the middle of a batch (strace
 * makes the reads of the second acknowledgement fail with ENOBUFS; the kernel had taken all three
 * requests), and a receive buffer that net.core.rmem_max would make too small for a batch's
 * acknowledgements.
 */
@KernelTest
class TransportFaultKernelTest {
    private static final String[] UNDERLAY = {"link add under0 type dummy", "addr add 192.0.2.1/24 dev under0",
        "link set under0 up"};

    @TempDir
    Path tmp;

    /** {@code tunnels} tunnels of {@code sessions} sessions each, over under0. */
    private static String config(int tunnels, int sessions) {
        StringBuilder y = new StringBuilder("l2tp:\n  version: 1\n  tunnels:\n");
        for (int t = 0; t < tunnels; t++) {
            y.append("    t").append(t).append(":\n      tunnel-id: ").append(3000 + t).append("\n      peer-tunnel-id: ")
                    .append(4000 + t).append("\n      local: 192.0.2.1\n      remote: 192.0.2.2\n      udp-source-port: ")
                    .append(5000 + t).append("\n      udp-destination-port: ").append(6000 + t).append("\n      sessions:\n");
            for (int s = 0; s < sessions; s++) {
                y.append("        s").append(t).append('x').append(s).append(":\n          session-id: ").append(1000 + s)
                        .append("\n          peer-session-id: ").append(2000 + s).append('\n');
            }
        }
        return y.toString();
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void anAnswerLostInTheMiddleOfABatchIsReadBackAndWhatTheKernelTookIsUndone() throws Exception {
        Path config = Files.writeString(tmp.resolve("three.yaml"), config(3, 1));
        Path empty = Files.writeString(tmp.resolve("empty.yaml"), "l2tp: {version: 1}\n");
        Path state = tmp.resolve("state");
        List<String> trace = List.of("-e", "trace=sendto,recvfrom");
        try (Netns ns = Netns.create("lost")) {
            ns.ipBatch(UNDERLAY);
            String before = KernelSnapshot.of(ns);
            // A clean run, to count the reads before the batch of three tunnel creates; then back to empty.
            TracedApply.Result clean = TracedApply.start(state, ns, "-c", config.toString())
                    .go(tmp.resolve("clean.strace"), trace, null);
            assertThat(clean.exit()).as(clean.all()).isZero();
            // strace does not name these genl types here: the batch is the first send answered by
            // three acknowledgements (six reads: a peek and a read each).
            int reads = readsBeforeTheFirstBatchOf(3, clean.calls());
            CliInNetns.Result back = new CliInNetns(state).run(ns, "-c", empty.toString());
            assertThat(back.exit()).as(back.out() + back.err()).isZero();
            assertThat(KernelSnapshot.of(ns)).isEqualTo(before);

            // Each answer is read with a peek for its size, then the read: the third read is the second
            // answer's peek. An injected error drops nothing, so the read after it fails too: else
            // jl2tp would find the rest of the answers still queued, and nothing lost.
            int second = reads + 3;
            TracedApply.Result lost = TracedApply.start(state, ns, "-c", config.toString()).go(tmp.resolve("lost.strace"),
                    List.of("-e", "trace=sendto,recvfrom", "-e", "inject=recvfrom:error=ENOBUFS:when=" + second + ".." + (second + 1)),
                    null);

            assertThat(lost.exit()).as(lost.all()).isEqualTo(ExitCode.FAILED);
            assertThat(lost.err()).as(lost.all()).hasLineCount(1)
                    .contains("step 2 of ", "create tunnel 3001", "failed: the netlink socket lost the kernel's answer ("
                            + "receive from netlink (network namespace " + ns.name() + "): ENOBUFS (No buffer space available)")
                    .contains(". The 3 steps that were done were undone: the kernel is as it was before this run")
                    .doesNotContain("Nothing was changed");
            assertThat(KernelSnapshot.of(ns)).isEqualTo(before);
            assertThat(KillNineKernelTest.record(ns, state).owned().tunnels()).isEmpty();
        }
    }

    /**
     * With net.core.rmem_max at 4 KiB, SO_RCVBUF would give the socket 8 KiB: too little for the
     * acknowledgements of a datagram of 64 session creates. jl2tp forces its buffer
     * (SO_RCVBUFFORCE, root), and the apply goes through.
     */
    private static int readsBeforeTheFirstBatchOf(int requests, List<TracedApply.Call> calls) {
        int reads = 0;
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).isSend()) {
                int acks = 0;
                while (i + 1 + acks < calls.size() && calls.get(i + 1 + acks).name().equals("recvfrom")
                        && calls.get(i + 1 + acks).kind().endsWith("NLMSG_ERROR")) {
                    acks++;
                }
                if (acks == 2 * requests) {
                    return reads;
                }
            } else if (calls.get(i).name().equals("recvfrom")) {
                reads++;
            }
        }
        throw new AssertionError("no send answered by " + requests + " acknowledgements among the main thread's calls: "
                + calls.stream().map(c -> c.name() + " " + c.kind()).toList());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aLowRmemMaxDoesNotStarveTheBatchesAcknowledgements() throws Exception {
        Path config = Files.writeString(tmp.resolve("many.yaml"), config(1, 100));
        String saved = sh("cat " + RMEM_MAX).trim();
        try (Netns ns = Netns.create("rmem")) {
            ns.ipBatch(UNDERLAY);
            setRmemMax("4096");

            CliInNetns.Result apply = new CliInNetns(tmp.resolve("state")).run(ns, "-c", config.toString());

            assertThat(apply.exit()).as(apply.out() + apply.err()).isZero();
            assertThat(ns.ip("l2tp", "show", "session").lines().filter(l -> l.startsWith("Session ")).count()).isEqualTo(100);
        } finally {
            setRmemMax(saved);
        }
    }

    private static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");

    /** A global setting of the VM's kernel: set with the shell, as sysctl would. */
    private static void setRmemMax(String value) throws Exception {
        sh("echo " + value + " > " + RMEM_MAX);
        assertThat(sh("cat " + RMEM_MAX).trim()).isEqualTo(value);
    }

    private static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s: %s", command, said).isZero();
        return said;
    }
}
