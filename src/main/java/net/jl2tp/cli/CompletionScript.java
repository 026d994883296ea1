package net.jl2tp.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/**
 * Writes the bash completion script for the whole command tree (the package build runs it):
 * {@code java -cp jl2tp-apply.jar net.jl2tp.cli.CompletionScript FILE}. Not picocli's own
 * AutoComplete main, which builds the tree from Main's annotations alone: the subcommands are
 * added in code ({@link Main#commandLine()}).
 */
public final class CompletionScript {
    private CompletionScript() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CompletionScript FILE");
            System.exit(2);
        }
        Files.writeString(Path.of(args[0]), AutoComplete.bash("jl2tp-apply", Main.commandLine()),
                StandardCharsets.UTF_8);
    }
}
