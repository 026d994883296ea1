package net.jl2tp.apply;

import net.jl2tp.model.Ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jl2tp.config.ConfigException;
import net.jl2tp.kernel.KernelOps;
import net.jl2tp.model.NetworkState;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Change;
import net.jl2tp.plan.Plan;
import net.jl2tp.plan.Planner;
import net.jl2tp.testing.PlanFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The executor on the planner's fixtures: a whole run converges (re-planning finds nothing to do),
 * and a failure at each step N in turn leaves the kernel and the record exactly as before the run.
 */
class ExecutorTest {
    /** The fixtures whose plans change the kernel and have no conflict: found, not listed. */
    static Stream<String> cases() throws IOException, ConfigException {
        return PlanFixture.applicable();
    }

    static PlanFixture load(String name) throws IOException, ConfigException {
        return PlanFixture.load(name);
    }

    /** A new fixture directory joins these tests by itself; those that cannot run are left out for a reason. */
    @Test
    void everyFixtureWithChangesAndNoConflictIsRun() throws Exception {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(17)
                .contains("create-from-empty", "vlan-on-session", "mtu-auto")
                .doesNotContain("no-op", "foreign-id-collision");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aWholeRunConvergesAndRecordsWhatItMade(String name) throws Exception {
        PlanFixture c = load(name);
        Plan plan = c.plan();
        FakeKernel kernel = new FakeKernel(c.live());
        List<Ownership> saved = new ArrayList<>();

        Ownership after = new Executor(kernel, saved::add, step -> { }).apply(plan, c.record());

        assertThat(plan.changes()).isNotEmpty();
        assertThat(kernel.applied()).containsExactlyElementsOf(plan.kernelChanges());
        assertThat(saved).isNotEmpty().last().isEqualTo(after);
        Plan again = Planner.plan(c.desired(), kernel.read(), after, c.prune());
        assertThat(again.changes()).as("re-plan after apply").isEmpty();
        assertThat(again.conflicts()).isEmpty();
        assertThat(after.owned().tunnels().keySet()).isEqualTo(c.desired().state().tunnels().keySet());
        assertThat(after.owned().sessions().keySet()).isEqualTo(c.desired().state().sessions().keySet());
        // A foreign port is a link jl2tp does not own: never one of its sessions' interfaces or links.
        for (String port : after.owned().foreignPorts().keySet()) {
            assertThat(after.owned().links()).as("foreign port " + port).doesNotContainKey(port);
            assertThat(after.owned().sessions().values()).as("foreign port " + port)
                    .noneMatch(session -> port.equals(session.interfaceName()));
        }
    }

    static Stream<Object[]> failurePoints() throws Exception {
        List<Object[]> points = new ArrayList<>();
        for (String name : cases().toList()) {
            int steps = load(name).plan().kernelChanges().size();
            for (int n = 1; n <= steps; n++) {
                points.add(new Object[] {name, n});
            }
        }
        return points.stream();
    }

    @ParameterizedTest(name = "{0}, failing at kernel step {1}")
    @MethodSource("failurePoints")
    void aFailureAtAnyStepLeavesKernelAndRecordAsBefore(String name, int failingCall) throws Exception {
        failureLeavesKernelAndRecordAsBefore(name, failingCall, new FakeKernel(load(name).live()));
    }

    /** Steps after the refused one in the same batch were done by the kernel: they are undone too. */
    @ParameterizedTest(name = "{0}, batches of 3, failing at kernel step {1}")
    @MethodSource("failurePoints")
    void aFailureInsideABatchUndoesTheLaterStepsOfTheBatchToo(String name, int failingCall) throws Exception {
        failureLeavesKernelAndRecordAsBefore(name, failingCall, new FakeKernel(load(name).live()).batching(3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void batchesConvergeToTheSameStateAndRecord(String name) throws Exception {
        PlanFixture c = load(name);
        Plan plan = c.plan();
        FakeKernel oneByOne = new FakeKernel(c.live());
        FakeKernel batched = new FakeKernel(c.live()).batching(3);
        Ownership expected = new Executor(oneByOne, r -> { }, step -> { }).apply(plan, c.record());
        List<Ownership> saved = new ArrayList<>();

        Ownership after = new Executor(batched, saved::add, step -> { }).apply(plan, c.record());

        assertThat(after).isEqualTo(expected);
        assertThat(batched.comparable()).isEqualTo(oneByOne.comparable());
        assertThat(saved).last().isEqualTo(after);
    }

    /** eth0 is not jl2tp's: it is in the record before it is attached, so a kill cannot lose it. */
    @Test
    void aForeignPortIsRecordedBeforeItIsAttached() throws Exception {
        PlanFixture c = load("bridge-added");
        FakeKernel fake = new FakeKernel(c.live());
        List<Ownership> saved = new ArrayList<>();
        List<String> seenAtAttach = new ArrayList<>();
        KernelOps watching = watched(fake, change -> {
            if (LinkSteps.attach(change).filter(m -> m.link().equals("eth0")).isPresent()) {
                seenAtAttach.add(saved.get(saved.size() - 1).owned().foreignPorts().toString());
            }
        });

        Ownership after = new Executor(watching, saved::add, step -> { }).apply(c.plan(), c.record());

        assertThat(seenAtAttach).containsExactly("{eth0=br0}");
        assertThat(after.owned().foreignPorts()).containsEntry("eth0", "br0");
    }

    /** Each step takes the kernel a second; with saves free, one follows every batch once a second has passed. */
    @Test
    void aQuickSaveFollowsEveryBatchOnceTheIntervalHasPassed() throws Exception {
        assertThat(saveTimes(0)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    /**
     * A save that takes 2 s is followed by none for 9 times that (SAVE_COST_FACTOR), counted from its
     * end; only the final one. Counting a fixed second from its start would have saved after every
     * batch: 1, 4, 7, 10, 13.
     */
    @Test
    void aSlowSaveSpacesOutTheNextOnes() throws Exception {
        assertThat(Executor.SAVE_COST_FACTOR).isEqualTo(9);
        assertThat(saveTimes(2)).containsExactly(1L, 7L);
    }

    /** When the record is saved (in seconds on a fake clock) in create-from-empty's five steps, one per batch. */
    private static List<Long> saveTimes(long secondsPerSave) throws Exception {
        PlanFixture c = load("create-from-empty");
        FakeKernel fake = new FakeKernel(c.live());
        long second = 1_000_000_000L;
        long[] now = {0};
        KernelOps aSecondAStep = watched(fake, change -> now[0] += second);
        List<Long> times = new ArrayList<>();
        Executor.RecordSink sink = record -> {
            times.add(now[0] / second);
            now[0] += secondsPerSave * second;
        };

        Ownership after = new Executor(aSecondAStep, sink, step -> { }, Duration.ofSeconds(1), () -> now[0])
                .apply(c.plan(), c.record());

        assertThat(c.plan().changes()).hasSize(5);
        assertThat(after.owned().sessions()).hasSize(1);
        return times;
    }

    /** The fake kernel, one step at a time, with {@code beforeEach} seeing each step before it is applied. */
    private static KernelOps watched(FakeKernel fake, java.util.function.Consumer<Change> beforeEach) {
        return new KernelOps() {
            @Override
            public NetworkState read() {
                return fake.state();
            }

            @Override
            public void apply(Change change) throws NetlinkException {
                beforeEach.accept(change);
                fake.apply(change);
            }
        };
    }

    private static void failureLeavesKernelAndRecordAsBefore(String name, int failingCall, FakeKernel kernel)
            throws Exception {
        PlanFixture c = load(name);
        Plan plan = c.plan();
        NetworkState before = kernel.comparable();
        List<Ownership> saved = new ArrayList<>();
        kernel.failingAt(failingCall);

        assertThatThrownBy(() -> new Executor(kernel, saved::add, step -> { }).apply(plan, c.record()))
                .isInstanceOfSatisfying(ApplyFailure.class, failure -> {
                    assertThat(failure.undone()).isTrue();
                    assertThat(failure.kernelError().orElseThrow().errno()).isEqualTo(16);
                    assertThat(failure.getMessage()).contains("EBUSY").contains("injected failure")
                            .contains(failure.step().orElseThrow().summary());
                });

        assertThat(kernel.comparable()).isEqualTo(before);
        if (!saved.isEmpty()) {
            assertThat(saved.get(saved.size() - 1)).isEqualTo(c.record());
        }
    }
}
