package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jl2tp.kernel.KernelNotification;
import org.junit.jupiter.api.Test;

/**
 * The watch's settle after a notification ({@link WatchRun#settle}), on a made-up clock: notifications
 * from every namespace may never pause, yet the watch reads, and hears a stop, within its cap.
 */
class WatchSettleTest {
    private static final KernelNotification LINK = new KernelNotification.LinkChange("new", 7, "eth9");
    private static final KernelNotification OVERRUN = new KernelNotification.Overrun("l2tp");

    private final long[] nanos = {1_000_000_000L};
    private final List<Integer> waits = new ArrayList<>();

    /** A source that answers every wait with {@code each} after {@code afterMillis} (empty: after the whole wait). */
    private WatchRun.Notifications source(int afterMillis, List<KernelNotification> each) {
        return timeout -> {
            waits.add(timeout);
            nanos[0] += (each.isEmpty() ? timeout : afterMillis) * 1_000_000L;
            return each;
        };
    }

    @Test
    void endlessNotificationsEndTheSettleAtItsCap() throws Exception {
        boolean overrun = WatchRun.settle(new ArrayList<>(List.of(LINK)), source(10, List.of(LINK)), () -> false,
                () -> nanos[0]);

        assertThat(overrun).isFalse();
        assertThat(waits).as("one every 10 ms for 500 ms").hasSize(WatchRun.SETTLE_CAP_MILLIS / 10)
                .allSatisfy(w -> assertThat(w).isBetween(1, WatchRun.SETTLE_MILLIS));
    }

    @Test
    void theLastWaitIsCutToWhatIsLeftOfTheCap() throws Exception {
        WatchRun.settle(List.of(LINK), source(45, List.of(LINK)), () -> false, () -> nanos[0]);

        assertThat(waits).hasSize(12).endsWith(WatchRun.SETTLE_MILLIS, 500 - 11 * 45);
    }

    @Test
    void aQuietSpellEndsIt() throws Exception {
        boolean overrun = WatchRun.settle(List.of(LINK), source(0, List.of()), () -> false, () -> nanos[0]);

        assertThat(overrun).isFalse();
        assertThat(waits).containsExactly(WatchRun.SETTLE_MILLIS);
    }

    @Test
    void anOverrunAnywhereInTheBurstIsKept() throws Exception {
        List<List<KernelNotification>> answers = new ArrayList<>(List.of(List.of(LINK), List.of(OVERRUN, LINK), List.of()));
        boolean overrun = WatchRun.settle(List.of(LINK), timeout -> answers.remove(0), () -> false, () -> nanos[0]);

        assertThat(overrun).isTrue();
        assertThat(answers).isEmpty();
        assertThat(WatchRun.settle(List.of(OVERRUN), source(0, List.of()), () -> false, () -> nanos[0])).isTrue();
    }

    @Test
    void aStopEndsItAtOnce() throws Exception {
        int[] asked = {0};
        WatchRun.settle(List.of(LINK), source(10, List.of(LINK)), () -> ++asked[0] > 3, () -> nanos[0]);

        assertThat(waits).as("waits before the stop, none after").hasSize(3);
    }
}
