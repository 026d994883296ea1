package net.jl2tp.plan;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.jl2tp.config.Marks;
import net.jl2tp.config.SourceMark;
import net.jl2tp.model.Mtu;
import net.jl2tp.model.NetworkState;

/**
 * The state the config asks for, with where each object was asked for, so that every change in a
 * plan can point at the line behind it.
 *
 * @param labels a tunnel's label from the config, for messages
 * @param sessionMtus each session interface's {@code mtu} as written ({@code auto} when absent);
 *     {@code state} holds the number once {@link MtuResolver} has worked {@code auto} out
 * @param mtuReasons for an MTU that jl2tp computed, how: {@code auto: 1446 = 1500 on pw0 - 54: ...}
 * @param warnings what the config asks for that works but is likely not what was meant
 */
public record Desired(NetworkState state, Map<ObjectRef, Marks> marks, Map<Long, String> labels,
        Map<String, Mtu> sessionMtus, Map<String, String> mtuReasons, List<Warning> warnings) {
    public Desired {
        marks = frozen(marks);
        labels = frozen(labels);
        sessionMtus = frozen(sessionMtus);
        mtuReasons = frozen(mtuReasons);
        warnings = List.copyOf(warnings);
    }

    /**
     * An unmodifiable copy. Not {@link Map#copyOf}: its open addressing probes linearly, and the
     * hash codes of session refs (31 * tunnel id + session id) pile into one run, so that copying
     * and looking up marks grew with the square of the sessions (minutes at 100 000).
     */
    private static <K, V> Map<K, V> frozen(Map<K, V> map) {
        Map<K, V> copy = new HashMap<>(map);
        copy.forEach((k, v) -> {
            Objects.requireNonNull(k);
            Objects.requireNonNull(v);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Where {@code key} of the object was written; the object's own line when the key was not. */
    public Optional<SourceMark> markOf(ObjectRef ref, String key) {
        return Optional.ofNullable(marks.get(ref)).map(m -> m.of(key));
    }

    public Optional<SourceMark> markOf(ObjectRef ref) {
        return Optional.ofNullable(marks.get(ref)).map(Marks::self);
    }
}
