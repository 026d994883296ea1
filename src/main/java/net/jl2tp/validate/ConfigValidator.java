package net.jl2tp.validate;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jl2tp.config.BridgeConfig;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.ConfigKey;
import net.jl2tp.config.LoadedConfig;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.config.LinkExpansion;
import net.jl2tp.config.SiteConfig;
import net.jl2tp.config.SourceMark;
import net.jl2tp.config.Marked;
import net.jl2tp.config.PortConfig;
import net.jl2tp.config.Problem;
import net.jl2tp.config.SessionConfig;
import net.jl2tp.config.TunnelConfig;
import net.jl2tp.config.VlanConfig;
import net.jl2tp.config.constraints.InterfaceName;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks a loaded config: interface names and cookies through Jakarta Validation (number ranges
 * were checked where they are written, by the loader), then the rules that span objects
 * ({@link CrossObjectRules}). Returns every problem, sorted by position.
 */
public final class ConfigValidator {
    private ConfigValidator() {
    }

    /**
     * Hibernate Validator's bootstrap is the costliest part of start-up: do it once, on first use.
     * Its log goes through {@link StderrLoggerProvider}: warnings only, no java.util.logging.
     */
    private static final class Holder {
        static final Validator VALIDATOR = build();

        private static Validator build() {
            // The parameter interpolator needs no Expression Language implementation on the class path.
            ValidatorFactory factory = Validation.byDefaultProvider().configure()
                    .messageInterpolator(new ParameterMessageInterpolator())
                    .buildValidatorFactory();
            return factory.getValidator();
        }
    }

    /**
     * Starts Hibernate Validator's bootstrap, and the metadata of every config class, on a daemon
     * thread, so that it overlaps the command-line parsing and YAML reading that come before the
     * first validation (a third of a short run's time, on a second core). The first
     * {@link #validate} waits for it through class initialization; calling this is never required.
     */
    public static void prepareInBackground() {
        Thread thread = new Thread(() -> {
            for (Class<?> type : CONFIG_CLASSES) {
                Holder.VALIDATOR.getConstraintsForClass(type);
            }
        }, "jl2tp-validator-bootstrap");
        thread.setDaemon(true);
        thread.start();
    }

    private static final List<Class<?>> CONFIG_CLASSES = List.of(
            SessionConfig.class, BridgeConfig.class, PortConfig.class, VlanConfig.class);

    /**
     * The loader's problems and the validator's, together: the config when there are none, else
     * an exception carrying every one, sorted by position.
     */
    public static L2tpConfig requireValid(LoadedConfig loaded) throws ConfigException {
        L2tpConfig config = loaded.config();
        if (config.hasLinks()) {
            List<Problem> problems = new ArrayList<>(loaded.problems());
            problems.add(new Problem(config.links().get(0).marks().self(), CHOOSE_A_SITE));
            throw failed(problems, loaded);
        }
        return require(loaded, validate(config), config);
    }

    /** What a config with links and no site chosen is told: it describes more than one host. */
    public static final String CHOOSE_A_SITE = "this config has links: choose the site this host is (--site NAME, "
            + "/etc/jl2tp/site, a hostname in sites:, or the one site whose address is on this host)";

    /**
     * The per-host config of {@code site} (its plain objects and its half of the links), when the
     * files and that expansion have no problem; else an exception carrying every problem.
     */
    public static L2tpConfig requireValid(LoadedConfig loaded, String site) throws ConfigException {
        L2tpConfig config = loaded.config();
        if (config.site(site).isEmpty()) {
            List<Problem> problems = new ArrayList<>(loaded.problems());
            List<String> names = config.sites().stream().map(SiteConfig::name).toList();
            SourceMark mark = config.sites().isEmpty()
                    ? (config.files().isEmpty() ? SourceMark.startOf("(no config files)")
                            : SourceMark.startOf(config.files().get(0)))
                    : config.sites().get(0).marks().self();
            problems.add(new Problem(mark, "site '" + site + "' is not declared under 'sites:'"
                    + (names.isEmpty() ? "; no site is" : "; the sites are " + String.join(", ", names))));
            throw failed(problems, loaded);
        }
        L2tpConfig expanded = LinkExpansion.forSite(config, site);
        return require(loaded, validate(expanded), expanded);
    }

    /**
     * The whole file for every site: each site's expansion validated, each problem reported once
     * (the same line and message from two sites' halves is one problem). Returns the config as
     * loaded.
     */
    public static L2tpConfig requireValidForEverySite(LoadedConfig loaded) throws ConfigException {
        L2tpConfig config = loaded.config();
        if (config.sites().isEmpty()) {
            return require(loaded, validate(config), config);
        }
        Set<Problem> found = new LinkedHashSet<>();
        for (SiteConfig site : config.sites()) {
            found.addAll(validate(LinkExpansion.forSite(config, site.name())));
        }
        return require(loaded, new ArrayList<>(found), config);
    }

    private static L2tpConfig require(LoadedConfig loaded, List<Problem> found, L2tpConfig result)
            throws ConfigException {
        Set<Problem> problems = new LinkedHashSet<>(loaded.problems());
        problems.addAll(found);
        if (!problems.isEmpty()) {
            throw failed(new ArrayList<>(problems), loaded);
        }
        return result;
    }

    private static ConfigException failed(List<Problem> problems, LoadedConfig loaded) {
        problems.sort(Problem.BY_POSITION);
        return new ConfigException(problems, loaded.sources());
    }

    public static List<Problem> validate(L2tpConfig config) {
        List<Problem> problems = new ArrayList<>();
        for (TunnelConfig tunnel : config.tunnels()) {
            for (SessionConfig session : tunnel.sessions()) {
                check(session, problems);
            }
        }
        for (BridgeConfig bridge : config.bridges()) {
            check(bridge, problems);
            for (PortConfig port : bridge.interfaces()) {
                check(port, problems);
            }
        }
        for (VlanConfig vlan : config.vlans()) {
            check(vlan, problems);
        }
        problems.addAll(CrossObjectRules.check(config));
        problems.sort(Problem.BY_POSITION);
        return problems;
    }

    private static void check(Marked object, List<Problem> problems) {
        Set<ConstraintViolation<Marked>> violations = Holder.VALIDATOR.validate(object);
        for (ConstraintViolation<Marked> violation : violations) {
            String component = leafName(violation.getPropertyPath());
            problems.add(new Problem(object.markOfComponent(component),
                    message(object.keys().byComponent(component), violation)));
        }
    }

    /**
     * The object's own name has no key, and its message names it. An interface name's message
     * quotes the name, so it follows its key; any other message follows the key and the value.
     */
    private static String message(Optional<ConfigKey<?>> key, ConstraintViolation<?> violation) {
        String message = violation.getMessage();
        if (key.isEmpty()) {
            return message;
        }
        if (violation.getConstraintDescriptor().getAnnotation() instanceof InterfaceName) {
            return key.get() + ": " + message;
        }
        Object value = violation.getInvalidValue();
        String shown = value instanceof String ? "'" + value + "'" : String.valueOf(value);
        return key.get() + " " + shown + " " + message;
    }

    private static String leafName(Path path) {
        String name = "";
        Iterator<Path.Node> nodes = path.iterator();
        while (nodes.hasNext()) {
            Path.Node node = nodes.next();
            if (node.getName() != null) {
                name = node.getName();
            }
        }
        return name;
    }
}
