package net.jl2tp.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When the watch reconciles: after a quiet period with no new drift (debounce: a burst of changes
 * is one reconcile), and not in a loop against another tool that keeps undoing it. When the same
 * object has drifted and been reconciled {@code repeats} times within {@code window}, the next
 * reconcile waits {@code firstBackoff}, doubled at each further repeat up to {@code maxBackoff}.
 * While backing off, a repeat is a second reconcile within {@code window} plus the current delay
 * (a delay of a minute or more leaves no room for three within the window, which would otherwise
 * end the back-off at once); a reconcile after which nothing repeats ends it. Pure: the caller
 * gives the time, so the tests need no clock.
 */
public final class ReconcileGovernor {
    /** The watch's policy. */
    public record Settings(Duration quiet, int repeats, Duration window, Duration firstBackoff, Duration maxBackoff) {
        public static Settings defaults(Duration quiet) {
            return new Settings(quiet, 3, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(5));
        }
    }

    /** What the caller says when it backs off. */
    public record BackOff(Duration delay, List<String> objects, int times, Duration window) {
        public String describe() {
            return "backing off " + delay.toSeconds() + " s: " + String.join(", ", objects) + " drifted again " + times
                    + " times within " + window.toSeconds() + " s; another tool may keep undoing the config";
        }
    }

    private final Settings settings;
    private final Set<String> pending = new TreeSet<>();
    private final Map<String, Deque<Instant>> reconciled = new HashMap<>();
    private Instant quietUntil = Instant.MIN;
    private Instant notBefore = Instant.MIN;
    private int level;
    private Duration delay = Duration.ZERO;

    public ReconcileGovernor(Settings settings) {
        this.settings = settings;
    }

    /** Drift of {@code objects} seen at {@code now}: the quiet period starts again. */
    public void drifted(Set<String> objects, Instant now) {
        if (objects.isEmpty()) {
            return;
        }
        pending.addAll(objects);
        quietUntil = now.plus(settings.quiet());
    }

    /** When the next reconcile is due; empty while nothing has drifted. */
    public Optional<Instant> dueAt() {
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(quietUntil.isAfter(notBefore) ? quietUntil : notBefore);
    }

    public boolean due(Instant now) {
        return dueAt().map(at -> !now.isBefore(at)).orElse(false);
    }

    /** The objects to reconcile now; the pending set is emptied. */
    public Set<String> take() {
        Set<String> out = Set.copyOf(pending);
        pending.clear();
        return out;
    }

    /** Could not reconcile now (a try is pending): try again after another quiet period. */
    public void postpone(Set<String> objects, Instant now) {
        pending.addAll(objects);
        quietUntil = now.plus(settings.quiet());
    }

    /** True while a back-off holds the next reconcile. */
    public boolean backingOff(Instant now) {
        return now.isBefore(notBefore);
    }

    /** {@code objects} were reconciled at {@code now}; a back-off when some of them keep coming back. */
    public Optional<BackOff> reconciled(Set<String> objects, Instant now) {
        boolean backingOff = level > 0;
        Duration span = backingOff ? settings.window().plus(delay) : settings.window();
        int needed = backingOff ? 2 : settings.repeats();
        Instant kept = now.minus(settings.window().plus(settings.maxBackoff()));
        reconciled.values().forEach(times -> times.removeIf(t -> t.isBefore(kept)));
        reconciled.values().removeIf(Deque::isEmpty);
        Instant oldest = now.minus(span);
        TreeSet<String> repeated = new TreeSet<>();
        int most = 0;
        for (String o : objects) {
            Deque<Instant> times = reconciled.computeIfAbsent(o, k -> new ArrayDeque<>());
            times.add(now);
            int within = (int) times.stream().filter(t -> !t.isBefore(oldest)).count();
            if (within >= needed) {
                repeated.add(o);
                most = Math.max(most, within);
            }
        }
        if (repeated.isEmpty()) {
            level = 0;
            delay = Duration.ZERO;
            return Optional.empty();
        }
        level++;
        delay = settings.firstBackoff().multipliedBy(1L << Math.min(level - 1, 20));
        if (delay.compareTo(settings.maxBackoff()) > 0) {
            delay = settings.maxBackoff();
        }
        notBefore = now.plus(delay);
        return Optional.of(new BackOff(delay, List.copyOf(repeated), most, span));
    }
}
