package net.jl2tp.export;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.json.Tree;
import net.jl2tp.plan.Change;
import net.jl2tp.plan.Plan;

/**
 * A namespace's try as status shows it: where it is, when it rolls back, and what a rollback
 * would do now (the restore plan against the kernel as read), or what the last rollback left.
 *
 * @param rollback the restore plan against the kernel now (empty for a try that is over)
 */
public record TryStatus(PendingTry pending, Plan rollback, Instant now) {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private long secondsLeft() {
        return Math.max(0, Duration.between(now, pending.deadline()).toSeconds());
    }

    public Tree toTree() {
        List<Tree> would = new ArrayList<>();
        for (Change c : rollback.changes()) {
            would.add(Tree.text(c.sign() + " " + c.summary()));
        }
        List<Tree> candidates = new ArrayList<>();
        for (PendingTry.Candidate c : pending.candidates()) {
            candidates.add(Tree.mapping().put("file", c.file().toString()).put("install-as", c.installAs().toString()).build());
        }
        boolean blocks = pending.phase().blocks();
        return Tree.mapping()
                .put("id", pending.id())
                .put("phase", pending.phase().keyword())
                .put("netns", pending.netns().orElse(null))
                .put("started", DateTimeFormatter.ISO_INSTANT.format(pending.started()))
                .put("deadline", DateTimeFormatter.ISO_INSTANT.format(pending.deadline()))
                .put("seconds-left", blocks ? Tree.number(secondsLeft()) : new Tree.Null())
                .put("watcher", pending.watcher())
                .put("config", Tree.sequence(pending.config().stream().map(p -> Tree.text(p.toString())).toList()))
                .put("candidates", Tree.sequence(candidates))
                .put("rollback-would", Tree.sequence(would))
                .put("ended", pending.ended().map(DateTimeFormatter.ISO_INSTANT::format).orElse(null))
                .put("not-restored", Tree.sequence(pending.outcome().stream().map(Tree::text).toList()))
                .build();
    }

    public String toText() {
        StringBuilder b = new StringBuilder();
        String id = "try " + pending.id() + pending.netns().map(n -> " (namespace " + n + ")").orElse("");
        switch (pending.phase()) {
            case APPLYING, PENDING -> {
                b.append(id).append(": ").append(pending.phase() == PendingTry.Phase.PENDING ? "pending"
                        : "being applied, or its process ended during the apply")
                        .append(", started ").append(CLOCK.format(pending.started())).append("; rolls back at ")
                        .append(CLOCK.format(pending.deadline()));
                long overdue = Duration.between(pending.deadline(), now).toSeconds();
                if (overdue > 0) {
                    // a watcher killed with nothing to restart it (not a systemd unit) leaves the try armed past its deadline
                    b.append(", OVERDUE by ").append(overdue).append(" s: if this lasts, its watcher is not running; "
                            + "jl2tp-apply rollback rolls it back now\n");
                } else {
                    b.append(" (in ").append(secondsLeft()).append(" s) unless confirmed\n");
                }
                b.append("  armed: ").append(pending.watcher()).append('\n');
                for (PendingTry.Candidate c : pending.candidates()) {
                    b.append("  candidate: ").append(c.file()).append(" (confirm installs it as ").append(c.installAs())
                            .append(")\n");
                }
                if (rollback.changes().isEmpty()) {
                    b.append("  a rollback would change nothing: the objects it touched are as before it\n");
                } else {
                    b.append("  a rollback would:\n");
                    for (Change c : rollback.changes()) {
                        b.append("    ").append(c.sign()).append(' ').append(c.summary()).append('\n');
                    }
                }
            }
            case ROLLED_BACK -> b.append(id).append(": rolled back at ")
                    .append(CLOCK.format(pending.ended().orElse(pending.deadline())))
                    .append(": the objects it touched are as they were before it\n");
            case ROLLBACK_INCOMPLETE -> {
                b.append(id).append(": ROLLBACK INCOMPLETE at ").append(CLOCK.format(pending.ended().orElse(pending.deadline())))
                        .append("; not restored:\n");
                pending.outcome().forEach(line -> b.append("  ").append(line).append('\n'));
                b.append("  jl2tp-apply rollback tries again; jl2tp-apply confirm leaves the kernel as it is\n");
            }
            default -> throw new IllegalStateException();
        }
        return b.toString();
    }
}
