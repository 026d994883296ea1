package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.jl2tp.netlink.TwoHosts;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every verdict of diagnose against the real kernel: host a's end made by jl2tp-apply from a
 * config, host b's (the peer, and the witness) by {@code ip l2tp}, one mismatch each, traffic from
 * a ping in the background across the two samples, and the verdict a's diagnose gives. Each case
 * has its own ids, ports and /30 (case i: tunnel 3000+i, session 1000+i named pwI, ports 5000+i
 * and 6000+i, 203.0.113.4i+1 and +2), so that no case waits for the kernel to let go of the last
 * one's ids; the next apply deletes the last case's tunnel on a, the case itself b's. IPv6 is off
 * on the new interfaces: its autoconfiguration would be traffic of its own. Each transcript is
 * printed (=== diagnose ...) for the README.
 */
@KernelTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.SAME_THREAD) // one pair of namespaces, one config file: one case at a time
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiagnoseKernelTest {
    private TwoHosts sites;
    private Path etc;
    private Path state;

    @BeforeAll
    void twoHosts() throws IOException {
        sites = TwoHosts.create();
        for (Netns ns : List.of(sites.a, sites.b)) {
            ns.run("sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
        }
        Path tmp = Files.createTempDirectory("diagnose");
        etc = Files.createDirectories(tmp.resolve("etc"));
        state = tmp.resolve("state");
        sender = startSender(INVALID_CASE);
    }

    /** The case of the version-1 sender; it runs last, so that the sender's start overlaps the others. */
    private static final int INVALID_CASE = 8;

    /** The sender of {@link #aWrongL2tpVersionIsInvalid}: started at once, sending once told to. */
    private Process sender;

    /**
     * On b, where case {@code i} has no tunnel: a sender bound to b's tunnel address and port that says
     * "ready", waits for a line on its stdin, then sends data packets with version 1 in the header and
     * a's session id, one every 0.1 s until it is stopped (20 s at most). Perl: python starts too
     * slowly under emulation; and started right before the samples, its start did not always fall
     * before them (6.12 once counted nothing).
     */
    private Process startSender(int i) throws IOException {
        String send = "use Socket; $| = 1; socket(S, PF_INET, SOCK_DGRAM, 0) or die; "
                + "bind(S, pack_sockaddr_in(" + (6000 + i) + ", inet_aton('192.0.2.2'))) or die; "
                + "my $to = pack_sockaddr_in(" + (5000 + i) + ", inet_aton('192.0.2.1')); print \"ready\\n\"; "
                + "my $go = <STDIN>; "
                + "for (1..200) { send(S, pack('nnN', 1, 0, " + (1000 + i) + ") . (chr(0) x 60), 0, $to) or die; "
                + "select(undef, undef, undef, 0.1); }";
        return new ProcessBuilder("ip", "netns", "exec", sites.b.name(), "perl", "-e", send)
                .redirectErrorStream(true).start();
    }

    @AfterAll
    void close() {
        sender.destroyForcibly();
        sites.close();
    }

    /** Host a's config for case {@code i}: one session pwI, {@code extra} lines added to it. */
    private static String config(int i, long peerSessionId, String... extra) {
        StringBuilder session = new StringBuilder();
        for (String line : extra) {
            session.append("          ").append(line).append('\n');
        }
        return """
                l2tp:
                  version: 1
                  tunnels:
                    case-%d:
                      tunnel-id: %d
                      peer-tunnel-id: %d
                      local: 192.0.2.1
                      remote: 192.0.2.2
                      udp-source-port: %d
                      udp-destination-port: %d
                      sessions:
                        pw%d:
                          session-id: %d
                          peer-session-id: %d
                          addresses: [203.0.113.%d/30]
                """.formatted(i, 3000 + i, 4000 + i, 5000 + i, 6000 + i, i, 1000 + i, peerSessionId, 4 * i + 1)
                + session;
    }

    private CliInNetns.Result jl2tp(String... args) {
        return new CliInNetns(state, Optional.of(List.of(etc))).run(sites.a, args);
    }

    /** jl2tp-apply on host a with this config (the last case's tunnel goes: it is no longer configured). */
    private void apply(String yaml) throws IOException {
        Files.writeString(etc.resolve("jl2tp.yaml"), yaml);
        CliInNetns.Result r = jl2tp();
        assertThat(r.exit()).as(r.all()).isZero();
    }

    /** Host b's end of case {@code i} by ip l2tp, with these options on the session, up with its address. */
    private void witness(int i, String sessionOptions) {
        witness(i, 5000 + i, 1000 + i, sessionOptions);
    }

    /** The same, sending to UDP port {@code toPort} and to session {@code peerSessionId} on a. */
    private void witness(int i, int toPort, int peerSessionId, String sessionOptions) {
        sites.b.ipBatch("l2tp add tunnel tunnel_id " + (4000 + i) + " peer_tunnel_id " + (3000 + i)
                        + " encap udp local 192.0.2.2 remote 192.0.2.1 udp_sport " + (6000 + i) + " udp_dport " + toPort,
                "l2tp add session name w" + i + " tunnel_id " + (4000 + i) + " session_id " + (2000 + i)
                        + " peer_session_id " + peerSessionId + " " + sessionOptions,
                "addr add 203.0.113." + (4 * i + 2) + "/30 dev w" + i,
                "link set w" + i + " up");
    }

    private void removeWitness(int i) {
        sites.b.tryIp("l2tp", "del", "tunnel", "tunnel_id", Integer.toString(4000 + i));
    }

    /** A ping from {@code from} to the other end of case {@code i}, 2.4 s long: it spans both samples. */
    private static Process ping(Netns from, int i, boolean fromA) throws IOException {
        return ping(from, i, fromA, 56);
    }

    /** The same, with {@code size} bytes of ICMP data. */
    private static Process ping(Netns from, int i, boolean fromA, int size) throws IOException {
        String to = "203.0.113." + (4 * i + (fromA ? 2 : 1));
        return new ProcessBuilder("ip", "netns", "exec", from.name(), "ping", "-c", "12", "-i", "0.2", "-W", "1",
                "-s", Integer.toString(size), to)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** diagnose on host a, 2 s between the samples, printed for the README. */
    private CliInNetns.Result diagnose(String label, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "diagnose";
        args[1] = "--interval";
        args[2] = "2";
        System.arraycopy(more, 0, args, 3, more.length);
        CliInNetns.Result r = jl2tp(args);
        System.out.println("=== diagnose: " + label + " (exit " + r.exit() + ")\n" + r.out() + r.err() + "=== end");
        return r;
    }

    /** The ping is done once diagnose has its samples: stop it rather than wait. */
    private static void finish(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /** The table row of case i's session with this verdict. */
    private static String row(int i, String verdict) {
        return "(?s).*\\n\\s*" + (3000 + i) + "\\s+" + (1000 + i) + "\\s+pw" + i + "\\s+" + verdict + "\\n.*";
    }

    @Test
    void aMatchingPairWithTrafficIsOk() throws Exception {
        int i = 1;
        apply(config(i, 2000 + i));
        witness(i, "");
        Process p = ping(sites.b, i, false);
        try {
            CliInNetns.Result r = diagnose("a matching pair, b pings a");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.OK);
            assertThat(r.out()).matches(row(i, "ok")).contains("session 3001/1001 (pw1): OK: sent ");
        } finally {
            finish(p);
            removeWitness(i);
        }
    }

    @Test
    void noTrafficTellsNothingAndSaysSo() throws Exception {
        int i = 2;
        apply(config(i, 2000 + i));
        witness(i, "");
        try {
            CliInNetns.Result r = diagnose("a matching pair, no traffic");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.OK);
            assertThat(r.out()).matches(row(i, "no-traffic"))
                    .contains("no traffic: nothing was sent or received, so nothing can be told")
                    .contains("tx-packets +0").contains("rx-packets +0");
            CliInNetns.Result json = jl2tp("diagnose", "--interval", "1", "--output", "json");
            assertThat(json.exit()).isEqualTo(ExitCode.OK);
            assertThat(json.out()).contains("\"session-id\": 1002", "\"verdict\": \"no-traffic\"",
                    "\"problem\": false", "\"rx-cookie-discards\": 0", "\"counters-went-back\": false");
        } finally {
            removeWitness(i);
        }
    }

    @Test
    void aWrongPeerSessionIdSendsIntoNothing() throws Exception {
        int i = 3;
        apply(config(i, 2000 + i));
        witness(i, 5000 + i, 1099, ""); // a's session is 1003: b's answers go to a session a does not have
        Process p = ping(sites.a, i, true);
        try {
            CliInNetns.Result r = diagnose("b's peer-session-id 1099, a's session-id 1003; a pings b");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.PROBLEM_FOUND);
            assertThat(r.out()).matches(row(i, "no-reply"))
                    .contains("the peer's session must have session-id 2003 (our peer-session-id) and peer-session-id "
                            + "1003 (our session-id)")
                    .contains("No session of tunnel 3003 received anything either")
                    .containsPattern("UDP port 5003's receive queue grew by [1-9]\\d* bytes of buffer memory "
                            + "\\(0 drops\\): datagrams arrived there for no session here");
            // the witness: a's kernel hands the packets for session 1099 to the tunnel's UDP socket
            // (l2tp_udp_recv_core / l2tp_udp_encap_recv: goto pass), where they wait unread
            String ss = sites.a.run("ss", "-Huanm", "sport", "=", ":" + (5000 + i));
            System.out.println("=== ss on a: " + ss + "=== end");
            assertThat(Long.parseLong(ss.trim().split("\\s+")[1])).as("Recv-Q of a's tunnel socket: " + ss).isPositive();
        } finally {
            finish(p);
            removeWitness(i);
        }
    }

    @Test
    void aPeerSendingToAnotherPortLeavesOursEmpty() throws Exception {
        int i = 11;
        apply(config(i, 2000 + i));
        witness(i, 7000 + i, 1000 + i, ""); // b sends to a's port 7011, a's tunnel is on 5011
        Process fromA = ping(sites.a, i, true);
        Process fromB = ping(sites.b, i, false);
        try {
            CliInNetns.Result r = diagnose("b sends to UDP port 7011, a's tunnel is on 5011; both ping");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.PROBLEM_FOUND);
            assertThat(r.out()).matches(row(i, "no-reply"))
                    .contains("Nothing arrived at UDP port 5011");
        } finally {
            finish(fromA);
            finish(fromB);
            removeWitness(i);
        }
    }

    @Test
    void aWrongCookieIsACookieMismatch() throws Exception {
        int i = 4;
        apply(config(i, 2000 + i, "cookie: 0000beef", "peer-cookie: 0000cafe"));
        witness(i, "cookie 0000dead peer_cookie 0000beef"); // b sends dead, a expects cafe
        Process p = ping(sites.b, i, false);
        try {
            CliInNetns.Result r = diagnose("a expects cookie 0000cafe, b sends 0000dead; b pings a");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.PROBLEM_FOUND);
            assertThat(r.out()).matches(row(i, "cookie-mismatch"))
                    .contains("the peer's cookie must equal this session's peer-cookie, 0000cafe (4 bytes)");
        } finally {
            finish(p);
            removeWitness(i);
        }
    }

    @Test
    void requiredSequenceNumbersThePeerDoesNotSendAreASequencingMismatch() throws Exception {
        int i = 5;
        apply(config(i, 2000 + i, "sequencing: both"));
        witness(i, ""); // ip l2tp's default: no sequence numbers
        Process p = ping(sites.b, i, false);
        try {
            CliInNetns.Result r = diagnose("a has sequencing both, b none; b pings a");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.PROBLEM_FOUND);
            assertThat(r.out()).matches(row(i, "sequencing-mismatch")).contains("this session has sequencing both");
        } finally {
            finish(p);
            removeWitness(i);
        }
    }

    @Test
    void noSublayerHereAndOneThereIsUnanswered() throws Exception {
        int i = 6;
        apply(config(i, 2000 + i, "l2spec-type: none"));
        witness(i, "l2spec_type default");
        Process p = ping(sites.b, i, false);
        try {
            CliInNetns.Result r = diagnose("a has l2spec-type none, b default; b pings a");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.PROBLEM_FOUND);
            assertThat(r.out()).matches(row(i, "l2spec-suspect")).contains("sent none back")
                    .contains("this session's is none");
        } finally {
            finish(p);
            removeWitness(i);
        }
    }

    @Test
    void aSublayerHereAndNoneThereDropsFrames() throws Exception {
        int i = 7;
        apply(config(i, 2000 + i)); // l2spec-type default
        witness(i, "l2spec_type none");
        Process p = ping(sites.b, i, false);
        try {
            CliInNetns.Result r = diagnose("a has l2spec-type default, b none; b pings a");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.PROBLEM_FOUND);
            assertThat(r.out()).matches(row(i, "l2spec-suspect")).contains("packets dropped")
                    .contains("this session's is default");
        } finally {
            finish(p);
            removeWitness(i);
        }
    }

    @Test
    void framesLongerThanTheInterfacesMtuAreRefusedByIt() throws Exception {
        int i = 10;
        apply(config(i, 2000 + i, "mtu: 1000"));
        witness(i, ""); // b's interface keeps the kernel's MTU (1446 over this UDP tunnel)
        Process p = ping(sites.b, i, false, 1200); // 1242-byte frames: more than 1000 + 18
        try {
            CliInNetns.Result r = diagnose("a's interface has MTU 1000, b's 1446; b pings a with 1200 bytes");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.PROBLEM_FOUND);
            assertThat(r.out()).matches(row(i, "interface-refused"))
                    .containsPattern("interface pw10 refused [1-9]\\d* of them")
                    .contains("longer than pw10's MTU (1000")
                    .containsPattern("interface pw10 moved: rx-packets \\+\\d+, rx-errors \\+[1-9]\\d*, "
                            + "rx-dropped \\+[1-9]");
        } finally {
            finish(p);
            removeWitness(i);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aWrongL2tpVersionIsInvalid() throws Exception {
        int i = INVALID_CASE;
        apply(config(i, 2000 + i));
        BufferedReader out = new BufferedReader(new InputStreamReader(sender.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("the sender bound b's tunnel port").isEqualTo("ready");
        try {
            sender.getOutputStream().write('\n');
            sender.getOutputStream().flush();
            CliInNetns.Result r = diagnose("version-1 data packets for a's session id, sent from b's address and port");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.PROBLEM_FOUND);
            assertThat(r.out()).matches(row(i, "invalid")).contains("malformed packets on the tunnel (rx-invalid)");
        } finally {
            finish(sender);
        }
    }

    @Test
    void aConfiguredSessionGoneAndAnInterfaceDownAreSaid() throws Exception {
        int i = 9;
        apply(config(i, 2000 + i) + """
                        px9:
                          session-id: 1109
                          peer-session-id: 2109
                """);
        sites.a.ipBatch("l2tp del session tunnel_id 3009 session_id 1109", "link set pw9 down");

        CliInNetns.Result r = diagnose("session 1109 deleted by hand, pw9 set down");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).matches(row(i, "interface-down")).contains("interface pw9 is down")
                .matches("(?s).*\\n\\s*3009\\s+1109\\s+px9\\s+missing\\n.*")
                .contains("session 3009/1109 (px9): configured but not in the kernel");
    }
}
