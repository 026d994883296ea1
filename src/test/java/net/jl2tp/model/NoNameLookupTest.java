package net.jl2tp.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jl2tp.apply.NetworkStateJson;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.validate.ConfigValidator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No address text, in a config or in the state record, makes jl2tp ask the name service. The JDK
 * checks {@code checkConnect(host, -1)} with the security manager before every name lookup, and
 * only then: a probe JVM (Java 17 and 21 allow a security manager with
 * {@code -Djava.security.manager=allow}) installs one that notes such calls, reads hostile
 * address texts the ways jl2tp does, and exits 3 naming the hosts looked up, 0 if none. The
 * control run proves that the probe catches a lookup on this JVM. Java 24 and later have no
 * security manager: there the test is skipped, and IpAddressesTest's refusals still hold.
 */
class NoNameLookupTest {
    /** Not literals, each of which {@code InetAddress.getByName} would send to the resolver. */
    static final List<String> NOT_LITERALS = List.of(".1:2", "a:b.example", "localhost", "a.b",
            "site-b.example.com", "2001:db8::1%eth0", "fe80::1%lo", "[2001:db8::1]", "1.2.3.4:5", "::1:g",
            "2001:db8::٢", "١٩٢.0.2.1");

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // a safety net only
    void hostileAddressTextsAreParsedWithoutALookup() throws Exception {
        Probe run = probe("parse");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("parsed " + NOT_LITERALS.size() + " texts");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theProbeCatchesALookup() throws Exception {
        Probe run = probe("control");
        assertThat(run.exit()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("looked up: [.1:2]");
    }

    private record Probe(int exit, String output) {
    }

    /** Java 24 removed the security manager: such a JVM refuses to start with the option. */
    private static final int LAST_JAVA_WITH_A_SECURITY_MANAGER = 23;

    private Probe probe(String mode) throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() <= LAST_JAVA_WITH_A_SECURITY_MANAGER,
                "Java " + Runtime.version().feature() + " has no security manager");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Djava.security.manager=allow",
                "-cp", System.getProperty("java.class.path"), LookupProbe.class.getName(), mode, tmp.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Probe(process.exitValue(), output);
    }

    /** The probe JVM's main. */
    static final class LookupProbe {
        private LookupProbe() {
        }

        public static void main(String[] args) throws Exception {
            List<String> lookedUp = new ArrayList<>();
            System.setSecurityManager(new NotingLookups(lookedUp));
            if (args[0].equals("control")) {
                try {
                    InetAddress.getByName(".1:2"); // what IpAddresses did with this text before
                } catch (Exception e) {
                    // the manager's SecurityException
                }
            } else {
                Path dir = Path.of(args[1]);
                for (String text : NOT_LITERALS) {
                    read(text, dir);
                }
                System.out.println("parsed " + NOT_LITERALS.size() + " texts");
            }
            if (!lookedUp.isEmpty()) {
                System.out.println("looked up: " + lookedUp);
                System.exit(3);
            }
            System.exit(0);
        }

        /** Allows everything but notes (and refuses) each name lookup. */
        private static final class NotingLookups extends SecurityManager {
            private final List<String> lookedUp;

            NotingLookups(List<String> lookedUp) {
                this.lookedUp = lookedUp;
            }

            @Override
            public void checkConnect(String host, int port) {
                if (port == -1) {
                    synchronized (lookedUp) {
                        lookedUp.add(host);
                    }
                    throw new SecurityException("name lookup of " + host);
                }
            }

            @Override
            public void checkPermission(Permission permission) {
            }

            @Override
            public void checkPermission(Permission permission, Object context) {
            }
        }

        /** The text as the parser, a config file and the state record each meet it. */
        private static void read(String text, Path dir) throws Exception {
            IpAddresses.parse(text);
            String quoted = "\"" + text + "\"";
            Path config = Files.writeString(dir.resolve("lookup.yaml"), """
                    l2tp:
                      version: 1
                      tunnels:
                        t:
                          tunnel-id: 1
                          peer-tunnel-id: 2
                          encap: ip
                          local: 192.0.2.1
                          remote: %s
                          sessions:
                            pw0:
                              session-id: 1
                              peer-session-id: 2
                              addresses: [ "%s/24", { address: 192.0.2.9, peer: %s } ]
                    """.formatted(quoted, text, quoted));
            try {
                ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(config)));
            } catch (net.jl2tp.config.ConfigException expected) {
                // refused, as it must be
            }
            String record = "{\"format\": 1, \"tunnels\": [{\"tunnel-id\": 1, \"peer-tunnel-id\": 2, \"encap\": \"ip\", "
                    + "\"local\": \"192.0.2.1\", \"remote\": " + quoted + "}], \"links\": [{\"name\": \"x\", "
                    + "\"kind\": \"bridge\", \"up\": true, \"addresses\": [" + quoted + ", \"" + text + "/24\"]}]}";
            try {
                NetworkStateJson.read(record);
            } catch (IllegalArgumentException expected) {
                // unreadable, as it must be
            }
        }
    }
}
