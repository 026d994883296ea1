package net.jl2tp.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.config.LoadedConfig;
import net.jl2tp.config.Problem;
import net.jl2tp.plan.Desired;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.plan.MtuResolver;
import net.jl2tp.validate.ConfigValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * From the config file to the desired state, step by step, at 1k, 10k and 100k sessions: reading
 * and binding the YAML, validating it (field constraints and cross-object rules), building the
 * desired state, and resolving {@code mtu: auto}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConfigBench {
    @Param({"1000", "10000", "100000"})
    public int sessions;

    private Scenario scenario;
    private Desired configured;

    @Setup
    public void setUp() throws Exception {
        scenario = new Scenario(sessions, Scenario.Case.FROM_EMPTY);
        configured = DesiredBuilder.build(scenario.config);
    }

    @Benchmark
    public LoadedConfig load() {
        return ConfigLoader.loadPaths(List.of(scenario.file));
    }

    @Benchmark
    public List<Problem> validate() {
        return ConfigValidator.validate(scenario.config);
    }

    @Benchmark
    public Desired build() {
        return DesiredBuilder.build(scenario.config);
    }

    @Benchmark
    public Desired resolveMtu() {
        return MtuResolver.resolve(configured, scenario.facts);
    }
}
