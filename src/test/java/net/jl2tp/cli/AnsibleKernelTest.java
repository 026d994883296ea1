package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import net.jl2tp.json.JsonReader;
import net.jl2tp.testing.Command;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.KernelVersion;
import net.jl2tp.testing.Netns;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The Ansible collection (issue 21) on the real kernel: src/test/ansible/fleet/vm-playbook.yml,
 * played with {@code ansible-playbook -c local} (Debian's ansible-core, the host's, seen over 9p)
 * against two network namespaces, site A and site B, joined by a veth, with the collection that
 * src/test/ansible/run.sh built and installed in target/ansible/collections and the package's
 * launcher running target/jl2tp-apply.jar (mvn verify makes both before the kernel tests). The
 * fleet's task runs in check mode (changed, no tunnel in {@code ip -j l2tp show}, no file), for
 * real (changed, the file 0644 root's, a ping across the pseudowire), again (not changed), then
 * after site A's session was deleted with {@code ip l2tp del session} (site A changed and
 * repaired, the ping passes, site B not changed); a config with a mistake is refused naming the
 * destination file, line and column, and not written. One playbook run for all of it (each start
 * of ansible-playbook costs most of a minute under emulation); the kernel read, the files stat'ed,
 * the pings and the drift between the runs by the test's results plugin, in ansible-playbook's own
 * process (a task of its own for each would cost seconds of Python in the VM). The playbook runs
 * in a mount namespace of its own with its own /etc/jl2tp and /run/jl2tp, so the kernel tests
 * running beside it never read its files.
 */
@KernelTest
@Isolated("its playbook keeps both emulated CPUs busy for minutes: beside it, tests with deadlines (the watch's "
        + "events within seconds) missed them in a loaded CI run; alone, before NetnsReuseKernelTest, it also lets "
        + "the other tests' namespaces be freed first")
@Order(1) // first of the isolated classes (src/test/vm/run-kernel-tests.sh orders by @Order)
class AnsibleKernelTest {
    static final Path COLLECTIONS = Path.of("target/ansible/collections").toAbsolutePath();
    static final Path PLAYBOOK = Path.of("src/test/ansible/fleet/vm-playbook.yml").toAbsolutePath();
    static final Path CALLBACKS = Path.of("src/test/ansible/callback_plugins").toAbsolutePath();
    /** The package's launcher on target/jl2tp-apply.jar and its class-data archive, written by src/test/ansible/run.sh. */
    static final Path LAUNCHER = Path.of("target/ansible/jl2tp-apply").toAbsolutePath();
    static final Path JAR = Path.of("target/jl2tp-apply.jar").toAbsolutePath();
    static final Path FILE = Path.of("/etc/jl2tp/50-fleet.yaml");
    static final Duration PLAY_TIMEOUT = Duration.ofMinutes(20);
    static final String CONFIG = "The link file, each site applying its half";
    static final List<String> SITES = List.of("site-a", "site-b");

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 25, unit = TimeUnit.MINUTES)
    void checkModeThenApplyThenNothingThenRepairADriftedKernel() throws IOException {
        // One kernel of the matrix: the Ansible side (the host's Debian 12 ansible-core and python,
        // seen over 9p) is the same on both, and what jl2tp-apply does on each kernel is covered by
        // the other kernel tests; the playbook costs minutes under emulation.
        Assumptions.assumeTrue(KernelVersion.running().is(6, 1),
                "plays on Debian 12's kernel (6.1) only, not on " + KernelVersion.running());
        assertThat(COLLECTIONS.resolve("ansible_collections/jl2tp/l2tp/plugins/modules/jl2tp_config.py"))
                .as("the collection built and installed by src/test/ansible/run.sh (mvn verify runs it first)")
                .exists();
        assertThat(JAR).as("the jar of mvn package (mvn verify makes it first): one file over 9p, where a JVM on "
                + "target/classes and the dependencies' jars took 40 s to start in the VM").exists();
        assertThat(LAUNCHER).as("written by src/test/ansible/run.sh once the jar is there (mvn verify runs it first)")
                .isExecutable();
        Netns a = Netns.create("ans-a");
        try (a; Netns b = Netns.create("ans-b")) {
            Netns.veth(a, "eth0", b, "eth0");
            a.ipBatch("addr add 192.0.2.1/24 dev eth0", "link set eth0 up");
            b.ipBatch("addr add 192.0.2.2/24 dev eth0", "link set eth0 up");
            Map<String, Map<String, Object>> results = play(inventory(a, b));

            for (String site : SITES) {
                // 1. Check mode: both would change; nothing applied, no file written.
                Map<String, Object> check = result(results, site, CONFIG, 0);
                assertThat(check.get("changed")).as(site + ": " + check).isEqualTo(true);
                assertThat(ops(map(check.get("plan")))).as(site).contains("create-tunnel", "create-session",
                        "add-address");
                assertThat(list(check.get("diff"))).as(site + ": the file's diff and the plan's").hasSize(2);
                assertThat(list(witness(check).get("tunnels"))).as(site + ": the kernel after check mode").isEmpty();
                assertThat(file(check, FILE).get("exists")).isEqualTo(false);

                // 2. For real: both change; the file is 0644 root's; status sees the tunnel; a ping passes.
                Map<String, Object> real = result(results, site, CONFIG, 1);
                assertThat(real.get("changed")).as(site + ": " + real).isEqualTo(true);
                Map<String, Object> stat = file(real, FILE);
                assertThat(stat.get("mode")).isEqualTo("0644");
                assertThat(number(stat.get("uid"))).isZero();
                Map<String, Object> facts = map(map(result(results, site, "Status", 0).get("ansible_facts")).get("jl2tp"));
                assertThat(list(facts.get("tunnels"))).as(site + ": " + facts).hasSize(1);
                assertThat(map(facts.get("site")).get("name")).isEqualTo(site);
                assertPinged(real, site);

                // 3. Again: nothing to do.
                Map<String, Object> again = result(results, site, CONFIG, 2);
                assertThat(again.get("changed")).as(site + ": " + again).isEqualTo(false);
            }

            // 4. Site A's session deleted behind jl2tp's back: site A repaired, site B untouched.
            Map<String, Object> drifted = witness(result(results, "site-a", CONFIG, 2));
            assertThat(list(drifted.get("sessions"))).hasSize(1);
            assertThat(list(drifted.get("sessions_after_drift"))).as("after ip l2tp del session").isEmpty();
            Map<String, Object> repaired = result(results, "site-a", CONFIG, 3);
            assertThat(repaired.get("changed")).as("site-a: " + repaired).isEqualTo(true);
            assertThat(ops(map(repaired.get("plan")))).contains("create-session");
            Map<String, Object> untouched = result(results, "site-b", CONFIG, 3);
            assertThat(untouched.get("changed")).as("site-b: " + untouched).isEqualTo(false);
            assertPinged(repaired, "site-a");
            assertThat(a.ip("-j", "l2tp", "show", "session")).as("the kernel, read after the playbook")
                    .contains("session_id");
            assertPing(a, "203.0.113.2");

            // 5. A mistake: the destination's file, line and column (not the temporary copy's); not written.
            Map<String, Object> bad = result(results, "site-a", "A config with a mistake", 0);
            assertThat(bad.get("failed")).as(bad.toString()).isEqualTo(true);
            assertThat((String) bad.get("msg")).contains("/etc/jl2tp/51-bad.yaml:4:").contains("tunnel_id")
                    .doesNotContain("jl2tp-ansible-");
            assertThat(file(bad, Path.of("/etc/jl2tp/51-bad.yaml")).get("exists")).isEqualTo(false);
        }
        assertThat(FILE).as("written only in the playbook's own mount namespace").doesNotExist();
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
                    site-a: {jl2tp_site: site-a, jl2tp_address: 192.0.2.1, jl2tp_netns: %s, jl2tp_peer: 203.0.113.2}
                    site-b: {jl2tp_site: site-b, jl2tp_address: 192.0.2.2, jl2tp_netns: %s, jl2tp_peer: 203.0.113.1}
                """.formatted(LAUNCHER, a.name(), b.name()));
    }

    /**
     * Plays the VM playbook; each host's results by task name, one a run of the task, as
     * callback_plugins/jl2tp_results.py wrote them. A failed host fails the test. Pipelining: one
     * python process a task, not a shell for each step of copying the module over.
     */
    private Map<String, Map<String, Object>> play(Path inventory) throws IOException {
        Path results = tmp.resolve("results.json");
        // No ansible.cfg of the machine's or the working directory's: only what is given here.
        Path config = Files.writeString(tmp.resolve("ansible.cfg"), "[defaults]\n");
        // The playbook writes /etc/jl2tp and jl2tp-apply /run/jl2tp (its record and lock): both are
        // its own tmpfs, in a mount namespace of its own, so that the other kernel tests, which run
        // beside it and read the system's search path, never see them. /run/netns is seen as it is.
        Files.createDirectories(FILE.getParent());
        Files.createDirectories(Path.of("/run/jl2tp"));
        List<String> command = List.of("unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                "mount -t tmpfs -o mode=0755 jl2tp-etc /etc/jl2tp && mount -t tmpfs -o mode=0755 jl2tp-run /run/jl2tp"
                        + " && exec \"$@\"", "sh", "/usr/bin/env",
                "ANSIBLE_CONFIG=" + config,
                "ANSIBLE_COLLECTIONS_PATH=" + COLLECTIONS,
                "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false",
                "ANSIBLE_CALLBACK_PLUGINS=" + CALLBACKS,
                "ANSIBLE_CALLBACKS_ENABLED=jl2tp_results",
                "JL2TP_RESULTS=" + results,
                // The callback's pings after the real run (both sites) and the repair (site A, whose
                // session interface is new: site B's neighbour entry for it is stale for seconds),
                // and the session it deletes after the run that changed nothing.
                "JL2TP_PING_AFTER=site-a:1,site-b:1,site-a:3",
                "JL2TP_DRIFT=site-a:2",
                "ANSIBLE_PIPELINING=true",
                "ANSIBLE_FORKS=2",
                "ANSIBLE_NOCOLOR=1",
                "ANSIBLE_LOCAL_TEMP=" + tmp.resolve("ansible-local"),
                "ANSIBLE_REMOTE_TEMP=" + tmp.resolve("ansible-remote"),
                "/usr/bin/ansible-playbook", "-i", inventory.toString(), PLAYBOOK.toString());
        long start = System.nanoTime();
        Command.Result r = Command.exec(PLAY_TIMEOUT, command, null);
        System.out.println("AnsibleKernelTest: ansible-playbook: exit " + r.exitCode() + " in "
                + (System.nanoTime() - start) / 1_000_000_000 + " s");
        assertThat(r.exitCode()).as("ansible-playbook failed:\n" + r.describe()).isZero();
        assertThat(results).as(r.describe()).exists();
        Map<String, Map<String, Object>> byHost = new TreeMap<>();
        map(JsonReader.parse(Files.readString(results))).forEach((host, tasks) -> byHost.put(host, map(tasks)));
        // Where the time went (each task's seconds on each host), for the README's figures.
        byHost.forEach((host, tasks) -> tasks.forEach((task, runs) -> System.out.println("AnsibleKernelTest: " + host
                + ": " + task + ": " + list(runs).stream().map(run -> String.valueOf(map(run).get("jl2tp_seconds")))
                        .toList() + " s")));
        assertThat(byHost).as(r.describe()).containsKeys("site-a", "site-b");
        return byHost;
    }

    /** The n-th result (from 0) of the task of that name on that host. */
    private static Map<String, Object> result(Map<String, Map<String, Object>> results, String host, String task, int n) {
        Object runs = results.get(host).get(task);
        assertThat(runs).as(task + " on " + host + ": " + results.get(host).keySet()).isNotNull();
        assertThat(list(runs)).as(task + " on " + host).hasSizeGreaterThan(n);
        return map(list(runs).get(n));
    }

    /** What callback_plugins/jl2tp_results.py saw once every host had finished that run of the task. */
    private static Map<String, Object> witness(Map<String, Object> result) {
        assertThat(result).as("read after the run by the results plugin").containsKey("jl2tp_witness");
        return map(result.get("jl2tp_witness"));
    }

    private static Map<String, Object> file(Map<String, Object> result, Path path) {
        Map<String, Object> files = map(witness(result).get("files"));
        assertThat(files).as("stat'ed after the run").containsKey(path.toString());
        return map(files.get(path.toString()));
    }

    private static void assertPinged(Map<String, Object> result, String site) {
        Map<String, Object> ping = map(witness(result).get("ping"));
        assertThat(number(ping.get("rc"))).as(site + ": " + ping.get("output")).isZero();
    }

    private static long number(Object json) {
        return ((Number) json).longValue();
    }

    private static List<Object> ops(Map<String, Object> plan) {
        return list(plan.get("changes")).stream().map(c -> map(c).get("op")).toList();
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
