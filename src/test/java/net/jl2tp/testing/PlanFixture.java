package net.jl2tp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jl2tp.model.Ownership;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.model.NetworkState;
import net.jl2tp.apply.NetworkStateJson;
import net.jl2tp.apply.NetworkStateYaml;
import net.jl2tp.plan.Desired;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.plan.MtuResolver;
import net.jl2tp.plan.PathFacts;
import net.jl2tp.plan.Plan;
import net.jl2tp.plan.Planner;
import net.jl2tp.plan.Underlay;
import net.jl2tp.validate.ConfigValidator;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * One planner fixture in the style of nmstate's: a directory per case under
 * src/test/resources/plan with {@code desired.yaml} (a config file), {@code live.yaml} (the
 * kernel's state), optionally {@code record.json} (what jl2tp made) and {@code args} (e.g.
 * {@code --prune}), optionally {@code underlay.yaml} (what the routing table says toward each tunnel's
 * remote, and which defrag modules are loaded; without it, every tunnel's route leaves by veth0,
 * MTU 1500), and the expected plan in all three renderings: {@code expected.txt},
 * {@code expected.json}, {@code expected.ip}. The planner's, the executor's and the failure tests
 * all read the fixtures here, so a new directory is picked up by each of them.
 *
 * @param desired the config, validated and with every {@code mtu: auto} resolved against the underlay
 */
public record PlanFixture(String name, Path dir, Desired desired, NetworkState live, Ownership record, boolean prune) {
    public static final Path ROOT = Path.of("src/test/resources/plan");

    /** The name of every fixture directory, sorted. */
    public static Stream<String> names() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /**
     * The fixtures an executor can carry out: a plan with changes and without a conflict (a plan
     * with a conflict is never applied; an empty one has nothing to run).
     */
    public static Stream<String> applicable() throws IOException, ConfigException {
        List<String> names = new ArrayList<>();
        for (String name : names().toList()) {
            Plan plan = load(name).plan();
            if (!plan.changes().isEmpty() && plan.conflicts().isEmpty()) {
                names.add(name);
            }
        }
        return names.stream();
    }

    public static PlanFixture load(String name) throws IOException, ConfigException {
        Path dir = ROOT.resolve(name);
        Desired configured = DesiredBuilder.build(
                ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(dir.resolve("desired.yaml")))));
        Desired desired = MtuResolver.resolve(configured, pathFacts(dir.resolve("underlay.yaml"), configured));
        NetworkState live = NetworkStateYaml.read(Files.readString(dir.resolve("live.yaml")));
        Path recordFile = dir.resolve("record.json");
        Ownership record = Files.exists(recordFile)
                ? new Ownership(NetworkStateJson.read(Files.readString(recordFile))) : Ownership.empty();
        Path argsFile = dir.resolve("args");
        boolean prune = Files.exists(argsFile) && Files.readString(argsFile).contains("--prune");
        return new PlanFixture(name, dir, desired, live, record, prune);
    }

    public Plan plan() {
        return Planner.plan(desired, live, record, prune);
    }

    /**
     * <pre>
     * tunnels:
     *   3000: {mtu: 1500, device: pw0}                  # the device's MTU
     *   3001: {mtu: 1300, device: pw0, route-mtu: true}  # the route's metric
     *   3002: {no-route: "ENETUNREACH (Network is unreachable)"}
     * loaded-modules: [nf_defrag_ipv4]
     * </pre>
     */
    @SuppressWarnings("unchecked")
    private static PathFacts pathFacts(Path file, Desired desired) throws IOException {
        Map<Long, Underlay> underlays = new HashMap<>();
        if (!Files.exists(file)) {
            desired.state().tunnels().keySet().forEach(id -> underlays.put(id, new Underlay.Path(1500, "veth0", false)));
            return new PathFacts(underlays, Set.of());
        }
        Map<String, Object> yaml = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(file));
        Map<Object, Map<String, Object>> tunnels = (Map<Object, Map<String, Object>>) yaml.getOrDefault("tunnels", Map.of());
        tunnels.forEach((id, t) -> underlays.put(((Number) id).longValue(), t.containsKey("no-route")
                ? new Underlay.NoRoute((String) t.get("no-route"))
                : new Underlay.Path(((Number) t.get("mtu")).intValue(), (String) t.get("device"),
                        Boolean.TRUE.equals(t.get("route-mtu")))));
        return new PathFacts(underlays, Set.copyOf((List<String>) yaml.getOrDefault("loaded-modules", List.of())));
    }
}
