package net.jl2tp.plan;

import java.util.Map;
import java.util.Optional;
import net.jl2tp.config.Marks;
import net.jl2tp.config.SourceMark;
import net.jl2tp.model.NetworkState;

/**
 * The state the config asks for, with where each object was asked for, so that every change in a
 * plan can point at the line behind it.
 *
 * @param labels a tunnel's label from the config, for messages
 */
public record Desired(NetworkState state, Map<ObjectRef, Marks> marks, Map<Long, String> labels) {
    public Desired {
        marks = Map.copyOf(marks);
        labels = Map.copyOf(labels);
    }

    /** Where {@code key} of the object was written; the object's own line when the key was not. */
    public Optional<SourceMark> markOf(ObjectRef ref, String key) {
        return Optional.ofNullable(marks.get(ref)).map(m -> m.of(key));
    }

    public Optional<SourceMark> markOf(ObjectRef ref) {
        return Optional.ofNullable(marks.get(ref)).map(Marks::self);
    }
}
