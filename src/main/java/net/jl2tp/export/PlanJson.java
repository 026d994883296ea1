package net.jl2tp.export;

import net.jl2tp.plan.Change;
import net.jl2tp.plan.ObjectRef;
import net.jl2tp.plan.Plan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jl2tp.config.SourceMark;
import net.jl2tp.json.JsonWriter;
import net.jl2tp.json.Tree;

/**
 * The plan for scripts. Stable keys: {@code in-sync}, {@code changes} (each with {@code op},
 * {@code sign}, {@code phase}, {@code object}, {@code summary}, {@code reason}, {@code origin}),
 * {@code notes}, {@code conflicts} and {@code warnings} (each with {@code object}, {@code message}, {@code origin}).
 * {@code origin} is {@code {file, line, column}} or null.
 */
public final class PlanJson {
    private PlanJson() {
    }

    public static String render(Plan plan) {
        return JsonWriter.write(Tree.mapping()
                .put("in-sync", plan.inSync())
                .put("changes", Tree.sequence(plan.changes().stream().map(c -> Tree.line(Tree.mapping()
                        .put("op", op(c))
                        .put("sign", String.valueOf(c.sign()))
                        .put("phase", c.phase().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .put("object", c.target().toString())
                        .put("summary", c.summary())
                        .put("reason", c.reason())
                        .put("origin", origin(c.origin())).build())).toList()))
                .put("notes", Tree.sequence(plan.notes().stream().map(n -> entry(n.target(), n.message(), n.origin())).toList()))
                .put("conflicts", Tree.sequence(plan.conflicts().stream().map(c -> entry(c.target(), c.message(), c.origin()))
                        .toList()))
                .put("warnings", Tree.sequence(plan.warnings().stream().map(w -> entry(w.target(), w.message(), w.origin()))
                        .toList()))
                .build());
    }

    /** create-tunnel, delete-session, set-mtu...: the change kind in kebab case. */
    static String op(Change c) {
        return c.accept(OP);
    }

    private static final Change.Visitor<String> OP = new Change.Visitor<>() {
        public String createTunnel(Change.CreateTunnel c) {
            return "create-tunnel";
        }

        public String deleteTunnel(Change.DeleteTunnel c) {
            return "delete-tunnel";
        }

        public String createSession(Change.CreateSession c) {
            return "create-session";
        }

        public String deleteSession(Change.DeleteSession c) {
            return "delete-session";
        }

        public String modifySession(Change.ModifySession c) {
            return "modify-session";
        }

        public String createLink(Change.CreateLink c) {
            return "create-link";
        }

        public String deleteLink(Change.DeleteLink c) {
            return "delete-link";
        }

        public String setMtu(Change.SetMtu c) {
            return "set-mtu";
        }

        public String setMaster(Change.SetMaster c) {
            return "set-master";
        }

        public String setUp(Change.SetUp c) {
            return "set-up";
        }

        public String addAddress(Change.AddAddress c) {
            return "add-address";
        }

        public String deleteAddress(Change.DeleteAddress c) {
            return "delete-address";
        }

        public String adopt(Change.Adopt c) {
            return "adopt";
        }
    };

    private static Tree entry(ObjectRef target, String message, Optional<SourceMark> origin) {
        return Tree.line(Tree.mapping().put("object", target.toString()).put("message", message)
                .put("origin", origin(origin)).build());
    }

    private static Tree origin(Optional<SourceMark> mark) {
        return mark.<Tree>map(m -> Tree.mapping().put("file", m.file()).put("line", m.line()).put("column", m.column())
                .build()).orElse(new Tree.Null());
    }
}
