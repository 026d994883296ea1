package net.jl2tp.bench;

import java.util.concurrent.TimeUnit;
import net.jl2tp.plan.Plan;
import net.jl2tp.plan.Planner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The planner's diff of desired against live at 1k, 10k and 100k sessions (see {@link ScaleConfig}
 * for the other objects that come with them): no-op, one changed session, and from empty. Linear
 * means the time per session stays about the same from 1k to 100k.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlannerBench {
    @Param({"1000", "10000", "100000"})
    public int sessions;

    @Param({"NOOP", "ONE_CHANGED", "FROM_EMPTY"})
    public Scenario.Case kind;

    private Scenario scenario;

    @Setup
    public void setUp() throws Exception {
        scenario = new Scenario(sessions, kind);
        Plan plan = plan();
        int changes = plan.changes().size();
        boolean asExpected = plan.conflicts().isEmpty() && switch (kind) {
            case NOOP -> changes == 0;
            // the session deleted and created, then its interface's mtu, up and maybe an address
            case ONE_CHANGED -> changes >= 3 && changes <= 6;
            case FROM_EMPTY -> changes >= 3 * sessions;
        };
        if (!asExpected) {
            throw new IllegalStateException(kind + " at " + sessions + ": unexpected plan of " + changes
                    + " changes and " + plan.conflicts().size() + " conflicts");
        }
    }

    @Benchmark
    public Plan plan() {
        return Planner.plan(scenario.desired, scenario.live, scenario.record, false);
    }
}
