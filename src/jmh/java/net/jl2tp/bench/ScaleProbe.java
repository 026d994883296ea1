package net.jl2tp.bench;

import java.util.List;
import java.util.concurrent.Callable;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.config.LoadedConfig;
import net.jl2tp.plan.Desired;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.plan.MtuResolver;
import net.jl2tp.plan.Plan;
import net.jl2tp.export.PlanIp;
import net.jl2tp.export.PlanText;
import net.jl2tp.plan.Planner;
import net.jl2tp.validate.ConfigValidator;

/**
 * A quick look at how each step grows, without JMH: the best of a few runs of each, in ms and in
 * microseconds per session. Finds a super-linear step in seconds, where a JMH run takes minutes;
 * the figures to quote come from the JMH benchmarks.
 * {@code java -cp "$(cat cp.txt):target/classes:target/test-classes" net.jl2tp.bench.ScaleProbe 1000 10000 100000}
 */
public final class ScaleProbe {
    private ScaleProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("%-22s %8s %12s %14s%n", "step", "sessions", "ms", "us/session");
        for (String arg : args) {
            int n = Integer.parseInt(arg);
            Scenario fromEmpty = new Scenario(n, Scenario.Case.FROM_EMPTY);
            Scenario noop = new Scenario(n, Scenario.Case.NOOP);
            Scenario changed = new Scenario(n, Scenario.Case.ONE_CHANGED);
            Desired configured = DesiredBuilder.build(fromEmpty.config);
            LoadedConfig loaded = ConfigLoader.loadPaths(List.of(fromEmpty.file));
            Plan plan = Planner.plan(fromEmpty.desired, fromEmpty.live, fromEmpty.record, false);
            time("load", n, () -> ConfigLoader.loadPaths(List.of(fromEmpty.file)));
            time("validate", n, () -> ConfigValidator.requireValid(loaded));
            time("build desired", n, () -> DesiredBuilder.build(fromEmpty.config));
            time("resolve mtu", n, () -> MtuResolver.resolve(configured, fromEmpty.facts));
            time("plan no-op", n, () -> Planner.plan(noop.desired, noop.live, noop.record, false));
            time("plan one changed", n, () -> Planner.plan(changed.desired, changed.live, changed.record, false));
            time("plan from empty", n, () -> Planner.plan(fromEmpty.desired, fromEmpty.live, fromEmpty.record, false));
            time("render text", n, () -> PlanText.render(plan));
            time("render ip", n, () -> PlanIp.render(plan));
        }
    }

    private static void time(String step, int n, Callable<?> run) throws Exception {
        long best = Long.MAX_VALUE;
        long deadline = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < 7 && (i < 2 || System.nanoTime() < deadline); i++) {
            long start = System.nanoTime();
            run.call();
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("%-22s %8d %12.2f %14.3f%n", step, n, best / 1e6, best / 1e3 / n);
    }
}
