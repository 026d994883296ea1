package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import net.jl2tp.model.Ownership;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.apply.UnreadableStateRecord;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of jl2tp-apply at 20 points of 200-object applies, on the real kernel. Three transitions
 * run in a cycle in one namespace: from empty to {@link ScaleConfig#full()} (creates), to
 * {@link ScaleConfig#changed()} (deletes, recreations, in-place changes) and back to empty (deletes).
 * One traced run of each counts its netlink sends; the kill points are then chosen across every kind
 * of request the three make (the middle of each run of one kind: tunnels, sessions, links made, link
 * settings, addresses, and their deletes), plus kills at a state-record write (the moment after a
 * step changed the kernel and before the record says so) and before the first request. Each kill is
 * followed by a plain apply of the same config, which must converge (a dry-run then shows nothing;
 * `ip` shows exactly what a clean run made), touch nothing foreign (a tunnel, its session and two
 * links made by `ip` keep their ifindex and settings), and leave a record that names exactly the
 * config's objects; right after the kill the record names nothing but objects of the two configs.
 */
@KernelTest
class KillNineKernelTest {
    private static final int KILLS = 20;
    /** Why it is on demand only. */
    static final String SLOW = "starts 20+ jl2tp-apply JVMs of their own under strace (tens of minutes under "
            + "emulation): JL2TP_ROBUSTNESS=1 src/test/vm/run-kernel-tests.sh runs it";
    private static final List<String> TRACE = List.of("-e", "trace=sendto,sendmsg,rename,renameat,renameat2");

    @TempDir
    Path tmp;

    record Transition(String name, ScaleConfig from, ScaleConfig to, Path file) {
    }

    /** Kill at the {@code ordinal}-th call of {@code syscall} (counted from strace's attach). */
    record Point(int transition, String syscall, int ordinal, String kind) {
        String inject() {
            return "inject=" + syscall + ":signal=SIGKILL:when=" + ordinal;
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "JL2TP_ROBUSTNESS", matches = "1", disabledReason = SLOW)
    // Under TCG on a shared machine one kill and its convergence take 2-4 minutes.
    @Timeout(value = 150, unit = java.util.concurrent.TimeUnit.MINUTES)
    void killedAtTwentyPointsOfA200ObjectApplyTheNextPlainApplyConverges() throws Exception {
        Path state = tmp.resolve("state");
        CliInNetns cli = new CliInNetns(state);
        List<Transition> transitions = List.of(
                new Transition("empty -> full", ScaleConfig.EMPTY, ScaleConfig.full(), write("full.yaml", ScaleConfig.full())),
                new Transition("full -> changed", ScaleConfig.full(), ScaleConfig.changed(),
                        write("changed.yaml", ScaleConfig.changed())),
                new Transition("changed -> empty", ScaleConfig.changed(), ScaleConfig.EMPTY,
                        write("empty.yaml", ScaleConfig.EMPTY)));
        try (Netns ns = Netns.create("kill")) {
            ns.ipBatch("link add under0 type dummy", "addr add 192.0.2.1/24 dev under0", "link set under0 up",
                    "link add lan0 type dummy", "link set lan0 up", "link add alien0 type dummy",
                    "addr add 203.0.113.250/32 dev alien0",
                    "l2tp add tunnel tunnel_id 900 peer_tunnel_id 901 encap udp local 192.0.2.1 remote 192.0.2.2"
                            + " udp_sport 9000 udp_dport 9001",
                    "l2tp add session name foreign0 tunnel_id 900 session_id 90 peer_session_id 91");
            Foreign foreign = Foreign.of(ns);

            // One clean traced run of each transition: the requests it makes, and what `ip` shows after it.
            List<List<TracedApply.Call>> counted = new ArrayList<>();
            List<String> reference = new ArrayList<>();
            for (int t = 0; t < transitions.size(); t++) {
                Transition tr = transitions.get(t);
                TracedApply.Result run = TracedApply.start(state, ns, "-c", tr.file().toString())
                        .go(tmp.resolve("count-" + t + ".strace"), TRACE, null);
                assertThat(run.exit()).as("clean run %s:\n%s", tr.name(), run.all()).isZero();
                assertThat(TracedApply.sendsOutsideMainThread(run.log())).as("sends from other threads").isZero();
                counted.add(run.calls());
                reference.add(KernelSnapshot.of(ns));
                assertRecordIs(ns, state, tr.to());
                foreign.assertUntouched(ns);
                System.out.printf("kill test: clean %s: %d sends (%s), %d record writes%n", tr.name(), run.sends().size(),
                        histogram(run.sends()), run.calls().stream().filter(TracedApply.Call::isRename).count());
            }

            List<Point> points = choose(counted);
            System.out.println("kill test: " + points.size() + " kill points: " + points);
            List<ArrayDeque<Point>> queues = new ArrayList<>();
            for (int t = 0; t < transitions.size(); t++) {
                int tt = t;
                queues.add(points.stream().filter(p -> p.transition() == tt).collect(Collectors.toCollection(ArrayDeque::new)));
            }

            Set<String> killedKinds = new TreeSet<>();
            int t = 0;
            int kill = 0;
            CompletableFuture<TracedApply.Child> next = startAsync(state, ns, transitions.get(0));
            while (queues.stream().anyMatch(q -> !q.isEmpty())) {
                Transition tr = transitions.get(t);
                Point point = queues.get(t).poll();
                int following = (t + 1) % transitions.size();
                if (point == null) {
                    next.join().go(tmp.resolve("plain-" + kill + ".strace"), TRACE, null);
                    next = startAsync(state, ns, transitions.get(following));
                    assertConverged(cli, ns, state, tr, reference.get(t), foreign);
                    t = following;
                    continue;
                }
                kill++;
                long started = System.nanoTime();
                TracedApply.Result run = next.join().go(tmp.resolve("kill-" + kill + ".strace"),
                        concat(TRACE, List.of("-e", point.inject())), null);
                next = startAsync(state, ns, transitions.get(following));

                TracedApply.assertKilledAt(run, point.syscall());
                String at = run.lastCall().isRename() ? "record write after " + lastSendKind(run) : run.lastCall().kind();
                killedKinds.add(at);
                assertRecordWithin(ns, state, tr.from(), tr.to());
                foreign.assertUntouched(ns);
                assertConverged(cli, ns, state, tr, reference.get(t), foreign);
                System.out.printf("kill test: kill %d in %s at %s #%d (%s): converged, %d ms%n", kill, tr.name(),
                        point.syscall(), point.ordinal(), at, (System.nanoTime() - started) / 1_000_000);
                t = following;
            }
            next.cancel(true);
            assertThat(kill).isGreaterThanOrEqualTo(KILLS);
            System.out.println("kill test: killed at " + killedKinds);
        }
    }

    private void assertConverged(CliInNetns cli, Netns ns, Path state, Transition tr, String reference, Foreign foreign)
            throws IOException, UnreadableStateRecord {
        CliInNetns.Result apply = cli.run(ns, "-c", tr.file().toString());
        assertThat(apply.exit()).as("the plain apply after the kill, %s:\n%s", tr.name(), apply.all()).isZero();
        CliInNetns.Result dry = cli.run(ns, "--dry-run", "--exit-code", "-c", tr.file().toString());
        assertThat(dry.exit()).as(dry.all()).isZero();
        assertThat(dry.out()).startsWith("in sync: nothing to change");
        assertThat(KernelSnapshot.of(ns)).as("ip shows what a clean %s made", tr.name()).isEqualTo(reference);
        assertRecordIs(ns, state, tr.to());
        foreign.assertUntouched(ns);
    }

    /**
     * Points spread over the three transitions, round robin, each transition's in this order: the
     * middle of each run of one kind of write request; a kill at the middle record write; the very
     * first request; the first request after the last write (the verifying read); then evenly spread.
     */
    static List<Point> choose(List<List<TracedApply.Call>> counted) {
        List<List<Point>> candidates = new ArrayList<>();
        Set<String> writeKinds = new TreeSet<>();
        for (int t = 0; t < counted.size(); t++) {
            List<TracedApply.Call> calls = counted.get(t);
            List<TracedApply.Call> sends = calls.stream().filter(TracedApply.Call::isSend).toList();
            LinkedHashSet<Integer> at = new LinkedHashSet<>(); // indexes into sends
            int runStart = -1;
            String runKind = null;
            int lastWrite = -1;
            List<int[]> runs = new ArrayList<>();
            for (int i = 0; i < sends.size(); i++) {
                String kind = sends.get(i).kind();
                if (!TracedApply.Kinds.isWrite(kind)) {
                    continue;
                }
                writeKinds.add(kind);
                if (!kind.equals(runKind)) {
                    if (runKind != null) {
                        runs.add(new int[] {runStart, lastWrite});
                    }
                    runKind = kind;
                    runStart = i;
                }
                lastWrite = i;
            }
            if (runKind != null) {
                runs.add(new int[] {runStart, lastWrite});
            }
            List<Point> list = new ArrayList<>();
            for (int[] run : runs) {
                at.add(middleWriteBetween(sends, run[0], run[1]));
            }
            List<Integer> order = new ArrayList<>(at);
            for (int i : order) {
                list.add(sendPoint(t, sends, i));
            }
            List<TracedApply.Call> renames = calls.stream().filter(TracedApply.Call::isRename).toList();
            if (!renames.isEmpty()) {
                TracedApply.Call r = renames.get(renames.size() / 2);
                list.add(new Point(t, r.name(), ordinal(renames, renames.size() / 2), "record write"));
            }
            list.add(sendPoint(t, sends, 0));
            if (lastWrite + 1 < sends.size()) {
                list.add(sendPoint(t, sends, lastWrite + 1));
            }
            for (int k = 1; k < 8; k++) {
                list.add(sendPoint(t, sends, sends.size() * k / 8));
            }
            candidates.add(list.stream().distinct().toList());
        }
        LinkedHashSet<Point> chosen = new LinkedHashSet<>();
        for (int round = 0; chosen.size() < KILLS && round < 50; round++) {
            for (List<Point> list : candidates) {
                if (round < list.size() && chosen.size() < KILLS) {
                    chosen.add(list.get(round));
                }
            }
        }
        // Every kind of write that the runs make is killed at least once, even beyond 20 points.
        Set<String> covered = chosen.stream().map(Point::kind).collect(Collectors.toSet());
        for (List<Point> list : candidates) {
            for (Point p : list) {
                if (TracedApply.Kinds.isWrite(p.kind()) && covered.add(p.kind())) {
                    chosen.add(p);
                }
            }
        }
        assertThat(covered).as("kill points cover every kind of write").containsAll(writeKinds);
        return new ArrayList<>(chosen);
    }

    /** The middle write request between two send indexes (reads, such as waits for a delete, are skipped). */
    private static int middleWriteBetween(List<TracedApply.Call> sends, int first, int last) {
        List<Integer> writes = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            if (TracedApply.Kinds.isWrite(sends.get(i).kind())) {
                writes.add(i);
            }
        }
        return writes.get(writes.size() / 2);
    }

    private static Point sendPoint(int t, List<TracedApply.Call> sends, int index) {
        TracedApply.Call call = sends.get(index);
        return new Point(t, call.name(), ordinal(sends, index), call.kind());
    }

    /** 1-based: which call of its own syscall this is (strace counts per syscall). */
    private static int ordinal(List<TracedApply.Call> calls, int index) {
        String name = calls.get(index).name();
        int n = 0;
        for (int i = 0; i <= index; i++) {
            if (calls.get(i).name().equals(name)) {
                n++;
            }
        }
        return n;
    }

    private static String lastSendKind(TracedApply.Result run) {
        List<TracedApply.Call> sends = run.sends();
        return sends.isEmpty() ? "nothing" : sends.get(sends.size() - 1).kind();
    }

    private static String histogram(List<TracedApply.Call> sends) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        sends.forEach(c -> counts.merge(c.kind(), 1L, Long::sum));
        return counts.toString();
    }

    private static CompletableFuture<TracedApply.Child> startAsync(Path state, Netns ns, Transition tr) {
        return CompletableFuture.supplyAsync(() -> TracedApply.start(state, ns, "-c", tr.file().toString()));
    }

    private Path write(String name, ScaleConfig config) throws IOException {
        return Files.writeString(tmp.resolve(name), config.yaml());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static Ownership record(Netns ns, Path state) throws IOException, UnreadableStateRecord {
        try (Kernel kernel = Kernel.open(Optional.of(ns.name()))) {
            return StateDirectory.forReading(state).record(NetnsId.of(Optional.of(ns.name()), kernel)).load();
        } catch (NetlinkException e) {
            throw new IOException(e);
        }
    }

    private static Set<String> sessionKeys(Ownership r) {
        return r.owned().sessions().keySet().stream().map(k -> k.tunnelId() + "/" + k.sessionId())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static void assertRecordIs(Netns ns, Path state, ScaleConfig config) throws IOException, UnreadableStateRecord {
        Ownership r = record(ns, state);
        assertThat(r.owned().tunnels().keySet()).as("record: tunnels").containsExactlyInAnyOrderElementsOf(config.tunnels());
        assertThat(sessionKeys(r)).as("record: sessions").containsExactlyInAnyOrderElementsOf(config.sessions());
        assertThat(r.owned().links().keySet()).as("record: links").containsExactlyInAnyOrderElementsOf(config.links());
        assertThat(r.owned().foreignPorts()).as("record: foreign ports")
                .isEqualTo(config.lanPort() ? Map.of("lan0", "br0") : Map.of());
    }

    /** Right after a kill: only objects of the run's two configs, never a foreign one. */
    static void assertRecordWithin(Netns ns, Path state, ScaleConfig from, ScaleConfig to)
            throws IOException, UnreadableStateRecord {
        Ownership r = record(ns, state);
        assertThat(r.owned().tunnels().keySet()).as("record after the kill: tunnels")
                .isSubsetOf(union(from.tunnels(), to.tunnels()));
        assertThat(sessionKeys(r)).as("record after the kill: sessions").isSubsetOf(union(from.sessions(), to.sessions()));
        assertThat(r.owned().links().keySet()).as("record after the kill: links").isSubsetOf(union(from.links(), to.links()));
        assertThat(r.owned().foreignPorts().keySet()).as("record after the kill: foreign ports")
                .isSubsetOf(from.lanPort() || to.lanPort() ? Set.of("lan0") : Set.of());
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The objects made by `ip` before any run: their ifindex and settings must never change. */
    record Foreign(String lan0, String alien0, String foreign0, String tunnel, String alienAddress) {
        static Foreign of(Netns ns) {
            return new Foreign(KernelSnapshot.ifindex(ns, "lan0"), KernelSnapshot.ifindex(ns, "alien0"),
                    KernelSnapshot.ifindex(ns, "foreign0"), tunnel900(ns.ip("l2tp show tunnel")),
                    ns.ip("-o addr show dev alien0"));
        }

        /** `ip l2tp show tunnel tunnel_id 900` lists every tunnel on iproute2 6.1: cut out 900's block. */
        private static String tunnel900(String all) {
            int start = all.indexOf("Tunnel 900,");
            if (start < 0) {
                return "";
            }
            int end = all.indexOf("\nTunnel ", start);
            return all.substring(start, end < 0 ? all.length() : end + 1);
        }

        void assertUntouched(Netns ns) {
            assertThat(of(ns)).as("the objects made by ip").isEqualTo(this);
        }
    }
}
