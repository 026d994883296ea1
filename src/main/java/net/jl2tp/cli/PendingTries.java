package net.jl2tp.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.apply.PendingTryStore;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.apply.UnreadableStateRecord;
import net.jl2tp.kernel.NetnsId;

/** Finding a namespace's try, and the words every command uses for it. */
final class PendingTries {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private PendingTries() {
    }

    static Optional<PendingTry> load(StateDirectory state, NetnsId netns) throws IOException, UnreadableStateRecord {
        Optional<PendingTryStore> store = state.pendingTry(netns);
        return store.isPresent() ? store.get().load() : Optional.empty();
    }

    /** "a try is pending in this namespace (try ID, started 10:00:00 UTC, rolls back at 10:02:00 UTC, in 95 s)" */
    static String describe(PendingTry t) {
        String where = t.netns().map(n -> "in namespace " + n).orElse("in this namespace");
        String what = t.phase() == PendingTry.Phase.APPLYING
                ? "a try is being applied " + where + " (or its process ended during the apply)"
                : "a try is pending " + where;
        return what + " (try " + t.id() + ", started " + clock(t.started()) + ", rolls back at " + clock(t.deadline())
                + ", " + untilDeadline(t, Instant.now()) + ")";
    }

    static String untilDeadline(PendingTry t, Instant now) {
        long s = Duration.between(now, t.deadline()).toSeconds();
        return s > 0 ? "in " + s + " s" : s < 0 ? "overdue by " + -s + " s" : "due now";
    }

    static String clock(Instant when) {
        return CLOCK.format(when);
    }

    /** " --netns NAME" to add to a command the user is told to run, or nothing. */
    static String netnsOption(Optional<String> netns) {
        return netns.map(n -> " (with --netns " + n + ")").orElse("");
    }
}
