package net.jl2tp.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.LoadedConfig;
import net.jl2tp.config.Problem;
import net.jl2tp.export.HostConfigExport;
import net.jl2tp.export.LinkTable;
import net.jl2tp.export.PlanIp;
import net.jl2tp.export.YamlWriter;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.plan.Planner;
import net.jl2tp.validate.ConfigValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print one site's half of a config with links, without touching the kernel; needs no root: "
                + "yaml, the per-host config that site applies (it validates and plans the same); ip, the ip "
                + "commands that make it on an empty host (for ip -batch, on a peer without jl2tp); table, each "
                + "link's values at both ends (for a peer that is not Linux).")
final class RenderCommand implements Callable<Integer> {
    enum Output { yaml, ip, table }

    @Option(names = "--site", paramLabel = "NAME", required = true, description = "The site whose half to print.")
    String site;

    @Mixin
    ConfigSelection config;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (default), ip or table.")
    Output output;

    @Spec
    CommandSpec spec;

    private final KernelAccess access;

    RenderCommand() {
        this(KernelAccess.SYSTEM);
    }

    RenderCommand(KernelAccess access) {
        this.access = access;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadedConfig loaded = config.load(access.searchPath());
        L2tpConfig half;
        try {
            if (!loaded.problems().isEmpty()) {
                throw new ConfigException(loaded.problems().stream().sorted(Problem.BY_POSITION).toList(),
                        loaded.sources());
            }
            SiteChoice.named(loaded.config().sites(), site, "--site");
            half = ConfigValidator.requireValid(loaded, site);
        } catch (ConfigException e) {
            ProblemPrinter.text(err, e.problems(), e.sources());
            return ExitCode.INVALID;
        } catch (SiteChoice.NoSite e) {
            err.println("jl2tp-apply: " + e.getMessage());
            err.flush();
            return ExitCode.INVALID;
        }
        out.print(switch (output) {
            case yaml -> YamlWriter.write(HostConfigExport.of(half, "Site " + site + "'s half of the config, written "
                    + "by jl2tp-apply render."));
            case ip -> PlanIp.render(Planner.plan(DesiredBuilder.build(half), NetworkState.empty(), Ownership.empty(),
                    false));
            case table -> LinkTable.render(loaded.config(), site);
        });
        out.flush();
        return ExitCode.OK;
    }
}
