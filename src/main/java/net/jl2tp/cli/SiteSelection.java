package net.jl2tp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.LoadedConfig;
import net.jl2tp.config.Problem;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.validate.ConfigValidator;
import picocli.CommandLine.Option;

/**
 * {@code --site NAME}, for the commands that apply or show one host's half of a link file, and the
 * step from the files to this host's valid config. Not in {@link ConfigSelection}: validate checks
 * every site, and takes no --site.
 */
final class SiteSelection {
    @Option(names = "--site", paramLabel = "NAME",
            description = "With a config that has links: apply this site's half. Without it the site is the one "
                    + "named in /etc/jl2tp/site, else the one with this host's name, else the one whose address "
                    + "is on this host.")
    String name;

    Optional<String> site() {
        return Optional.ofNullable(name);
    }

    /** Where the host facts come from, read only when a config has links. */
    interface Host {
        SiteChoice.HostFacts facts();
    }

    /**
     * The config this host applies: without links, the files' config validated as it is (no
     * header); with links, the chosen site's expansion validated, after {@code header} was given
     * the line that names the site and why.
     */
    static L2tpConfig validFor(LoadedConfig loaded, Optional<String> site, Host host, Consumer<String> header)
            throws ConfigException, SiteChoice.NoSite, NetlinkException {
        if (!loaded.config().hasLinks()) {
            return ConfigValidator.requireValid(loaded);
        }
        if (!loaded.problems().isEmpty()) {
            // The files do not read: their problems first, whatever site this is.
            List<Problem> problems = new ArrayList<>(loaded.problems());
            problems.sort(Problem.BY_POSITION);
            throw new ConfigException(problems, loaded.sources());
        }
        SiteChoice.Chosen chosen = SiteChoice.choose(loaded.config().sites(), site, host.facts());
        header.accept(chosen.header());
        return ConfigValidator.requireValid(loaded, chosen.site());
    }

    /** This host's valid config, or why there is none (one line). */
    record Intended(Optional<L2tpConfig> config, String why) {
    }

    /**
     * {@link #validFor}, for the commands that read the kernel whatever the config says (status's
     * in-sync metric, diagnose): a config that does not validate, or a site that cannot be told,
     * is a reason, not a failure.
     */
    static Intended intended(LoadedConfig loaded, Optional<String> site, Host host) {
        try {
            return new Intended(Optional.of(validFor(loaded, site, host, header -> { })), "");
        } catch (ConfigException e) {
            return new Intended(Optional.empty(), "the config does not validate (jl2tp-apply validate lists its problems)");
        } catch (SiteChoice.NoSite e) {
            return new Intended(Optional.empty(), "this host's site cannot be told: " + e.getMessage());
        } catch (NetlinkException e) {
            return new Intended(Optional.empty(), "this host's site cannot be told: "
                    + KernelFailure.line(e).substring("jl2tp-apply: ".length()));
        }
    }
}
