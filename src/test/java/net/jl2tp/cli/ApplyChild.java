package net.jl2tp.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.netlink.NetlinkException;

/**
 * jl2tp-apply in a JVM of its own, for the tests that kill it, delay it under strace, or run it
 * beside another: {@code ApplyChild STATE_DIR ARGS...}. It first runs the same command with
 * {@code --dry-run} (which reads the kernel and changes nothing, not even the record, and takes no
 * lock), so that the JVM's start and class loading are over; then it prints {@code ready PID} and
 * waits for the line {@code go} on stdin, which the test sends once strace is attached. Then it
 * runs the product's command line unchanged ({@link Main#run}) and exits with its exit code. The
 * product has no hook for any of this.
 */
final class ApplyChild {
    private ApplyChild() {
    }

    /** The real kernel, with the state records (and the lock beside them) where the test keeps them. */
    record StateIn(Path stateDirectory) implements KernelAccess {
        @Override
        public Kernel open(Optional<String> netns) throws NetlinkException {
            return KernelAccess.SYSTEM.open(netns);
        }
    }

    public static void main(String[] args) throws Exception {
        KernelAccess access = new StateIn(Path.of(args[0]));
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        String[] dryRun = Arrays.copyOf(command, command.length + 1);
        dryRun[command.length] = "--dry-run";
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        Main.run(dryRun, nowhere, nowhere, access);

        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (!"go".equals(go)) {
            System.exit(99);
        }
        int exit = Main.run(command, new PrintWriter(System.out, true), new PrintWriter(System.err, true), access);
        System.out.flush();
        System.exit(exit);
    }
}
