package net.jl2tp.apply;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.jl2tp.json.JsonReader;
import net.jl2tp.json.JsonWriter;
import net.jl2tp.json.Tree;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.SessionKey;
import net.jl2tp.plan.Before;
import net.jl2tp.plan.TryScope;

/**
 * A pending try as JSON, the file {@link PendingTryStore} keeps. Read as strictly as the state
 * record ({@link RecordObject}): anything but what {@link #write} writes is an
 * IllegalArgumentException naming the field.
 */
final class PendingTryJson {
    static final int FORMAT = 1;
    /** A try's id: what {@link PendingTryStore#newId} makes, and all a unit or file name may hold of it. */
    static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    private static final long MAX_MILLIS = 253_402_300_799_000L; // 9999-12-31, far beyond any deadline

    private PendingTryJson() {
    }

    static String write(PendingTry t) {
        List<Tree> sessions = new ArrayList<>();
        for (SessionKey k : t.before().scope().sessions()) {
            sessions.add(Tree.line(Tree.mapping().put("tunnel-id", k.tunnelId()).put("session-id", k.sessionId()).build()));
        }
        List<Tree> candidates = new ArrayList<>();
        for (PendingTry.Candidate c : t.candidates()) {
            candidates.add(Tree.line(Tree.mapping().put("file", c.file().toString()).put("sha256", c.sha256())
                    .put("install-as", c.installAs().toString()).build()));
        }
        Tree.Mapping scope = Tree.mapping()
                .put("tunnels", Tree.line(Tree.sequence(t.before().scope().tunnels().stream().map(Tree::number).toList())))
                .put("sessions", Tree.sequence(sessions))
                .put("links", Tree.line(Tree.sequence(t.before().scope().links().stream().map(Tree::text).toList())))
                .build();
        return JsonWriter.write(Tree.mapping()
                .put("format", FORMAT)
                .put("id", t.id())
                .put("netns", t.netns().orElse(null))
                .put("phase", t.phase().keyword())
                .put("started", t.started().toEpochMilli())
                .put("deadline", t.deadline().toEpochMilli())
                .put("timeout-seconds", t.timeout().toSeconds())
                .put("config", Tree.sequence(t.config().stream().map(p -> Tree.text(p.toString())).toList()))
                .put("candidates", Tree.sequence(candidates))
                .put("prune", t.prune())
                .put("watcher", t.watcher())
                .put("ended", t.ended().<Tree>map(e -> Tree.number(e.toEpochMilli())).orElse(new Tree.Null()))
                .put("outcome", Tree.sequence(t.outcome().stream().map(Tree::text).toList()))
                .put("scope", scope)
                .put("before", NetworkStateJson.toTree(t.before().state()))
                .put("record-before", NetworkStateJson.toTree(t.recordBefore().owned()))
                .build());
    }

    static PendingTry read(String json) {
        Object parsed;
        try {
            parsed = JsonReader.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        RecordObject root = RecordObject.root(parsed);
        if (!Integer.valueOf(FORMAT).equals(root.raw("format"))) {
            throw new IllegalArgumentException("format " + root.raw("format") + " is not one this release reads (" + FORMAT + ")");
        }
        String id = root.string("id");
        if (!ID.matcher(id).matches()) {
            throw root.field("id", "is not 16 hex digits");
        }
        PendingTry.Phase phase = null;
        String word = root.string("phase");
        for (PendingTry.Phase p : PendingTry.Phase.values()) {
            if (p.keyword().equals(word)) {
                phase = p;
            }
        }
        if (phase == null) {
            throw root.field("phase", "is not a phase of a try");
        }
        RecordObject scopeObject = root.object("scope");
        TreeSet<Long> tunnels = new TreeSet<>();
        for (String text : numbersAsText(scopeObject, "tunnels")) {
            tunnels.add(Long.parseLong(text));
        }
        TreeSet<SessionKey> sessions = new TreeSet<>();
        for (RecordObject s : scopeObject.objects("sessions")) {
            sessions.add(new SessionKey(s.whole("tunnel-id", 1, 0xFFFF_FFFFL), s.whole("session-id", 1, 0xFFFF_FFFFL)));
        }
        TreeSet<String> links = new TreeSet<>(scopeObject.strings("links"));
        List<PendingTry.Candidate> candidates = new ArrayList<>();
        for (RecordObject c : root.objects("candidates")) {
            String sha = c.string("sha256");
            if (!sha.matches("[0-9a-f]{64}")) {
                throw c.field("sha256", "is not a SHA-256 in hex");
            }
            candidates.add(new PendingTry.Candidate(absolute(c, "file"), sha, absolute(c, "install-as")));
        }
        List<Path> config = new ArrayList<>();
        for (String p : root.strings("config")) {
            config.add(Path.of(p));
        }
        Before before = new Before(new TryScope(tunnels, sessions, links), NetworkStateJson.fromTree(root.tree("before")));
        return new PendingTry(id, root.optionalString("netns"), phase,
                Instant.ofEpochMilli(root.whole("started", 0, MAX_MILLIS)),
                Instant.ofEpochMilli(root.whole("deadline", 0, MAX_MILLIS)),
                Duration.ofSeconds(root.whole("timeout-seconds", 0, MAX_MILLIS / 1000)), config, candidates,
                root.bool("prune"), before, new Ownership(NetworkStateJson.fromTree(root.tree("record-before"))),
                root.string("watcher"), root.optionalWhole("ended", 0, MAX_MILLIS).map(Instant::ofEpochMilli),
                root.strings("outcome"));
    }

    /** Tunnel ids, read as whole numbers in range (RecordObject reads fields, not list items). */
    private static List<String> numbersAsText(RecordObject o, String key) {
        Object raw = o.raw(key);
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof List<?> list)) {
            throw o.field(key, "is not a list");
        }
        for (Object item : list) {
            if (!(item instanceof Integer || item instanceof Long) || ((Number) item).longValue() < 1
                    || ((Number) item).longValue() > 0xFFFF_FFFFL) {
                throw o.field(key, "holds " + item + ", not a tunnel id");
            }
            out.add(item.toString());
        }
        return out;
    }

    private static Path absolute(RecordObject o, String key) {
        String text = o.string(key);
        if (!text.startsWith("/") || text.indexOf('\0') >= 0) {
            throw o.field(key, "is not an absolute path");
        }
        return Path.of(text);
    }
}
