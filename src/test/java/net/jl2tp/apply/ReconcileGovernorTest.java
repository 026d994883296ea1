package net.jl2tp.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The debounce and back-off as a state machine, with the time given: no clock, no sleeping. */
class ReconcileGovernorTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private final ReconcileGovernor governor = new ReconcileGovernor(ReconcileGovernor.Settings.defaults(Duration.ofSeconds(2)));

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    @Test
    void nothingIsDueWithoutDrift() {
        assertThat(governor.dueAt()).isEmpty();
        assertThat(governor.due(at(100))).isFalse();
        governor.drifted(Set.of(), at(0));
        assertThat(governor.dueAt()).isEmpty();
    }

    @Test
    void aBurstIsOneReconcileAfterTheQuietPeriodFromItsLastChange() {
        governor.drifted(Set.of("session 10/1"), at(0));
        governor.drifted(Set.of("link l2tpeth0"), at(1.5));
        assertThat(governor.due(at(3.4))).isFalse();
        assertThat(governor.due(at(3.5))).isTrue();
        assertThat(governor.take()).containsExactlyInAnyOrder("session 10/1", "link l2tpeth0");
        assertThat(governor.dueAt()).isEmpty();
    }

    @Test
    void theSameObjectDriftingThreeTimesWithinTheWindowBacksOffDoublingUpToTheCap() {
        Set<String> pw = Set.of("session 10/3");
        assertThat(governor.reconciled(pw, at(0))).isEmpty();
        assertThat(governor.reconciled(pw, at(5))).isEmpty();
        Optional<ReconcileGovernor.BackOff> third = governor.reconciled(pw, at(10));
        assertThat(third).isPresent();
        assertThat(third.get().delay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(third.get().describe()).isEqualTo("backing off 10 s: session 10/3 drifted again 3 times within 60 s; "
                + "another tool may keep undoing the config");
        governor.drifted(pw, at(11));
        assertThat(governor.due(at(13))).as("quiet, but backing off").isFalse();
        assertThat(governor.backingOff(at(13))).isTrue();
        assertThat(governor.due(at(20))).isTrue();
        governor.take();
        assertThat(governor.reconciled(pw, at(20)).orElseThrow().delay()).isEqualTo(Duration.ofSeconds(20));
        assertThat(governor.reconciled(pw, at(41)).orElseThrow().delay()).isEqualTo(Duration.ofSeconds(40));
    }

    /**
     * A tool that undoes the config half a second after each reconcile, the governor consulted as
     * the watch does (a reconcile only when due): the delays double to the cap and stay there,
     * though from 80 s on fewer than three reconciles fit in the 60 s window.
     */
    @Test
    void aToolThatNeverStopsIsBackedOffFromUpToTheCapAndStaysThere() {
        Set<String> pw = Set.of("session 10/3");
        double now = 0;
        java.util.List<Long> delays = new java.util.ArrayList<>();
        for (int reconciles = 0; reconciles < 11; reconciles++) {
            now += 0.5; // the tool undoes it
            governor.drifted(pw, at(now));
            now = Math.max(now, java.time.Duration.between(T0, governor.dueAt().orElseThrow()).toMillis() / 1000.0);
            assertThat(governor.due(at(now))).isTrue();
            governor.take();
            governor.reconciled(pw, at(now)).ifPresent(b -> delays.add(b.delay().toSeconds()));
        }
        assertThat(delays).containsExactly(10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L, 300L);
        assertThat(governor.backingOff(at(now + 299))).isTrue();
    }

    @Test
    void aBackOffEndsWhenTheObjectStaysQuietForTheWindowAndTheDelay() {
        Set<String> pw = Set.of("session 10/3");
        governor.reconciled(pw, at(0));
        governor.reconciled(pw, at(5));
        assertThat(governor.reconciled(pw, at(10)).orElseThrow().delay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(governor.reconciled(pw, at(25)).orElseThrow().delay()).as("again within 60 + 10 s").isEqualTo(
                Duration.ofSeconds(20));
        assertThat(governor.reconciled(pw, at(25 + 60 + 20 + 1))).as("quiet for longer than 60 + 20 s").isEmpty();
        assertThat(governor.reconciled(pw, at(200))).as("back to three within the window").isEmpty();
    }

    @Test
    void driftOutsideTheWindowOrOfOtherObjectsDoesNotBackOffAndEndsABackOff() {
        Set<String> pw = Set.of("session 10/3");
        governor.reconciled(pw, at(0));
        governor.reconciled(pw, at(30));
        assertThat(governor.reconciled(pw, at(61))).as("the first is out of the window").isEmpty();
        assertThat(governor.reconciled(pw, at(62))).isPresent();
        assertThat(governor.reconciled(Set.of("tunnel 10"), at(70))).isEmpty();
        assertThat(governor.reconciled(Set.of("tunnel 11"), at(200))).isEmpty();
        assertThat(governor.reconciled(pw, at(201))).isEmpty();
    }

    @Test
    void aPostponedReconcileWaitsAnotherQuietPeriodAndKeepsItsObjects() {
        governor.drifted(Set.of("tunnel 10"), at(0));
        Set<String> taken = governor.take();
        governor.postpone(taken, at(2));
        assertThat(governor.due(at(3.9))).isFalse();
        assertThat(governor.due(at(4))).isTrue();
        assertThat(governor.take()).containsExactly("tunnel 10");
    }
}
