package net.jl2tp.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jl2tp.model.Ownership;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.model.NetworkState;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.netlink.l2tp.L2tpSessionCodec;
import net.jl2tp.netlink.l2tp.L2tpTunnelCodec;
import net.jl2tp.plan.Change;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.plan.MtuResolver;
import net.jl2tp.plan.PathFacts;
import net.jl2tp.plan.Planner;
import net.jl2tp.validate.ConfigValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The property behind "input that passes validation but breaks apply": whatever {@code validate}
 * accepts, every request the kernel layer builds for it (from an empty kernel, through the same
 * conversions as {@link NetlinkKernelOps}) encodes without throwing. The configs are generated
 * from a fixed seed, with every field at its bounds and beside them: ids 1 and 2^32-1, cookies of
 * 8 and 16 digits in both cases, IPv4 and IPv6 over UDP and IP, names of 15 bytes, vlan ids 1
 * and 4094, stacks at the kernel's depth, mtu 68, 65535 and auto, prefix lengths 0 to 128, and
 * now and then a value that is not ASCII (which validation must refuse, as it once did not).
 */
class ValidConfigEncodesTest {
    private static final int CONFIGS = 400;
    private static final L2tpTunnelCodec TUNNELS = new L2tpTunnelCodec(0x20);
    private static final L2tpSessionCodec SESSIONS = new L2tpSessionCodec(0x20);

    @TempDir
    static Path tmp;

    static Stream<Integer> seeds() {
        return IntStream.range(0, CONFIGS).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void whatValidationAcceptsEncodes(int seed) throws Exception {
        String yaml = new Generator(new Random(seed)).config();
        Path file = Files.writeString(tmp.resolve("generated-" + seed + ".yaml"), yaml);
        L2tpConfig config;
        try {
            config = ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(file)));
        } catch (ConfigException refused) {
            return; // refused configs never reach the codecs
        }
        List<Change> changes = Planner.plan(MtuResolver.resolve(DesiredBuilder.build(config),
                new PathFacts(Map.of(), Set.of())), NetworkState.empty(), Ownership.empty(), false).kernelChanges();
        Map<String, Integer> indexes = new HashMap<>();
        for (Change change : changes) {
            NetlinkRequest request = encode(change, indexes);
            assertThat(request.payload()).as("%s\n%s", change, yaml).isNotEmpty();
        }
    }

    /** The generator makes valid configs more often than not: else the property says little. */
    @Test
    void mostGeneratedConfigsAreValid() throws Exception {
        int valid = 0;
        for (int seed = 0; seed < 100; seed++) {
            Path file = Files.writeString(tmp.resolve("count-" + seed + ".yaml"), new Generator(new Random(seed)).config());
            try {
                ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(file)));
                valid++;
            } catch (ConfigException refused) {
                // counted below
            }
        }
        assertThat(valid).isBetween(50, 99);
    }

    /** As NetlinkKernelOps sends it, with made-up interface indexes. */
    private static NetlinkRequest encode(Change change, Map<String, Integer> indexes) {
        return new ChangeRequests(TUNNELS, SESSIONS, name -> indexes.computeIfAbsent(name, n -> indexes.size() + 2))
                .map(change).request();
    }

    /** One random config, in YAML, from the edges of each field's range. */
    private static final class Generator {
        private final Random random;
        private final List<String> interfaces = new ArrayList<>();
        private int names;

        Generator(Random random) {
            this.random = random;
        }

        String config() {
            StringBuilder y = new StringBuilder("l2tp:\n  version: 1\n  tunnels:\n");
            int tunnels = 1 + random.nextInt(3);
            for (int t = 0; t < tunnels; t++) {
                tunnel(y, t);
            }
            if (!interfaces.isEmpty() && random.nextBoolean()) {
                vlans(y);
            }
            if (interfaces.size() >= 2 && random.nextBoolean()) {
                y.append("  bridges:\n    ").append(name()).append(": { interfaces: [").append(interfaces.get(0))
                        .append(", ").append(interfaces.get(1)).append("], mtu: ").append(pick("1500", "68", "65535"))
                        .append(", addresses: [").append(address(random.nextBoolean())).append("] }\n");
            }
            return y.toString();
        }

        private void tunnel(StringBuilder y, int t) {
            boolean v6 = random.nextBoolean();
            boolean ip = random.nextBoolean();
            y.append("    t").append(t).append(":\n")
                    .append("      tunnel-id: ").append(t == 0 ? pick("1", "4294967295") : String.valueOf(100 + t)).append('\n')
                    .append("      peer-tunnel-id: ").append(pick("1", "4294967295", "77")).append('\n')
                    .append("      encap: ").append(ip ? "ip" : "udp").append('\n')
                    .append("      local: \"").append(v6 ? "2001:db8::" + (t + 1) : "192.0.2." + (t + 1)).append("\"\n")
                    .append("      remote: \"").append(v6 ? pick("2001:db8:ffff::2", "2001:DB8:0:0:0:0:0:FE")
                            : pick("198.51.100.2", "203.0.113.254")).append("\"\n");
            if (!ip) {
                y.append("      udp-source-port: ").append(t == 0 ? pick("1", "65535") : String.valueOf(1701 + t)).append('\n')
                        .append("      udp-destination-port: ").append(pick("1", "65535", "1701")).append('\n');
                y.append(v6 ? "      udp6-checksum-tx: " + random.nextBoolean() + "\n      udp6-checksum-rx: "
                        + random.nextBoolean() + "\n" : "      udp-checksum: " + random.nextBoolean() + "\n");
            }
            y.append("      sessions:\n");
            int sessions = 1 + random.nextInt(3);
            for (int s = 0; s < sessions; s++) {
                String name = name();
                interfaces.add(name);
                boolean none = random.nextInt(4) == 0;
                y.append("        ").append(name).append(":\n")
                        .append("          session-id: ").append(1000L * t + s + (s == 0 ? 4294960000L : 1)).append('\n')
                        .append("          peer-session-id: ").append(pick("1", "4294967295", "2000")).append('\n')
                        .append("          l2spec-type: ").append(none ? "none" : "default").append('\n')
                        .append("          sequencing: ").append(none ? "none" : pick("none", "send", "receive", "both")).append('\n')
                        .append("          mtu: ").append(pick("auto", "68", "65535", "1400")).append('\n')
                        .append("          up: ").append(random.nextInt(5) > 0).append('\n');
                if (random.nextBoolean()) {
                    y.append("          cookie: \"").append(cookie()).append("\"\n");
                }
                if (random.nextBoolean()) {
                    y.append("          peer-cookie: \"").append(cookie()).append("\"\n");
                }
                y.append("          addresses: [").append(address(random.nextBoolean())).append(", ")
                        .append(address(!v6)).append("]\n");
            }
        }

        /** A stack of vlans on one session interface, up to the kernel's depth and sometimes one past it. */
        private void vlans(StringBuilder y) {
            y.append("  vlans:\n");
            String link = interfaces.get(0);
            int depth = 1 + random.nextInt(8);
            for (int i = 1; i <= depth; i++) {
                String name = name();
                y.append("    ").append(name).append(": { link: ").append(link).append(", id: ")
                        .append(pick("1", "4094", String.valueOf(i))).append(", up: false, mtu: ")
                        .append(pick("1500", "68")).append(" }\n");
                link = name;
            }
        }

        /** 1 to 15 bytes; now and then a letter that is not ASCII. */
        private String name() {
            String base = "if" + (names++);
            String name = switch (random.nextInt(6)) {
                case 0 -> base + "-".repeat(15 - base.length());
                case 1 -> base + "_x.y";
                case 2 -> base + (random.nextInt(40) == 0 ? "é" : "Z");
                default -> base;
            };
            return name;
        }

        private String cookie() {
            String digits = "0123456789abcdefABCDEF";
            int length = random.nextBoolean() ? 8 : 16;
            StringBuilder c = new StringBuilder();
            for (int i = 0; i < length; i++) {
                c.append(digits.charAt(random.nextInt(digits.length())));
            }
            if (random.nextInt(8) == 0) {
                c.setCharAt(random.nextInt(length), random.nextBoolean() ? '٣' : '３'); // must be refused
            }
            return c.toString();
        }

        private String address(boolean v4) {
            int host = 1 + random.nextInt(250);
            if (random.nextInt(3) == 0) {
                return v4 ? "{ address: 203.0.113." + host + ", peer: 203.0.113." + (host + 1) + "/" + pick("32", "0", "24") + " }"
                        : "{ address: \"2001:db8:1::" + host + "\", peer: \"2001:db8:1::" + (host + 1) + "/" + pick("128", "0", "64") + "\" }";
            }
            return v4 ? "\"198.51.100." + host + "/" + pick("0", "32", "24") + "\""
                    : "\"2001:db8:2:" + Integer.toHexString(host) + "::1/" + pick("0", "128", "64") + "\"";
        }

        private String pick(String... options) {
            return options[random.nextInt(options.length)];
        }
    }
}
