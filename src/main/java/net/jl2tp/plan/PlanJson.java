package net.jl2tp.plan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jl2tp.config.SourceMark;
import net.jl2tp.json.JsonWriter;

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
        StringBuilder out = new StringBuilder("{\n  \"in-sync\": ").append(plan.inSync()).append(",\n  \"changes\": [");
        List<Change> changes = plan.changes();
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            out.append(i == 0 ? "\n    " : ",\n    ").append('{')
                    .append(q("op")).append(": ").append(q(op(c))).append(", ")
                    .append(q("sign")).append(": ").append(q(String.valueOf(c.sign()))).append(", ")
                    .append(q("phase")).append(": ").append(q(c.phase().name().toLowerCase(Locale.ROOT).replace('_', '-')))
                    .append(", ").append(q("object")).append(": ").append(q(c.target().toString())).append(", ")
                    .append(q("summary")).append(": ").append(q(c.summary())).append(", ")
                    .append(q("reason")).append(": ").append(q(c.reason())).append(", ")
                    .append(q("origin")).append(": ").append(origin(c.origin())).append('}');
        }
        out.append(changes.isEmpty() ? "" : "\n  ").append("],\n  \"notes\": [");
        for (int i = 0; i < plan.notes().size(); i++) {
            Note n = plan.notes().get(i);
            out.append(i == 0 ? "\n    " : ",\n    ").append(entry(n.target(), n.message(), n.origin()));
        }
        out.append(plan.notes().isEmpty() ? "" : "\n  ").append("],\n  \"conflicts\": [");
        for (int i = 0; i < plan.conflicts().size(); i++) {
            Conflict c = plan.conflicts().get(i);
            out.append(i == 0 ? "\n    " : ",\n    ").append(entry(c.target(), c.message(), c.origin()));
        }
        out.append(plan.conflicts().isEmpty() ? "" : "\n  ").append("],\n  \"warnings\": [");
        for (int i = 0; i < plan.warnings().size(); i++) {
            Warning w = plan.warnings().get(i);
            out.append(i == 0 ? "\n    " : ",\n    ").append(entry(w.target(), w.message(), w.origin()));
        }
        out.append(plan.warnings().isEmpty() ? "" : "\n  ").append("]\n}\n");
        return out.toString();
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

    private static String entry(ObjectRef target, String message, Optional<SourceMark> origin) {
        return "{" + q("object") + ": " + q(target.toString()) + ", " + q("message") + ": " + q(message) + ", "
                + q("origin") + ": " + origin(origin) + "}";
    }

    private static String origin(Optional<SourceMark> mark) {
        return mark.map(m -> "{" + q("file") + ": " + q(m.file()) + ", " + q("line") + ": " + m.line() + ", "
                + q("column") + ": " + m.column() + "}").orElse("null");
    }

    private static String q(String text) {
        return JsonWriter.quote(text);
    }

}
