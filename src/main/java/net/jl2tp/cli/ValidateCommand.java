package net.jl2tp.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.LoadedConfig;
import net.jl2tp.validate.ConfigValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the config files without touching the kernel; needs no root. "
                + "Prints every problem with its file:line:col. With links, checks every site's half.")
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
            // Every site's half, not only this host's: validate needs no site, and reports each problem once.
            LoadedConfig read = config.paths.isEmpty() ? ConfigLoader.loadSearchPath(ConfigLoader.DEFAULT_SEARCH_PATH)
                    : ConfigLoader.loadPaths(config.paths);
            L2tpConfig loaded = ConfigValidator.requireValidForEverySite(read);
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
