package net.jl2tp.apply;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jl2tp.model.Ownership;
import net.jl2tp.plan.Before;

/**
 * A try and what it takes to undo it, as kept in /run/jl2tp/state while it lasts (see
 * {@link PendingTryStore}): enough for a process that has nothing else (the watcher started at
 * boot of the try, or {@code jl2tp-apply rollback} from another shell) to put the kernel back.
 *
 * @param netns the --netns name the try was given; empty for the namespace it ran in
 * @param config the --config paths the try read; empty for the search path
 * @param before what the objects the try touches were before it
 * @param recordBefore the state record before the try, put back by a rollback
 * @param watcher how the rollback is armed, for status and messages
 * @param outcome after a rollback: what it could not restore (empty when it restored all)
 */
public record PendingTry(String id, Optional<String> netns, Phase phase, Instant started, Instant deadline,
        Duration timeout, List<Path> config, List<Candidate> candidates, boolean prune, Before before,
        Ownership recordBefore, String watcher, Optional<Instant> ended, List<String> outcome) {

    public PendingTry {
        config = List.copyOf(config);
        candidates = List.copyOf(candidates);
        outcome = List.copyOf(outcome);
    }

    /** Where a try is in its life. */
    public enum Phase {
        /** Armed, the apply under way: a try whose process died here can only be rolled back. */
        APPLYING("applying"),
        /** Applied; rolls back at the deadline unless confirmed. */
        PENDING("pending"),
        /** Rolled back, every object restored: kept for status until the next apply or try. */
        ROLLED_BACK("rolled-back"),
        /** Rolled back as far as the kernel allowed: {@code outcome} says what is not restored. */
        ROLLBACK_INCOMPLETE("rollback-incomplete");

        private final String keyword;

        Phase(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }

        /** A try in this phase blocks other applies and tries in its namespace. */
        public boolean blocks() {
            return this == APPLYING || this == PENDING;
        }
    }

    /**
     * A file given to {@code try --candidate}: read in the place of {@code installAs}, and put
     * there by confirm if it has not changed since (its SHA-256 then).
     */
    public record Candidate(Path file, String sha256, Path installAs) {
    }

    public PendingTry applied(Instant deadline) {
        return new PendingTry(id, netns, Phase.PENDING, started, deadline, timeout, config, candidates, prune, before,
                recordBefore, watcher, ended, outcome);
    }

    public PendingTry withDeadline(Instant newDeadline) {
        return new PendingTry(id, netns, phase, started, newDeadline, timeout, config, candidates, prune, before,
                recordBefore, watcher, ended, outcome);
    }

    public PendingTry withWatcher(String how) {
        return new PendingTry(id, netns, phase, started, deadline, timeout, config, candidates, prune, before,
                recordBefore, how, ended, outcome);
    }

    /** After a rollback: restored all ({@code notRestored} empty) or not. */
    public PendingTry rolledBack(Instant when, List<String> notRestored) {
        return new PendingTry(id, netns, notRestored.isEmpty() ? Phase.ROLLED_BACK : Phase.ROLLBACK_INCOMPLETE, started,
                deadline, timeout, config, candidates, prune, before, recordBefore, watcher, Optional.of(when), notRestored);
    }
}
