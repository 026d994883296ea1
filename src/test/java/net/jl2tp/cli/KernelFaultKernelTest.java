package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jl2tp.apply.ApplyLock;
import net.jl2tp.netlink.NetlinkClient;
import net.jl2tp.netlink.TwoHosts;
import net.jl2tp.testing.Command;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the kernel's side, each a clear message, exit 1 and the kernel as `ip` showed it before
 * the run (`ip -d link`, `ip addr`, `ip l2tp show tunnel/session`). An interface name taken by a
 * foreign link is in {@link ApplyKernelTest}; the l2tp modules missing in
 * {@link L2tpModulesMissingKernelTest}.
 */
@KernelTest
class KernelFaultKernelTest {

    @TempDir
    Path tmp;

    private CliInNetns.Result jl2tp(Netns ns, String... args) {
        return new CliInNetns(tmp.resolve("state")).run(ns, args);
    }

    @Test
    void aTunnelIdTakenByAForeignTunnelThatDiffersStopsTheApplyBeforeItsFirstChange() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            hosts.a.ip("l2tp add tunnel tunnel_id 3000 peer_tunnel_id 9999 encap udp local 192.0.2.1 remote 192.0.2.2"
                    + " udp_sport 5000 udp_dport 6000");
            String before = KernelSnapshot.of(hosts.a);

            CliInNetns.Result apply = jl2tp(hosts.a, "-c", "examples/site-a.yaml");

            assertThat(apply.exit()).as(apply.all()).isEqualTo(ExitCode.FAILED);
            assertThat(apply.all()).contains("tunnel-id 3000 is taken by a tunnel jl2tp did not make, and it differs:",
                    "peer-tunnel-id", "examples/site-a.yaml:", "jl2tp-apply: nothing applied: the plan has conflicts");
            assertThat(KernelSnapshot.of(hosts.a)).isEqualTo(before);
            assertThat(KillNineKernelTest.record(hosts.a, tmp.resolve("state")).owned().tunnels()).isEmpty();
        }
    }

    @Test
    void aBridgeNameTakenByAForeignLinkStopsTheApplyBeforeItsFirstChange() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            hosts.a.ipBatch("link add br0 type dummy", "link add eth0 type dummy");
            String before = KernelSnapshot.of(hosts.a);

            CliInNetns.Result apply = jl2tp(hosts.a, "-c", "examples/bridged.yaml");

            assertThat(apply.exit()).as(apply.all()).isEqualTo(ExitCode.FAILED);
            assertThat(apply.all()).contains("interface name br0 is taken by a link jl2tp did not make",
                    "examples/bridged.yaml:", "nothing applied");
            assertThat(KernelSnapshot.of(hosts.a)).isEqualTo(before);
        }
    }

    /**
     * The second tunnel's local address goes away after jl2tp has started and looked up its paths:
     * the test holds the apply lock until the run waits for it (its thread is seen inside
     * ApplyLock.acquire), removes the address, and lets it go. The two tunnel creates go in one
     * batch: the second is refused with EADDRNOTAVAIL and the first is undone.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aLocalAddressRemovedAfterTheRunStartedFailsAndUndoesTheRun() throws Exception {
        Path config = Files.writeString(tmp.resolve("two.yaml"), TwoHosts.EARLY_AND_LATE_TUNNELS);
        try (TwoHosts hosts = TwoHosts.create()) {
            Netns a = hosts.a;
            a.ip("addr add 198.51.100.1/24 dev pw0");
            String before = KernelSnapshot.of(a);
            String removed = "address pw0 inet 198.51.100.1/24\n";
            assertThat(before).contains(removed);

            CompletableFuture<CliInNetns.Result> run;
            Thread[] runner = new Thread[1];
            try (ApplyLock held = ApplyLock.acquire(tmp.resolve("state/lock"), Duration.ZERO)) {
                run = new CompletableFuture<>();
                runner[0] = new Thread(() -> run.complete(jl2tp(a, "-c", config.toString())), "apply");
                runner[0].start();
                assertThat(TracedApply.waitUntil(Duration.ofMinutes(5), () -> Arrays.stream(runner[0].getStackTrace())
                        .anyMatch(f -> f.getClassName().equals(ApplyLock.class.getName()) && f.getMethodName().equals("acquire"))))
                        .as("the run waits for the lock").isTrue();
                assertThat(a.ip("l2tp show tunnel")).as("nothing made yet").isEmpty();
                a.ip("addr del 198.51.100.1/24 dev pw0");
            }
            CliInNetns.Result result = run.get(5, TimeUnit.MINUTES);

            assertThat(result.exit()).as(result.all()).isEqualTo(ExitCode.FAILED);
            assertThat(result.err()).contains("step 2 of", "create tunnel 3001", "two.yaml:", "EADDRNOTAVAIL",
                    "local address 198.51.100.1 is not configured here",
                    "The step before it was undone: the kernel is as it was before this run").doesNotContain("Exception");
            assertThat(KernelSnapshot.of(a)).isEqualTo(before.replace(removed, ""));
            assertThat(KillNineKernelTest.record(a, tmp.resolve("state")).owned().tunnels()).isEmpty();
        }
    }

    /**
     * rtnetlink marks a part of a link dump NLM_F_DUMP_INTR when the link list changed since the
     * dump began. Here 300 links make the dump long (many parts, each read held 100 ms by strace)
     * while a churn thread adds and deletes a link until strace has shown such a part: jl2tp reads
     * the dump again and the run succeeds as if nothing happened.
     */
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void anInterruptedDumpIsReadAgainAndTheApplySucceeds() throws Exception {
        try (Netns ns = bigNamespace()) {
            TracedApply.Child child = TracedApply.start(tmp.resolve("state"), ns, "-c", "examples/site-a.yaml");
            Path log = tmp.resolve("retry.strace");
            TracedApply.Result run = child.go(log, List.of("-e", "trace=sendto,sendmsg,recvfrom",
                    "-e", "inject=recvfrom:delay_exit=100000"), () -> churnUntil(ns,
                            () -> readQuietly(log).contains("NLM_F_DUMP_INTR"), Duration.ofSeconds(120)));

            assertThat(run.exit()).as(run.all()).isZero();
            assertThat(run.out()).contains("+ create tunnel 3000", "the kernel matches the config");
            // The dump request before the first interrupted part is sent again right after it.
            List<TracedApply.Call> calls = run.calls();
            int interrupted = -1;
            for (int i = 0; i < calls.size(); i++) {
                if (calls.get(i).name().equals("recvfrom") && calls.get(i).text().contains("NLM_F_DUMP_INTR")) {
                    interrupted = i;
                    break;
                }
            }
            assertThat(interrupted).as("strace saw an interrupted dump part").isNotNegative();
            // No request goes out while a dump's parts come in, so the send before the part is the
            // dump's (strace, attached late, may not know the socket's protocol to name it).
            String dumped = lastSendBefore(calls, interrupted);
            assertThat(firstSendAfter(calls, interrupted)).as("the dump is asked for again").isEqualTo(dumped);
            assertThat(ns.ip("l2tp show tunnel")).contains("Tunnel 3000,");
            CliInNetns.Result dry = jl2tp(ns, "--dry-run", "--exit-code", "-c", "examples/site-a.yaml");
            assertThat(dry.exit()).as(dry.all()).isZero();
        }
    }

    /**
     * The same with the churn going on for the whole run: every attempt is interrupted, and after
     * {@link NetlinkClient#MAX_DUMP_ATTEMPTS} jl2tp gives up with a clear message, before changing anything.
     */
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aDumpInterruptedAtEveryAttemptFailsClearlyWithNothingChanged() throws Exception {
        try (Netns ns = bigNamespace()) {
            TracedApply.Child child = TracedApply.start(tmp.resolve("state"), ns, "-c", "examples/site-a.yaml");
            String before = KernelSnapshot.of(ns);
            AtomicBoolean done = new AtomicBoolean();
            CompletableFuture<Void> churn = new CompletableFuture<>();
            TracedApply.Result run = child.go(tmp.resolve("fail.strace"), List.of("-e", "trace=sendto,sendmsg,recvfrom",
                    "-e", "inject=recvfrom:delay_exit=100000"), () -> CompletableFuture.runAsync(() -> {
                        churnUntil(ns, done::get, Duration.ofMinutes(5));
                        churn.complete(null);
                    }));
            done.set(true);
            churn.get(2, TimeUnit.MINUTES);

            assertThat(run.exit()).as(run.all()).isEqualTo(ExitCode.FAILED);
            assertThat(run.err()).contains("the dump was interrupted " + NetlinkClient.MAX_DUMP_ATTEMPTS + " times in a row",
                    "the kernel's state kept changing while it was read; try again").doesNotContain("Exception");
            assertThat(run.out()).doesNotContain("+ create");
            assertThat(KernelSnapshot.of(ns)).isEqualTo(before);
            assertThat(Files.exists(tmp.resolve("state"))
                    && KillNineKernelTest.record(ns, tmp.resolve("state")).owned().tunnels().size() > 0).isFalse();
        }
    }

    /** Site A's underlay (pw0, 192.0.2.1/24, a route to 192.0.2.2) and 300 dummy links. */
    private static Netns bigNamespace() {
        Netns ns = Netns.create("dumpintr");
        List<String> batch = new ArrayList<>(List.of("link add pw0 type dummy", "addr add 192.0.2.1/24 dev pw0",
                "link set pw0 up"));
        for (int i = 0; i < 300; i++) {
            batch.add("link add bulk" + i + " type dummy");
        }
        ns.ipBatch(batch.toArray(String[]::new));
        return ns;
    }

    /** Adds and deletes a link, 20 times a batch, until the condition holds (checked between batches). */
    private static void churnUntil(Netns ns, java.util.function.BooleanSupplier stop, Duration limit) {
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            pairs.append("link add churn0 type dummy\nlink del churn0\n");
        }
        long end = System.nanoTime() + limit.toNanos();
        while (!stop.getAsBoolean() && System.nanoTime() < end) {
            Command.exec(Duration.ofSeconds(60), List.of("ip", "-n", ns.name(), "-batch", "-"), pairs.toString()).orFail();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastSendBefore(List<TracedApply.Call> calls, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (calls.get(i).isSend()) {
                return calls.get(i).kind();
            }
        }
        return "none";
    }

    private static String firstSendAfter(List<TracedApply.Call> calls, int index) {
        for (int i = index + 1; i < calls.size(); i++) {
            if (calls.get(i).isSend()) {
                return calls.get(i).kind();
            }
        }
        return "none";
    }
}
