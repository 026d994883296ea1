package net.jl2tp.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jl2tp.apply.PendingTry;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.apply.UnreadableStateRecord;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.netlink.NetlinkException;
import sun.misc.Signal;

/**
 * A try's countdown on a terminal: ENTER confirms, Ctrl-C rolls back now. It is only a view: the
 * watcher rolls back at the deadline whether this process lives or not, and this one only shows
 * what became of the try (confirmed or rolled back from another shell, or at the deadline).
 */
final class Countdown {
    private static final long TICK_MILLIS = 200;

    private final TryControl control;
    private final Optional<String> netns;
    private final String tryId;
    private final KernelAccess access;
    private final PrintWriter out;
    private final PendingTries.Follow follow = new PendingTries.Follow();

    Countdown(TryControl control, Optional<String> netns, String tryId, KernelAccess access, PrintWriter out) {
        this.control = control;
        this.netns = netns;
        this.tryId = tryId;
        this.access = access;
        this.out = out;
    }

    /** Both stdin and stdout are a terminal (Java 22 and later give a Console for pipes too: it is asked). */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (NoSuchMethodException e) {
            return true; // before Java 22, a Console exists only on a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    int run(Duration lockTimeout) {
        NetnsId id;
        try (Kernel kernel = access.open(netns)) {
            id = NetnsId.of(netns, kernel);
        } catch (NetlinkException | IOException e) {
            out.println("cannot follow the try (" + e.getMessage() + "); it rolls back unless confirmed");
            out.flush();
            return ExitCode.OK;
        }
        AtomicBoolean enter = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        discardTypedAhead(System.in);
        Thread reader = new Thread(() -> waitForEnter(System.in, enter), "jl2tp-try-enter");
        reader.setDaemon(true);
        reader.start();
        Signal.handle(new Signal("INT"), signal -> interrupted.set(true));
        long lastLook = 0;
        while (true) {
            if (enter.get()) {
                out.println();
                out.flush();
                return control.confirm(netns, lockTimeout);
            }
            if (interrupted.get()) {
                out.println();
                out.flush();
                return control.rollback(netns, lockTimeout, Optional.empty(), "Ctrl-C");
            }
            if (System.nanoTime() - lastLook >= 1_000_000_000L) {
                lastLook = System.nanoTime();
                Optional<Integer> over = look(id);
                if (over.isPresent()) {
                    return over.get();
                }
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCode.OK;
            }
        }
    }

    /** The try's state, shown; an exit code once it is over. */
    private Optional<Integer> look(NetnsId id) {
        Optional<PendingTry> t;
        try {
            t = follow.load(StateDirectory.forReading(access.stateDirectory()), id);
        } catch (IOException | UnreadableStateRecord e) {
            return Optional.empty(); // a torn look: the next one
        }
        if (t.isEmpty() || !t.get().id().equals(tryId)) {
            out.println();
            out.println("try " + tryId + " is over (confirmed from elsewhere, or rolled back and applied over): "
                    + "jl2tp-apply status shows the kernel now");
            out.flush();
            return Optional.of(ExitCode.OK);
        }
        PendingTry p = t.get();
        switch (p.phase()) {
            case ROLLED_BACK:
                out.println();
                out.println("try " + tryId + " was rolled back at " + PendingTries.clock(p.ended().orElse(p.deadline()))
                        + ": the kernel is as it was before it");
                out.println(TryControl.filesNote(p));
                out.flush();
                return Optional.of(ExitCode.FAILED);
            case ROLLBACK_INCOMPLETE:
                out.println();
                out.println("try " + tryId + " was rolled back, incompletely; not restored:");
                p.outcome().forEach(line -> out.println("  " + line));
                out.flush();
                return Optional.of(ExitCode.FAILED);
            default:
                long left = Duration.between(Instant.now(), p.deadline()).toSeconds();
                out.print("\rPress ENTER to keep it, Ctrl-C to roll back now: "
                        + (left > 0 ? "rolling back in " + left + " s " : "rolling back now...") + "   ");
                out.flush();
                return Optional.empty();
        }
    }

    /**
     * An ENTER typed while the plan ran (the apply seemed slow) is not a confirmation: the operator
     * has not yet seen whether the connection survived. What the terminal holds is dropped.
     */
    private static void discardTypedAhead(InputStream in) {
        try {
            while (in.available() > 0) {
                in.skip(in.available());
            }
        } catch (IOException e) {
            // nothing to drop
        }
    }

    private static void waitForEnter(InputStream in, AtomicBoolean enter) {
        try {
            int ch;
            while ((ch = in.read()) != -1) {
                if (ch == '\n' || ch == '\r') {
                    enter.set(true);
                    return;
                }
            }
        } catch (IOException e) {
            // no keyboard: the deadline decides
        }
    }
}
