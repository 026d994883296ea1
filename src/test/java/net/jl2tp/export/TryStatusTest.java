package net.jl2tp.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.plan.Before;
import net.jl2tp.plan.Plan;
import net.jl2tp.plan.TryScope;
import org.junit.jupiter.api.Test;

/** status's lines for a try: the time left, and a deadline passed with the try still armed. */
class TryStatusTest {
    private static final Instant DEADLINE = Instant.parse("2026-12-06T10:02:00Z");

    private static PendingTry pending() {
        return new PendingTry("0123456789abcdef", Optional.empty(), PendingTry.Phase.PENDING,
                Instant.parse("2026-12-06T10:00:00Z"), DEADLINE, Duration.ofSeconds(120), List.of(), List.of(), false,
                new Before(new TryScope(Set.of(), Set.of(), Set.of()), NetworkState.empty()), Ownership.empty(),
                "process 4242 (log: /run/jl2tp/state/try-0123456789abcdef.log)", Optional.empty(), List.of());
    }

    private static String text(Instant now) {
        return new TryStatus(pending(), new Plan(List.of(), List.of(), List.of(), List.of()), now).toText();
    }

    @Test
    void aTryBeforeItsDeadlineSaysWhenItRollsBack() {
        assertThat(text(DEADLINE.minusSeconds(95))).startsWith("try 0123456789abcdef: pending, started 10:00:00 UTC; "
                + "rolls back at 10:02:00 UTC (in 95 s) unless confirmed\n");
    }

    @Test
    void aTryStillArmedPastItsDeadlineIsShownOverdueWithWhatToDo() {
        assertThat(text(DEADLINE.plusSeconds(300))).startsWith("try 0123456789abcdef: pending, started 10:00:00 UTC; "
                + "rolls back at 10:02:00 UTC, OVERDUE by 300 s: if this lasts, its watcher is not running; "
                + "jl2tp-apply rollback rolls it back now\n");
    }
}
