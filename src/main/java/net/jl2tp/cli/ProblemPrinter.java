package net.jl2tp.cli;

import java.io.PrintWriter;
import java.util.List;
import net.jl2tp.config.Problem;
import net.jl2tp.config.SourceFiles;
import net.jl2tp.json.JsonWriter;
import net.jl2tp.json.Tree;

/** Writes problems for people (file:line:col, the line, a caret) or for tools (a JSON array). */
final class ProblemPrinter {
    private ProblemPrinter() {
    }

    /** Problems printed in text: enough to work through, and a bounded output whatever the input. */
    static final int MAX_PRINTED = 100;
    /** Characters of a source line shown: a window around the caret, "..." where it was cut. */
    static final int MAX_LINE = 160;

    static void text(PrintWriter out, List<Problem> problems, SourceFiles sources) {
        for (Problem problem : problems.subList(0, Math.min(problems.size(), MAX_PRINTED))) {
            out.println(problem.mark() + ": " + problem.message());
            sources.line(problem.mark().file(), problem.mark().line()).ifPresent(line -> {
                String shown = line.replace('\t', ' ');
                int caret = Math.max(0, Math.min(problem.mark().column() - 1, shown.length()));
                if (shown.length() > MAX_LINE) {
                    int end = Math.min(shown.length(), Math.max(caret + MAX_LINE / 2, MAX_LINE));
                    int start = end - MAX_LINE;
                    String before = start > 0 ? "..." : "";
                    caret = caret - start + before.length();
                    shown = before + shown.substring(start, end) + (end < shown.length() ? "..." : "");
                }
                out.println("    " + shown);
                out.println("    " + " ".repeat(caret) + "^");
            });
        }
        if (problems.size() > MAX_PRINTED) {
            out.println("... and " + (problems.size() - MAX_PRINTED) + " more problems (the first "
                    + MAX_PRINTED + " are shown; --output json lists them all)");
        }
        out.println(problems.size() == 1 ? "1 problem" : problems.size() + " problems");
        out.flush();
    }

    static void json(PrintWriter out, List<Problem> problems) {
        out.print(JsonWriter.write(Tree.sequence(problems.stream().<Tree>map(p -> Tree.line(Tree.mapping()
                .put("file", p.mark().file())
                .put("line", p.mark().line())
                .put("column", p.mark().column())
                .put("message", p.message()).build())).toList())));
        out.flush();
    }
}
