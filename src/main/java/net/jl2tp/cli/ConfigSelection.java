package net.jl2tp.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.LoadedConfig;
import net.jl2tp.validate.ConfigValidator;
import picocli.CommandLine.Option;

/** {@code --config PATH}, shared by every command that reads the config. */
final class ConfigSelection {
    @Option(names = {"-c", "--config"}, paramLabel = "PATH",
            description = "A config file, or a directory of *.yaml files; repeatable. Replaces the search "
                    + "path /usr/lib/jl2tp, /etc/jl2tp, /run/jl2tp.")
    List<Path> paths = new ArrayList<>();

    /** Loads and validates; any problem, in any file, throws with all of them. */
    L2tpConfig loadValid() throws ConfigException {
        return loadValid(ConfigLoader.DEFAULT_SEARCH_PATH);
    }

    /** The same, with the search path given (the one of the kernel access: tests have their own). */
    L2tpConfig loadValid(List<Path> searchPath) throws ConfigException {
        return ConfigValidator.requireValid(load(searchPath));
    }

    /** The files read, not yet validated: a config with links is validated for one site ({@link SiteSelection}). */
    LoadedConfig load(List<Path> searchPath) {
        return paths.isEmpty() ? ConfigLoader.loadSearchPath(searchPath) : ConfigLoader.loadPaths(paths);
    }

    String describe() {
        return paths.isEmpty() ? "the search path (/usr/lib/jl2tp, /etc/jl2tp, /run/jl2tp)" : paths.toString();
    }
}
