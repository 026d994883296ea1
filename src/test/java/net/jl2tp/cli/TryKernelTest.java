package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.jl2tp.json.JsonReader;
import net.jl2tp.netlink.TwoHosts;
import net.jl2tp.testing.Command;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jl2tp-apply try against the real kernel: the rollback armed in a watcher process of its own
 * (setsid: the VM's init is not systemd) restores the exact before-state at the deadline, whatever
 * becomes of the try's own process; confirm keeps a try; rollback, --extend, the refusals while a
 * try is pending, an incomplete rollback, and traffic across the pseudowire before, during and
 * after a bad try. Site A is jl2tp's (host a of TwoHosts); site B, the peer, is made by `ip`.
 */
@KernelTest
class TryKernelTest {
    @TempDir
    Path tmp;

    /** Site A before the try: two tunnels, three sessions of one, two bridges. */
    static final String BEFORE = """
            l2tp:
              version: 1
              tunnels:
                main:
                  tunnel-id: 10
                  peer-tunnel-id: 20
                  local: 192.0.2.1
                  remote: 192.0.2.2
                  udp-source-port: 5000
                  udp-destination-port: 6000
                  sessions:
                    l2tpeth0:
                      session-id: 1
                      peer-session-id: 2
                      cookie: 0a0b0c0d
                      peer-cookie: 0d0c0b0a
                      mtu: 1400
                      addresses: [203.0.113.1/24]
                    pw1:
                      session-id: 3
                      peer-session-id: 4
                      mtu: 1400
                      addresses: [198.51.100.1/24]
                    pw2: { session-id: 5, peer-session-id: 6, mtu: 1400 }
                old:
                  tunnel-id: 11
                  peer-tunnel-id: 21
                  local: 192.0.2.1
                  remote: 192.0.2.2
                  udp-source-port: 5001
                  udp-destination-port: 6001
                  sessions:
                    pw3: { session-id: 7, peer-session-id: 8, mtu: 1400, l2spec-type: none }
              bridges:
                br0: { interfaces: [pw1] }
                br1: {}
            """;

    /**
     * The tried config: l2tpeth0 made again with a new cookie, pw1's address changed and pw1 moved
     * from br0 to br1, pw2's mtu changed and a vlan added on it, tunnel 'old' removed; with --prune,
     * the foreign tunnel 99 goes too.
     */
    static final String TRIED = """
            l2tp:
              version: 1
              tunnels:
                main:
                  tunnel-id: 10
                  peer-tunnel-id: 20
                  local: 192.0.2.1
                  remote: 192.0.2.2
                  udp-source-port: 5000
                  udp-destination-port: 6000
                  sessions:
                    l2tpeth0:
                      session-id: 1
                      peer-session-id: 2
                      cookie: 1a1b1c1d
                      peer-cookie: 0d0c0b0a
                      mtu: 1400
                      addresses: [203.0.113.1/24]
                    pw1:
                      session-id: 3
                      peer-session-id: 4
                      mtu: 1400
                      addresses: [198.51.100.2/24]
                    pw2: { session-id: 5, peer-session-id: 6, mtu: 1300 }
              vlans:
                pw2.7: { link: pw2, id: 7 }
              bridges:
                br0: {}
                br1: { interfaces: [pw1] }
            """;

    private final List<Process> children = new ArrayList<>();

    /** A test that failed half-way leaves no child behind (the watchers end with their namespace). */
    @AfterEach
    void endChildren() {
        children.forEach(Process::destroyForcibly);
    }

    private CliInNetns.Result jl2tp(Netns ns, String... args) {
        return new CliInNetns(tmp.resolve("state")).run(ns, args);
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    /** Site A applied from BEFORE, and a foreign tunnel 99 with a session, made by `ip`. */
    private void siteABefore(Netns a) throws IOException {
        CliInNetns.Result apply = jl2tp(a, "-c", file("before.yaml", BEFORE).toString());
        assertThat(apply.exit()).as(apply.all()).isZero();
        a.ip("l2tp add tunnel tunnel_id 99 peer_tunnel_id 99 encap udp local 192.0.2.1 remote 192.0.2.2 "
                + "udp_sport 5099 udp_dport 6099");
        a.ip("l2tp add session name foreign0 tunnel_id 99 session_id 9 peer_session_id 9 cookie 01020304");
        a.ip("link set foreign0 up mtu 1380");
    }

    /** The try's deadline and, once rolled back, when that ended: from status -o json. */
    private record TryState(String phase, Instant deadline, Instant ended, List<?> wouldDo, List<?> notRestored) {
    }

    private TryState tryState(Netns ns) {
        CliInNetns.Result status = jl2tp(ns, "status", "-o", "json");
        assertThat(status.exit()).as(status.all()).isZero();
        Object t = ((Map<?, ?>) JsonReader.parse(status.out())).get("try");
        if (t == null) {
            return null;
        }
        Map<?, ?> m = (Map<?, ?>) t;
        return new TryState((String) m.get("phase"), Instant.parse((String) m.get("deadline")),
                m.get("ended") == null ? null : Instant.parse((String) m.get("ended")), (List<?>) m.get("rollback-would"),
                (List<?>) m.get("not-restored"));
    }

    /** Waits (up to the deadline and a minute more) until the try is over; returns its state then. */
    private TryState awaitRolledBack(Netns ns) throws InterruptedException {
        TryState t = tryState(ns);
        assertThat(t).as("a try is pending").isNotNull();
        Instant giveUp = t.deadline().plusSeconds(60);
        while (Instant.now().isBefore(giveUp)) {
            t = tryState(ns);
            if (t != null && !t.phase().equals("pending") && !t.phase().equals("applying")) {
                return t;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not rolled back within a minute of its deadline " + t.deadline() + ": " + t);
    }

    private static void assertSame(Set<String> expected, Set<String> actual, String what) {
        assertThat(IpJsonSnapshot.differences(expected, actual)).as(what).isEmpty();
    }

    @Test
    void withoutConfirmTheWholeChangeSetIsRolledBackToTheExactBeforeStateAtTheDeadline() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            Netns a = hosts.a;
            siteABefore(a);
            Set<String> before = IpJsonSnapshot.of(a);
            String recordBefore = Files.readString(onlyRecord());

            CliInNetns.Result tried = jl2tp(a, "try", "--prune", "--timeout", "15", "-c", file("tried.yaml", TRIED).toString());
            assertThat(tried.exit()).as(tried.all()).isZero();
            assertThat(tried.out()).contains("+ create session 1 in tunnel 10", "- delete tunnel 11", "- delete tunnel 99",
                    "~ set pw2 mtu 1300", "+ create vlan pw2.7", "try ", "applied; it rolls back at ", "rollback armed: process ");
            Set<String> afterTry = IpJsonSnapshot.of(a);
            assertThat(IpJsonSnapshot.differences(before, afterTry)).as("the try changed the kernel").isNotEmpty();
            assertThat(a.ip("-o link show pw1")).contains("master br1");
            assertThat(a.ip("l2tp show tunnel")).doesNotContain("Tunnel 99,");

            TryState pending = tryState(a);
            assertThat(pending.phase()).isEqualTo("pending");
            assertThat(pending.wouldDo()).map(String::valueOf).contains("+ create tunnel 11 (udp 192.0.2.1 -> 192.0.2.2, ports 5001 -> 6001, peer tunnel 21)",
                    "- delete vlan pw2.7");
            CliInNetns.Result status = jl2tp(a, "status");
            assertThat(status.out()).contains("a rollback would:", "pending", "unless confirmed");

            TryState done = awaitRolledBack(a);
            assertThat(done.phase()).as(String.valueOf(done.notRestored())).isEqualTo("rolled-back");
            assertSame(before, IpJsonSnapshot.of(a), "the kernel after the rollback, against before the try");
            assertThat(Files.readString(onlyRecord())).as("the state record is put back").isEqualTo(recordBefore);
            long late = Duration.between(done.deadline(), done.ended()).toMillis();
            System.out.println("TryKernelTest: restored " + late + " ms after the deadline");
            assertThat(late).as("restored after the deadline, not before").isNotNegative();

            CliInNetns.Result inSync = jl2tp(a, "--dry-run", "--exit-code", "-c", tmp.resolve("before.yaml").toString());
            assertThat(inSync.exit()).as(inSync.all()).isZero();
            assertThat(inSync.out()).contains("tunnel 99").contains("made outside jl2tp");
            assertThat(jl2tp(a, "status").out()).contains("rolled back at");
        }
    }

    private Path onlyRecord() throws IOException {
        try (var files = Files.list(tmp.resolve("state"))) {
            List<Path> records = files.filter(p -> p.getFileName().toString().startsWith("netns-")).toList();
            assertThat(records).hasSize(1);
            return records.get(0);
        }
    }

    @Test
    void aConfirmedTryStaysAfterItsDeadlineAndAnotherTryOrApplyIsRefusedWhileOneIsPending() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            Netns a = hosts.a;
            siteABefore(a);
            Path tried = file("tried.yaml", TRIED);
            // Deadlines in these tests leave room for a loaded machine: every step here must come before it.
            CliInNetns.Result t = jl2tp(a, "try", "--timeout", "20", "-c", tried.toString());
            assertThat(t.exit()).as(t.all()).isZero();
            Set<String> afterTry = IpJsonSnapshot.of(a);
            String id = tryId(t.out());
            Instant deadline = tryState(a).deadline();

            CliInNetns.Result apply = jl2tp(a, "-c", tried.toString());
            assertThat(apply.exit()).as(apply.all()).isEqualTo(ExitCode.TRY_PENDING);
            assertThat(apply.err()).contains("refused: a try is pending", "try " + id, "jl2tp-apply confirm");
            CliInNetns.Result second = jl2tp(a, "try", "-c", tried.toString());
            assertThat(second.exit()).as(second.all()).isEqualTo(ExitCode.TRY_PENDING);
            assertThat(second.err()).contains("try " + id);

            CliInNetns.Result confirm = jl2tp(a, "confirm");
            assertThat(confirm.exit()).as(confirm.all()).isZero();
            assertThat(confirm.out()).contains("confirmed try " + id);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()) + 3_000); // past its deadline
            assertSame(afterTry, IpJsonSnapshot.of(a), "the confirmed try, after its deadline");
            assertThat(tryState(a)).isNull();
            CliInNetns.Result again = jl2tp(a, "confirm");
            assertThat(again.exit()).isEqualTo(ExitCode.FAILED);
            assertThat(again.err()).contains("no try is pending");
            CliInNetns.Result inSync = jl2tp(a, "--dry-run", "--exit-code", "-c", tried.toString());
            assertThat(inSync.exit()).as(inSync.all()).isZero();
        }
    }

    private static String tryId(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("try ([0-9a-f]{16}) applied").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    @Test
    void rollbackNowAndExtend() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            Netns a = hosts.a;
            siteABefore(a);
            Set<String> before = IpJsonSnapshot.of(a);
            Path tried = file("tried.yaml", TRIED);

            assertThat(jl2tp(a, "try", "--timeout", "20", "-c", tried.toString()).exit()).isZero();
            Instant first = tryState(a).deadline();
            CliInNetns.Result extend = jl2tp(a, "confirm", "--extend", "30");
            assertThat(extend.exit()).as(extend.all()).isZero();
            Instant pushed = tryState(a).deadline();
            assertThat(Duration.between(first, pushed).toSeconds()).isEqualTo(30);
            CliInNetns.Result extendAgain = jl2tp(a, "try", "--extend", "10");
            assertThat(extendAgain.exit()).as(extendAgain.all()).isZero();
            assertThat(Duration.between(pushed, tryState(a).deadline()).toSeconds()).isEqualTo(10);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), first).toMillis()) + 3_000);
            assertThat(tryState(a).phase()).as("still pending past the first deadline").isEqualTo("pending");

            CliInNetns.Result now = jl2tp(a, "rollback");
            assertThat(now.exit()).as(now.all()).isZero();
            assertThat(now.out()).contains("rolled back try", "the kernel is as it was before the try",
                    "the try read [");
            assertSame(before, IpJsonSnapshot.of(a), "after rollback now");
            assertThat(tryState(a).phase()).isEqualTo("rolled-back");
            CliInNetns.Result twice = jl2tp(a, "rollback");
            assertThat(twice.exit()).isEqualTo(ExitCode.FAILED);
            assertThat(twice.err()).contains("already rolled back");
            // An apply moves on from a rolled-back try, and status no longer shows it.
            assertThat(jl2tp(a, "-c", tmp.resolve("before.yaml").toString()).exit()).isZero();
            assertThat(tryState(a)).isNull();
        }
    }

    @Test
    void aRollbackThatCannotRestoreAnObjectRestoresTheRestAndNamesIt() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            Netns a = hosts.a;
            siteABefore(a);
            Set<String> before = IpJsonSnapshot.of(a);
            assertThat(jl2tp(a, "try", "--timeout", "600", "-c", file("tried.yaml", TRIED).toString()).exit()).isZero();
            // Meanwhile a link of someone else's takes the name of the session the try deleted.
            a.ip("link add pw3 type dummy");

            CliInNetns.Result back = jl2tp(a, "rollback");
            assertThat(back.exit()).as(back.all()).isEqualTo(ExitCode.FAILED);
            assertThat(back.err()).contains("the rollback of try", "is incomplete; not restored:",
                    "session 7 in tunnel 11: create session 7 in tunnel 11", "was refused: EEXIST",
                    "jl2tp-apply rollback");
            TryState t = tryState(a);
            assertThat(t.phase()).isEqualTo("rollback-incomplete");
            assertThat(t.notRestored()).map(String::valueOf).anyMatch(l -> l.startsWith("session 7 in tunnel 11:"));
            assertThat(jl2tp(a, "status").out()).contains("ROLLBACK INCOMPLETE");
            // Everything else is back: l2tpeth0's cookie, pw1 in br0, pw2's mtu, tunnel 99.
            assertThat(a.ip("-o link show pw1")).contains("master br0");
            assertThat(a.ip("l2tp show tunnel")).contains("Tunnel 99,");
            assertThat(a.ip("l2tp show session tunnel_id 10 session_id 1")).contains("0a0b0c0d");

            a.ip("link del pw3");
            CliInNetns.Result again = jl2tp(a, "rollback");
            assertThat(again.exit()).as(again.all()).isZero();
            assertSame(before, IpJsonSnapshot.of(a), "after the second rollback");
        }
    }

    // ---- the armed rollback survives what ends the try's process ----

    /** A try in a JVM of its own, on a terminal (script(1) gives it one) or not; its pid. */
    private record Child(Process process, long tryPid, BufferedReader output) {
    }

    private Child startTry(Netns a, boolean terminal, String... args) throws IOException {
        // This JVM's options (its class-data archive: a cold JVM costs seconds in the VM), this class path.
        List<String> java = new ArrayList<>(WatcherLauncher.javaCommand());
        java.set(java.size() - 1, TryChild.class.getName());
        java.addAll(List.of(tmp.resolve("state").toString(), "try", "--netns", a.name()));
        java.addAll(List.of(args));
        List<String> command = terminal ? List.of("script", "-qfec", String.join(" ", java.stream().map(TryKernelTest::quoted).toList()),
                "/dev/null") : java;
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (!terminal) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p = pb.start();
        children.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        while (first != null && !first.startsWith("pid ")) {
            first = out.readLine();
        }
        assertThat(first).as("the child's pid line").isNotNull();
        return new Child(p, Long.parseLong(first.substring(4).trim()), out);
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Reads the child's output until a line contains {@code text}; all it read. */
    private static String readUntil(Child c, String text) throws IOException {
        StringBuilder seen = new StringBuilder();
        StringBuilder line = new StringBuilder();
        int ch;
        while ((ch = c.output().read()) != -1) {
            line.append((char) ch);
            if (line.indexOf(text) >= 0) {
                return seen.append(line).toString();
            }
            if (ch == '\n') {
                seen.append(line);
                line.setLength(0);
            }
        }
        throw new AssertionError("the try ended before printing '" + text + "':\n" + seen + line);
    }

    private void survives(String how, boolean terminal, java.util.function.Consumer<Child> end) throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            Netns a = hosts.a;
            siteABefore(a);
            Set<String> before = IpJsonSnapshot.of(a);
            Child c = startTry(a, terminal, "--prune", "--timeout", "15", "-c", file("tried.yaml", TRIED).toString());
            String said = readUntil(c, terminal ? "Press ENTER to keep it" : "rollback armed");
            assertThat(said).contains("applied; it rolls back at");
            end.accept(c);
            assertThat(ProcessHandle.of(c.tryPid()).map(ProcessHandle::isAlive).orElse(false))
                    .as("the try's process is gone (" + how + ")").isFalse();
            assertThat(IpJsonSnapshot.differences(before, IpJsonSnapshot.of(a))).as("still tried").isNotEmpty();
            TryState done = awaitRolledBack(a);
            assertThat(done.phase()).as(how + ": " + done.notRestored()).isEqualTo("rolled-back");
            assertSame(before, IpJsonSnapshot.of(a), how);
            System.out.println("TryKernelTest: " + how + ": restored " + Duration.between(done.deadline(), done.ended()).toMillis()
                    + " ms after the deadline");
        }
    }

    private static void await(Process p) {
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("ended").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void sighupToTheTrysProcessGroupOnItsTerminalDoesNotStopTheRollback() throws Exception {
        survives("SIGHUP to the process group", true, c -> {
            String pgid = Command.run("ps", "-o", "pgid=", "-p", Long.toString(c.tryPid())).trim();
            Command.run("kill", "-HUP", "--", "-" + pgid);
            await(c.process());
            ProcessHandle.of(c.tryPid()).ifPresent(h -> h.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        });
    }

    @Test
    void killNineOfTheTryDoesNotStopTheRollback() throws Exception {
        survives("kill -9 of the try", true, c -> {
            Command.run("kill", "-9", Long.toString(c.tryPid()));
            ProcessHandle.of(c.tryPid()).ifPresent(h -> h.onExit().orTimeout(30, TimeUnit.SECONDS).join());
            c.process().destroy();
            await(c.process());
        });
    }

    @Test
    void aTryWithoutATerminalReturnsAtOnceAndStillRollsBack() throws Exception {
        survives("no terminal", false, c -> {
            await(c.process());
            assertThat(c.process().exitValue()).isZero();
        });
    }

    @Test
    void onATerminalEnterConfirmsAndCtrlCRollsBackNow() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            Netns a = hosts.a;
            siteABefore(a);
            Set<String> before = IpJsonSnapshot.of(a);
            Path tried = file("tried.yaml", TRIED);

            Child enter = startTry(a, true, "--timeout", "600", "-c", tried.toString());
            readUntil(enter, "Press ENTER to keep it");
            enter.process().getOutputStream().write('\n');
            enter.process().getOutputStream().flush();
            assertThat(readUntil(enter, "the kernel keeps it")).contains("confirmed try ");
            await(enter.process());
            assertThat(enter.process().exitValue()).isZero();
            assertThat(tryState(a)).as("confirmed: no try left").isNull();
            Set<String> confirmed = IpJsonSnapshot.of(a);
            assertThat(IpJsonSnapshot.differences(before, confirmed)).isNotEmpty();

            Child ctrlC = startTry(a, true, "--timeout", "600", "-c", file("before-again.yaml", BEFORE).toString());
            readUntil(ctrlC, "Press ENTER to keep it");
            Command.run("kill", "-INT", Long.toString(ctrlC.tryPid()));
            assertThat(readUntil(ctrlC, "the kernel is as it was before the try")).contains("rolling back try ", "(Ctrl-C)");
            await(ctrlC.process());
            assertThat(ctrlC.process().exitValue()).isZero();
            assertSame(confirmed, IpJsonSnapshot.of(a), "Ctrl-C rolled back to the confirmed state");
            assertThat(tryState(a).phase()).isEqualTo("rolled-back");
        }
    }

    // ---- traffic ----

    @Test
    void aBadTryBreaksThePseudowireAndTheRollbackMendsIt() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            Netns a = hosts.a;
            Netns b = hosts.b;
            siteABefore(a);
            b.ip("l2tp add tunnel tunnel_id 20 peer_tunnel_id 10 encap udp local 192.0.2.2 remote 192.0.2.1 "
                    + "udp_sport 6000 udp_dport 5000");
            b.ip("l2tp add session name l2tpeth0 tunnel_id 20 session_id 2 peer_session_id 1 cookie 0d0c0b0a "
                    + "peer_cookie 0a0b0c0d");
            b.ip("link set l2tpeth0 up mtu 1400");
            b.ip("addr add 203.0.113.2/24 dev l2tpeth0");
            assertThat(ping(a, "203.0.113.2")).as("before the try").isTrue();

            Path bad = file("bad.yaml", BEFORE.replace("peer-session-id: 2\n", "peer-session-id: 99\n"));
            CliInNetns.Result t = jl2tp(a, "try", "--timeout", "15", "-c", bad.toString());
            assertThat(t.exit()).as(t.all()).isZero();
            assertThat(ping(a, "203.0.113.2")).as("during the bad try (wrong peer session id)").isFalse();

            TryState done = awaitRolledBack(a);
            assertThat(done.phase()).isEqualTo("rolled-back");
            assertThat(ping(a, "203.0.113.2")).as("after the automatic rollback").isTrue();
        }
    }

    private static boolean ping(Netns from, String to) {
        return from.exec("ping", "-c", "2", "-i", "0.2", "-W", "2", to).stdout().contains("2 packets transmitted, 2 received");
    }
}
