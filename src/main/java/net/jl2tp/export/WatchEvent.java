package net.jl2tp.export;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import net.jl2tp.apply.Drift;
import net.jl2tp.json.JsonWriter;

/**
 * One line of {@code jl2tp-apply watch}: a drift of a kernel object, or what the watch itself did
 * (reconcile, back-off, resync, a reconcile held by a pending try). As text, one line for people;
 * as JSON, one object per line with always the same keys, in this order: time, kind, object,
 * change, relation (null for the watch's own events), details.
 *
 * @param kind tunnel, session, link (drift), or reconcile, backoff, resync, held (the watch's own)
 */
public record WatchEvent(Instant time, String kind, String object, String change, Optional<Drift.Relation> relation,
        List<String> details) {
    public WatchEvent {
        time = time.truncatedTo(ChronoUnit.MILLIS);
        details = List.copyOf(details);
    }

    public static WatchEvent of(Instant time, Drift d) {
        return new WatchEvent(time, d.kind(), d.object(), d.change(), Optional.of(d.relation()), d.details());
    }

    /** An event of the watch itself; {@code object} is what it concerns (the namespace, or the objects). */
    public static WatchEvent own(Instant time, String kind, String object, String change, List<String> details) {
        return new WatchEvent(time, kind, object, change, Optional.empty(), details);
    }

    public String text() {
        StringBuilder b = new StringBuilder().append(time).append(' ').append(kind).append(' ').append(object).append(' ')
                .append(change);
        relation.ifPresent(r -> b.append(" (").append(r).append(')'));
        if (!details.isEmpty()) {
            b.append(": ").append(String.join("; ", details));
        }
        return b.toString();
    }

    public String json() {
        StringBuilder b = new StringBuilder("{\"time\":").append(JsonWriter.quote(time.toString()))
                .append(",\"kind\":").append(JsonWriter.quote(kind))
                .append(",\"object\":").append(JsonWriter.quote(object))
                .append(",\"change\":").append(JsonWriter.quote(change))
                .append(",\"relation\":").append(relation.map(r -> JsonWriter.quote(r.name())).orElse("null"))
                .append(",\"details\":[");
        for (int i = 0; i < details.size(); i++) {
            b.append(i == 0 ? "" : ",").append(JsonWriter.quote(details.get(i)));
        }
        return b.append("]}").toString();
    }
}
