package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jl2tp.json.JsonReader;
import net.jl2tp.testing.Command;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.KernelVersion;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The Ansible collection (issue 21) on the real kernel: the fleet playbook of
 * src/test/ansible/fleet, played with {@code ansible-playbook -c local} (Debian's ansible-core, the
 * host's, seen over 9p) against two network namespaces, site A and site B, joined by a veth, with
 * the collection that src/test/ansible/run.sh built and installed in target/ansible/collections
 * (mvn verify runs it before the kernel tests). In check mode first (changed, nothing applied, no
 * file written), then for real (changed, the pseudowire carries a ping), then again (not changed),
 * then with site A's session deleted behind jl2tp's back (site A changed and repaired, site B not).
 */
@KernelTest
@Isolated("writes /etc/jl2tp, the system search path that other tests' applies read")
class AnsibleKernelTest {
    static final Path COLLECTIONS = Path.of("target/ansible/collections").toAbsolutePath();
    static final Path PLAYBOOK = Path.of("src/test/ansible/vm-playbook.yml").toAbsolutePath();
    static final Path FILE = Path.of("/etc/jl2tp/50-fleet.yaml");
    static final Duration PLAY_TIMEOUT = Duration.ofMinutes(8);
    static final String CONFIG = "The link file, each site applying its half";
    static final String STATUS = "The kernel's tunnels and sessions";

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void checkModeThenApplyThenNothingThenRepairADriftedKernel() throws IOException {
        // One kernel of the matrix: the Ansible side (the host's Debian 12 ansible-core and python,
        // seen over 9p) is the same on both, and what jl2tp-apply does on each kernel is covered by
        // the other kernel tests; four playbook runs cost minutes under emulation.
        Assumptions.assumeTrue(KernelVersion.running().is(6, 1),
                "plays on Debian 12's kernel (6.1) only, not on " + KernelVersion.running());
        assertThat(COLLECTIONS.resolve("ansible_collections/jl2tp/l2tp/plugins/modules/jl2tp_config.py"))
                .as("the collection built and installed by src/test/ansible/run.sh (mvn verify runs it first)")
                .exists();
        assertThat(FILE).as("left by someone else").doesNotExist();
        Netns a = Netns.create("ans-a");
        try (a; Netns b = Netns.create("ans-b")) {
            Netns.veth(a, "eth0", b, "eth0");
            a.ipBatch("addr add 192.0.2.1/24 dev eth0", "link set eth0 up");
            b.ipBatch("addr add 192.0.2.2/24 dev eth0", "link set eth0 up");
            Path inventory = inventory(a, b);

            // 1. Check mode: both sites would change; nothing applied, no file written.
            Map<String, Map<String, Object>> check = play(inventory, "--check", "--diff", "--skip-tags", "status");
            for (String site : List.of("site-a", "site-b")) {
                Map<String, Object> r = map(check.get(site).get(CONFIG));
                assertThat(r.get("changed")).as(site + ": " + r).isEqualTo(true);
                Map<String, Object> plan = map(r.get("plan"));
                assertThat(ops(plan)).as(site).contains("create-tunnel", "create-session", "add-address");
                assertThat(r.get("diff")).as(site + ": the file's diff and the plan's").asList().hasSize(2);
            }
            assertThat(FILE).as("check mode writes nothing").doesNotExist();
            assertNoTunnel(a);
            assertNoTunnel(b);

            // 2. For real: both change, the pseudowire carries a ping, the file is 0644 root's.
            Map<String, Map<String, Object>> real = play(inventory);
            for (String site : List.of("site-a", "site-b")) {
                Map<String, Object> r = map(real.get(site).get(CONFIG));
                assertThat(r.get("changed")).as(site + ": " + r).isEqualTo(true);
                assertThat(r.get("failed")).as(site + ": " + r).isNotEqualTo(true);
                Map<String, Object> info = map(real.get(site).get(STATUS));
                Map<String, Object> facts = map(map(info.get("ansible_facts")).get("jl2tp"));
                assertThat(list(facts.get("tunnels"))).as(site + ": " + facts).hasSize(1);
                assertThat(map(facts.get("site")).get("name")).isEqualTo(site);
            }
            assertThat(Files.getPosixFilePermissions(FILE)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
            assertThat(Files.getOwner(FILE).getName()).isEqualTo("root");
            assertPing(a, "203.0.113.2");

            // 3. Again: nothing to do anywhere.
            Map<String, Map<String, Object>> again = play(inventory, "--skip-tags", "status");
            for (String site : List.of("site-a", "site-b")) {
                Map<String, Object> r = map(again.get(site).get(CONFIG));
                assertThat(r.get("changed")).as(site + ": " + r).isEqualTo(false);
            }

            // 4. Site A's session deleted behind jl2tp's back: site A is repaired, site B untouched.
            // The same run checks a config with a mistake on site A: refused with the destination's
            // file, line and column (not the temporary copy's), and not written.
            Map<String, Object> session = map(list(JsonReader.parse(a.ip("-j", "l2tp", "show", "session"))).get(0));
            a.ip("l2tp", "del", "session", "tunnel_id", String.valueOf(session.get("tunnel_id")), "session_id",
                    String.valueOf(session.get("session_id")));
            assertThat(a.ip("-j", "l2tp", "show", "session")).doesNotContain("session_id");
            Map<String, Map<String, Object>> drift = play(inventory, "-e", "jl2tp_bad_config=true", "--skip-tags", "status");
            Map<String, Object> repaired = map(drift.get("site-a").get(CONFIG));
            assertThat(repaired.get("changed")).as("site-a: " + repaired).isEqualTo(true);
            assertThat(ops(map(repaired.get("plan")))).contains("create-session");
            Map<String, Object> untouched = map(drift.get("site-b").get(CONFIG));
            assertThat(untouched.get("changed")).as("site-b: " + untouched).isEqualTo(false);
            assertPing(a, "203.0.113.2");
            Map<String, Object> bad = map(drift.get("site-a").get("A config with a mistake is refused, naming its file, line and column"));
            assertThat(bad.get("failed")).as(bad.toString()).isEqualTo(true);
            assertThat((String) bad.get("msg")).contains("/etc/jl2tp/51-bad.yaml:4:").contains("tunnel_id")
                    .doesNotContain("jl2tp-ansible-");
            assertThat(Path.of("/etc/jl2tp/51-bad.yaml")).doesNotExist();
        } finally {
            Files.deleteIfExists(FILE);
        }
    }

    /** The fleet inventory's shape, with a namespace per site and jl2tp-apply run from this JVM's class path. */
    private Path inventory(Netns a, Netns b) throws IOException {
        return Files.writeString(tmp.resolve("inventory.yml"), """
                all:
                  vars:
                    ansible_connection: local
                    ansible_python_interpreter: /usr/bin/python3
                    jl2tp_binary: %s
                    jl2tp_file: 50-fleet.yaml
                    jl2tp_links:
                      pw-ab:
                        ends: [site-a, site-b]
                        cookies: derived
                        site-a: {addresses: [203.0.113.1/30]}
                        site-b: {addresses: [203.0.113.2/30]}
                  hosts:
                    site-a: {jl2tp_site: site-a, jl2tp_address: 192.0.2.1, jl2tp_netns: %s}
                    site-b: {jl2tp_site: site-b, jl2tp_address: 192.0.2.2, jl2tp_netns: %s}
                """.formatted(launcher(), a.name(), b.name()));
    }

    /** A jl2tp-apply that runs Main on this JVM's class path and options, as the package's launcher runs its jar. */
    private Path launcher() throws IOException {
        StringBuilder script = new StringBuilder("#!/bin/sh\nexec");
        for (String arg : WatcherLauncher.javaCommand()) {
            script.append(" '").append(arg.replace("'", "'\\''")).append('\'');
        }
        script.append(" \"$@\"\n");
        Path path = Files.writeString(tmp.resolve("jl2tp-apply"), script);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    /**
     * Plays src/test/ansible/vm-playbook.yml (the fleet playbook, then the test's own task); each
     * host's results by task name, as callback_plugins/jl2tp_results.py wrote them. A failed host
     * fails the test. Pipelining: one python process a task, not a shell for each step of copying
     * the module (each process start costs seconds under emulation).
     */
    private Map<String, Map<String, Object>> play(Path inventory, String... options) throws IOException {
        Path results = tmp.resolve("results-" + System.nanoTime() + ".json");
        // No ansible.cfg of the machine's or the working directory's: only what is given here.
        Path config = Files.writeString(tmp.resolve("ansible.cfg"), "[defaults]\n");
        List<String> command = new ArrayList<>(List.of("/usr/bin/env",
                "ANSIBLE_CONFIG=" + config,
                "ANSIBLE_COLLECTIONS_PATH=" + COLLECTIONS,
                "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false",
                "ANSIBLE_CALLBACK_PLUGINS=" + PLAYBOOK.resolveSibling("callback_plugins"),
                "ANSIBLE_CALLBACKS_ENABLED=jl2tp_results",
                "JL2TP_RESULTS=" + results,
                "ANSIBLE_PIPELINING=true",
                "ANSIBLE_FORKS=2",
                "ANSIBLE_NOCOLOR=1",
                "ANSIBLE_LOCAL_TEMP=" + tmp.resolve("ansible-local"),
                "ANSIBLE_REMOTE_TEMP=" + tmp.resolve("ansible-remote"),
                "/usr/bin/ansible-playbook", "-i", inventory.toString(), PLAYBOOK.toString()));
        command.addAll(List.of(options));
        long start = System.nanoTime();
        Command.Result r = Command.exec(PLAY_TIMEOUT, command, null);
        System.out.println("AnsibleKernelTest: ansible-playbook " + String.join(" ", options) + ": exit " + r.exitCode()
                + " in " + (System.nanoTime() - start) / 1_000_000_000 + " s");
        assertThat(r.exitCode()).as("ansible-playbook failed:\n" + r.describe()).isZero();
        assertThat(results).as(r.describe()).exists();
        Map<String, Map<String, Object>> byHost = new java.util.TreeMap<>();
        map(JsonReader.parse(Files.readString(results))).forEach((host, tasks) -> byHost.put(host, map(tasks)));
        assertThat(byHost).as(r.describe()).containsKeys("site-a", "site-b");
        return byHost;
    }

    private static List<Object> ops(Map<String, Object> plan) {
        return list(plan.get("changes")).stream().map(c -> map(c).get("op")).toList();
    }

    private static void assertNoTunnel(Netns ns) {
        assertThat(ns.ip("-j", "l2tp", "show", "tunnel")).as(ns.toString()).doesNotContain("tunnel_id");
    }

    private static void assertPing(Netns from, String to) {
        Command.Result ping = from.exec("ping", "-c", "3", "-i", "0.2", "-W", "2", to);
        assertThat(ping.exitCode()).as(ping.describe()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        assertThat(json).isInstanceOf(Map.class);
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object json) {
        assertThat(json).isInstanceOf(List.class);
        return (List<Object>) json;
    }
}
