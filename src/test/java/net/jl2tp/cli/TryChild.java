package net.jl2tp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * jl2tp-apply in a JVM of its own, for the try tests that hang up on it, kill it, or give it a
 * terminal: {@code TryChild STATE_DIR ARGS...}. It prints {@code pid N} first, then runs the
 * product's command line unchanged ({@link Main#run}) with the state records in STATE_DIR, and
 * exits with its exit code. The product has no hook for any of this.
 */
final class TryChild {
    private TryChild() {
    }

    public static void main(String[] args) {
        System.out.println("pid " + ProcessHandle.current().pid());
        System.out.flush();
        KernelAccess access = new ApplyChild.StateIn(Path.of(args[0]));
        int exit = Main.run(Arrays.copyOfRange(args, 1, args.length), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), access);
        System.out.flush();
        System.exit(exit);
    }
}
