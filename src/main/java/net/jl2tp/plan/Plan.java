package net.jl2tp.plan;

import java.util.List;

/**
 * What an apply would do: the changes in the order they run, what is left alone and why, the
 * conflicts that stop the apply before it touches the kernel, and warnings that do not stop it.
 */
public record Plan(List<Change> changes, List<Note> notes, List<Conflict> conflicts, List<Warning> warnings) {
    public Plan {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
        conflicts = List.copyOf(conflicts);
        warnings = List.copyOf(warnings);
    }

    /** Changes that touch the kernel (adoption only writes the state record). */
    public List<Change> kernelChanges() {
        return changes.stream().filter(c -> c.adoption().isEmpty()).toList();
    }

    public boolean inSync() {
        return changes.isEmpty() && conflicts.isEmpty();
    }
}
