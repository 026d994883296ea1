package net.jl2tp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.apply.UnreadableStateRecord;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.netlink.NetlinkException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The process a try arms (see {@link WatcherLauncher}): it waits for the try's deadline, reading
 * the try file every second (a confirm deletes it, an --extend moves the deadline), and rolls the
 * try back when it is due. It holds no socket while it waits: a namespace deleted meanwhile is not
 * kept alive by it, and it ends when the namespace's name is gone or names another one.
 */
@Command(name = "try-watcher", hidden = true, description = "Internal: rolls a try back at its deadline.")
final class TryWatcherCommand implements Callable<Integer> {
    static final String READY = "watching try ";
    private static final Duration POLL = Duration.ofSeconds(1);

    @Option(names = "--try-id", required = true, paramLabel = "ID")
    String tryId;

    @Option(names = "--netns", paramLabel = "NAME")
    String netns;

    @Option(names = "--state-directory", paramLabel = "DIR")
    Path stateDirectory;

    @Spec
    CommandSpec spec;

    private final KernelAccess access;

    TryWatcherCommand() {
        this(KernelAccess.SYSTEM);
    }

    TryWatcherCommand(KernelAccess access) {
        this.access = access;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!tryId.matches("[0-9a-f]{16}")) {
            throw new ParameterException(spec.commandLine(), "--try-id is 16 hex digits");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KernelAccess here = stateDirectory == null ? access : new KernelAccess() {
            @Override
            public Kernel open(Optional<String> ns) throws NetlinkException {
                return access.open(ns);
            }

            @Override
            public Path stateDirectory() {
                return stateDirectory;
            }
        };
        Optional<String> ns = Optional.ofNullable(netns);
        NetnsId id;
        try (Kernel kernel = here.open(ns)) {
            id = NetnsId.of(ns, kernel);
        } catch (NetlinkException | IOException e) {
            if (ns.isPresent() && !Files.exists(NetnsId.pathOf(ns))) {
                // Gone before the watch began: the try ended with it (and systemd must not restart this).
                out.println("namespace " + ns.get() + " is gone: try " + tryId + " ends with it");
                out.flush();
                return ExitCode.OK;
            }
            err.println("jl2tp-apply try-watcher: cannot open the namespace of try " + tryId + ": " + e.getMessage());
            err.flush();
            return ExitCode.FAILED;
        }
        out.println(READY + tryId + ns.map(n -> " in namespace " + n).orElse("") + " (pid "
                + ProcessHandle.current().pid() + ")");
        out.flush();
        TryControl control = new TryControl(here, out, err);
        long retryMillis = POLL.toMillis();
        PendingTries.Follow follow = new PendingTries.Follow();
        while (true) {
            if (ns.isPresent() && !sameNamespace(ns, id)) {
                out.println("namespace " + ns.get() + " is gone: try " + tryId + " ends with it");
                out.flush();
                return ExitCode.OK;
            }
            Optional<PendingTry> pending;
            try {
                pending = follow.load(StateDirectory.forReading(here.stateDirectory()), id);
            } catch (IOException | UnreadableStateRecord e) {
                err.println("jl2tp-apply try-watcher: " + e.getMessage() + "; trying again");
                err.flush();
                Thread.sleep(POLL.toMillis());
                continue;
            }
            if (pending.isEmpty() || !pending.get().id().equals(tryId) || !pending.get().phase().blocks()) {
                out.println("try " + tryId + " is over ("
                        + pending.filter(t -> t.id().equals(tryId)).map(t -> t.phase().keyword()).orElse("confirmed or replaced")
                        + "): nothing to roll back");
                out.flush();
                return ExitCode.OK;
            }
            Duration left = Duration.between(Instant.now(), pending.get().deadline());
            if (!left.isNegative() && !left.isZero()) {
                Thread.sleep(Math.max(1, Math.min(left.toMillis(), POLL.toMillis())));
                continue;
            }
            int result = control.rollback(ns, Duration.ofSeconds(Main.MAX_SECONDS),
                    Optional.of(new TryControl.Only(tryId, true)), "its deadline " + PendingTries.clock(pending.get().deadline())
                            + " passed unconfirmed");
            if (result != TryControl.NOT_DUE) {
                // Rolled back (complete or not: the try file says), and the next look ends the watch;
                // or it could not even start (the kernel or the state directory failed): again, later.
                Thread.sleep(retryMillis);
                retryMillis = Math.min(retryMillis * 2, 60_000);
            }
        }
    }

    private static boolean sameNamespace(Optional<String> ns, NetnsId id) {
        try {
            return NetnsId.inode(ns) == id.inode();
        } catch (IOException e) {
            return false;
        }
    }
}
