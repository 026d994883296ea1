package net.jl2tp.bench;

import java.util.concurrent.TimeUnit;
import net.jl2tp.plan.Plan;
import net.jl2tp.export.PlanIp;
import net.jl2tp.export.PlanJson;
import net.jl2tp.export.PlanText;
import net.jl2tp.plan.Planner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The plan from empty rendered for people ({@code --output text}), for {@code ip -batch} and as JSON. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RenderBench {
    @Param({"1000", "10000", "100000"})
    public int sessions;

    private Plan plan;

    @Setup
    public void setUp() throws Exception {
        Scenario s = new Scenario(sessions, Scenario.Case.FROM_EMPTY);
        plan = Planner.plan(s.desired, s.live, s.record, false);
    }

    @Benchmark
    public String text() {
        return PlanText.render(plan);
    }

    @Benchmark
    public String ip() {
        return PlanIp.render(plan);
    }

    @Benchmark
    public String json() {
        return PlanJson.render(plan);
    }
}
