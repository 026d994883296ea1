package net.jl2tp.cli;

import java.io.PrintWriter;
import java.util.List;
import net.jl2tp.config.Problem;
import net.jl2tp.config.SourceFiles;
import net.jl2tp.export.JsonWriter;

/** Writes problems for people (file:line:col, the line, a caret) or for tools (a JSON array). */
final class ProblemPrinter {
    private ProblemPrinter() {
    }

    static void text(PrintWriter out, List<Problem> problems, SourceFiles sources) {
        for (Problem problem : problems) {
            out.println(problem.mark() + ": " + problem.message());
            sources.line(problem.mark().file(), problem.mark().line()).ifPresent(line -> {
                String shown = line.replace('\t', ' ');
                out.println("    " + shown);
                int caret = Math.max(0, Math.min(problem.mark().column() - 1, shown.length()));
                out.println("    " + " ".repeat(caret) + "^");
            });
        }
        out.println(problems.size() == 1 ? "1 problem" : problems.size() + " problems");
        out.flush();
    }

    static void json(PrintWriter out, List<Problem> problems) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            json.append(i == 0 ? "\n  " : ",\n  ")
                    .append("{\"file\": ").append(JsonWriter.quote(p.mark().file()))
                    .append(", \"line\": ").append(p.mark().line())
                    .append(", \"column\": ").append(p.mark().column())
                    .append(", \"message\": ").append(JsonWriter.quote(p.message())).append('}');
        }
        json.append(problems.isEmpty() ? "]" : "\n]");
        out.println(json);
        out.flush();
    }
}
