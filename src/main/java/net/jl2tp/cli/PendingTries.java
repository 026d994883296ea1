package net.jl2tp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
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

    /**
     * The try file of one namespace, looked at again and again (the watcher, the countdown, every
     * second for up to a day): parsed again only when it changed (a save is a rename: a new inode),
     * not 6 MB of JSON a second for a try of 10 000 sessions.
     */
    static final class Follow {
        private List<Object> seen;
        private Optional<PendingTry> last = Optional.empty();

        Optional<PendingTry> load(StateDirectory state, NetnsId netns) throws IOException, UnreadableStateRecord {
            Optional<PendingTryStore> store = state.pendingTry(netns);
            if (store.isEmpty()) {
                return Optional.empty();
            }
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(store.get().file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                seen = null;
                last = Optional.empty();
                return last;
            }
            List<Object> now = List.of(a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey()));
            if (!now.equals(seen)) {
                last = store.get().load();
                seen = now;
            }
            return last;
        }
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
