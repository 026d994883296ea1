package net.jl2tp.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.L2tpConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the config files without touching the kernel; needs no root. "
                + "Prints every problem with its file:line:col.")
final class ValidateCommand implements Callable<Integer> {
    enum Output { text, json }

    @Mixin
    ConfigSelection config;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (the problems as an array of file, line, column, message).")
    Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            L2tpConfig loaded = config.loadValid();
            if (output == Output.json) {
                ProblemPrinter.json(out, List.of());
            } else {
                if (loaded.files().isEmpty()) {
                    err.println("jl2tp-apply: no config files in " + config.describe());
                }
                out.println("valid: " + loaded.summary());
            }
            out.flush();
            err.flush();
            return ExitCode.OK;
        } catch (ConfigException e) {
            if (output == Output.json) {
                ProblemPrinter.json(out, e.problems());
            } else {
                ProblemPrinter.text(err, e.problems(), e.sources());
            }
            return ExitCode.INVALID;
        }
    }
}
