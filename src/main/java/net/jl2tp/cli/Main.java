package net.jl2tp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import net.jl2tp.netlink.ffi.NetlinkSocket;
import net.jl2tp.validate.ConfigValidator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jl2tp-apply}: with no subcommand it applies the config to the kernel; {@code validate},
 * {@code show} and {@code status} are the read-only companions.
 */
@Command(name = "jl2tp-apply", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false,
        description = {"Make the kernel's static L2TPv3 tunnels and sessions match the YAML files in "
                + "/usr/lib/jl2tp, /etc/jl2tp and /run/jl2tp.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done, or already in sync",
            "1:apply or kernel failure (what the run changed was undone)",
            "2:invalid config or usage; nothing was touched",
            "3:with --dry-run --exit-code: changes are pending",
            "4:a try is pending in the namespace: confirm or roll it back first"})
public final class Main implements Callable<Integer> {
    @Mixin
    ConfigSelection config;

    @Mixin
    SiteSelection site;

    @Option(names = "--dry-run", description = "Print the plan; change nothing, not even the state record.")
    boolean dryRun;

    @Option(names = "--exit-code", description = "With --dry-run: exit 3 when there are changes to make.")
    boolean exitCode;

    @Option(names = "--prune", description = "Also delete L2TP tunnels and sessions that jl2tp did not make and "
            + "the config does not name.")
    boolean prune;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "How to print the plan: text (default), json, or ip (iproute2 commands for ip -batch).")
    ApplyRun.Output output;

    @Option(names = "--netns", paramLabel = "NAME", description = "Work in the network namespace /run/netns/NAME.")
    String netns;

    @Mixin
    LockWait lock;

    @Option(names = "--wait-online", paramLabel = "SECONDS",
            description = "Wait up to SECONDS (0 to 86400, a day) for each tunnel's local address (absent or "
                    + "IPv6-tentative) and for a route to its remote from it; then apply the rest and exit 1 naming "
                    + "the tunnels that could not come up.")
    Long waitOnlineSeconds;

    @Option(names = "--timings", description = "Print on stderr where the time went (JVM start, load+validate, "
            + "dump, plan, apply, verify) and the peak memory.")
    boolean timings;

    /**
     * The longest --lock-timeout and --wait-online: a day is more than any boot or queue needs,
     * and keeps every deadline computed from them far from overflowing.
     */
    static final long MAX_SECONDS = 86_400;

    @Spec
    CommandSpec spec;

    /**
     * A subcommand that changes the kernel takes its options after its name: an option given
     * before it (jl2tp-apply --dry-run try) is the apply's, and would be silently dropped. Only
     * --netns is shared, and the subcommand's {@link NetnsSelection} takes it from there.
     */
    static void refuseOptionsBefore(CommandSpec spec) {
        CommandLine parent = spec.commandLine().getParent();
        if (parent == null || parent.getParseResult() == null) {
            return;
        }
        for (var option : parent.getParseResult().matchedOptions()) {
            if (!option.longestName().equals("--netns")) {
                throw new ParameterException(spec.commandLine(), option.longestName() + " is an option of the apply, "
                        + "not of " + spec.name() + ": give " + spec.name() + "'s options after it");
            }
        }
    }

    /** A count of seconds given to {@code option}: {@code min} to {@link #MAX_SECONDS}, or a usage error. */
    static long checkedSeconds(CommandSpec spec, String option, long value, long min) {
        return checkedSeconds(spec, option, value, min, MAX_SECONDS);
    }

    /** The longest sampling interval or quiet period: an hour. */
    static final long AN_HOUR = 3600;

    /** A count of seconds given to {@code option}: {@code min} to {@code max} (a day or an hour), or a usage error. */
    static long checkedSeconds(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must be " + min + " to " + max + " seconds ("
                    + (max == AN_HOUR ? "an hour" : "a day") + "), not " + value);
        }
        return value;
    }

    private final KernelAccess access;

    public Main() {
        this(KernelAccess.SYSTEM);
    }

    Main(KernelAccess access) {
        this.access = access;
    }

    @Override
    public Integer call() {
        if (exitCode && !dryRun) {
            throw new ParameterException(spec.commandLine(), "--exit-code goes with --dry-run");
        }
        if (waitOnlineSeconds != null) {
            checkedSeconds(spec, "--wait-online", waitOnlineSeconds, 0);
        }
        ApplyRun.Options options = new ApplyRun.Options(dryRun, exitCode, prune, java.util.Optional.ofNullable(netns),
                output, lock.duration(spec),
                java.util.Optional.ofNullable(waitOnlineSeconds).map(java.time.Duration::ofSeconds), site.site());
        Timings clock = new Timings(timings);
        int result = new ApplyRun(access, spec.commandLine().getOut(), spec.commandLine().getErr(), clock)
                .run(() -> config.load(access.searchPath()), options);
        clock.print(spec.commandLine().getErr());
        return result;
    }

    public static void main(String[] args) {
        Timings.mainStarted();
        if (!asksForHelp(args)) {
            // Every command but help and version validates the config: its bootstrap, on the other
            // core, overlaps the parsing of the command line and the YAML.
            ConfigValidator.prepareInBackground();
            if (!"validate".equals(namedSubcommand(args))) {
                // And every one but validate then opens netlink sockets: their binding is made meanwhile.
                NetlinkSocket.prepareInBackground();
            }
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the tool as the command line would; returns the exit code. Never throws. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, KernelAccess.SYSTEM);
    }

    /** The same, with the kernel and state directory that every kernel-facing command uses given. */
    static int run(String[] args, PrintWriter out, PrintWriter err, KernelAccess access) {
        try {
            CommandLine cli = commandLine(access, args);
            cli.setOut(out);
            cli.setErr(err);
            cli.setParameterExceptionHandler(Main::usageError);
            cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> internalError(e, err));
            return cli.execute(args);
        } catch (RuntimeException | Error e) {
            return internalError(e, err);
        }
    }

    /** The subcommands, in the order help lists them. */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> subcommands = new LinkedHashMap<>();
        subcommands.put("validate", ValidateCommand.class);
        subcommands.put("show", ShowCommand.class);
        subcommands.put("status", StatusCommand.class);
        subcommands.put("diagnose", DiagnoseCommand.class);
        subcommands.put("render", RenderCommand.class);
        subcommands.put("schema", SchemaCommand.class);
        subcommands.put("try", TryCommand.class);
        subcommands.put("confirm", ConfirmCommand.class);
        subcommands.put("rollback", RollbackCommand.class);
        subcommands.put("try-watcher", TryWatcherCommand.class);
        subcommands.put("watch", WatchCommand.class);
        return subcommands;
    }

    /** The whole command tree, every subcommand built (help, completion). */
    public static CommandLine commandLine() {
        return commandLine(KernelAccess.SYSTEM, new String[0]);
    }

    /**
     * The command tree for these arguments. picocli reflects over each command's annotations when
     * it is built, a sixth of a short run's time: when the arguments name one subcommand, and ask
     * for no help or version before it, only that one is built. What picocli does with the
     * arguments is the same either way: the others could not take part in this parse.
     */
    static CommandLine commandLine(KernelAccess access, String[] args) {
        CommandLine.IFactory factory = new WithKernelAccess(access);
        CommandLine cli = new CommandLine(new Main(access), factory);
        String named = namedSubcommand(args);
        for (Map.Entry<String, Class<?>> subcommand : SUBCOMMANDS.entrySet()) {
            if (named == null || named.equals(subcommand.getKey())) {
                cli.addSubcommand(subcommand.getKey(), new CommandLine(subcommand.getValue(), factory));
            }
        }
        return cli;
    }

    /** The one subcommand the arguments name with nothing before it asking for help; else null. */
    private static String namedSubcommand(String[] args) {
        String named = null;
        boolean helpFirst = false;
        for (String arg : args) {
            if (SUBCOMMANDS.containsKey(arg)) {
                if (named != null || helpFirst) {
                    return null;
                }
                named = arg;
            } else if (named == null && isHelp(arg)) {
                helpFirst = true;
            }
        }
        return named;
    }

    private static boolean asksForHelp(String[] args) {
        for (String arg : args) {
            if (isHelp(arg)) {
                return true;
            }
        }
        return false;
    }

    /** -h, -V, their bundles (-hV), --help, --version. */
    private static boolean isHelp(String arg) {
        return arg.startsWith("-h") || arg.startsWith("-V") || arg.equals("--help") || arg.equals("--version");
    }

    private static int usageError(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("jl2tp-apply: " + e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.INVALID;
    }

    /** A bug of ours: one line, never a stack trace, unless JL2TP_DEBUG asks for it. */
    private static int internalError(Throwable e, PrintWriter err) {
        err.println("jl2tp-apply: internal error: " + e + " (please report it; set JL2TP_DEBUG=1 for details)");
        if (System.getenv("JL2TP_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.FAILED;
    }

    /** Gives every command that takes a KernelAccess the same one. */
    private record WithKernelAccess(KernelAccess access) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                var constructor = type.getDeclaredConstructor(KernelAccess.class);
                return constructor.newInstance(access);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown": a version string is not worth failing for
            }
            return new String[] {"jl2tp-apply " + properties.getProperty("version", "unknown")};
        }
    }
}
