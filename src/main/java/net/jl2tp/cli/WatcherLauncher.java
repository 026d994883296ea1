package net.jl2tp.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts the process that rolls a try back at its deadline (jl2tp-apply try-watcher), outside the
 * caller's session, so that nothing that ends the caller ends it: not the terminal closing (SIGHUP
 * to the session), not kill -9 of the try, not the SSH connection dropping.
 *
 * <p>Where systemd is PID 1 it is a transient service (systemd-run): it then also escapes the
 * login session's scope, which logind may kill at logout (KillUserProcesses=yes), and systemd
 * restarts it if it dies (Restart=on-failure); its output goes to the journal. Elsewhere, and for
 * a try in a namespace that only the caller is in (ip netns exec without --netns: a systemd unit
 * would start in PID 1's namespace), it is a child in a session of its own (setsid), stdin from
 * /dev/null, output to a log in the state directory; this one is checked to have started before
 * the try applies anything.
 */
final class WatcherLauncher {
    private static final String MAIN = "net.jl2tp.cli.Main";
    private static final long READY_WAIT_MILLIS = 60_000;
    private static final List<String> CLASS_PATH = List.of("-cp", "-classpath", "--class-path");

    private WatcherLauncher() {
    }

    /** Starts it; returns how, in words for status. Throws with the reason when it cannot. */
    static String start(String tryId, Optional<String> netns, Path stateDirectory, Path log) throws IOException {
        List<String> command = new ArrayList<>(javaCommand());
        command.add("try-watcher");
        command.add("--try-id");
        command.add(tryId);
        command.add("--state-directory");
        command.add(stateDirectory.toAbsolutePath().toString());
        netns.ifPresent(n -> {
            command.add("--netns");
            command.add(n);
        });
        Optional<Path> systemdRun = executable("systemd-run");
        if (Files.isDirectory(Path.of("/run/systemd/system")) && systemdRun.isPresent()
                && (netns.isPresent() || sameNetnsAsInit())) {
            return asUnit(systemdRun.get(), tryId, command);
        }
        return asProcess(tryId, command, log);
    }

    private static String asUnit(Path systemdRun, String tryId, List<String> command) throws IOException {
        String unit = "jl2tp-try-" + tryId + ".service";
        List<String> run = new ArrayList<>(List.of(systemdRun.toString(), "--unit=" + unit, "--quiet", "--collect",
                "--service-type=exec", "--description=jl2tp: roll back try " + tryId + " at its deadline unless confirmed",
                "--property=Restart=on-failure", "--property=RestartSec=2", "--"));
        run.addAll(command);
        Process p = new ProcessBuilder(run).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).start();
        String said;
        try {
            if (!p.waitFor(READY_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("systemd-run did not return within " + READY_WAIT_MILLIS / 1000 + " s");
            }
            said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the watcher", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("systemd-run could not start " + unit + " (exit " + p.exitValue() + "): " + said);
        }
        return "systemd unit " + unit;
    }

    private static String asProcess(String tryId, List<String> command, Path log) throws IOException {
        Path setsid = executable("setsid").orElseThrow(() -> new IOException(
                "setsid (util-linux) is not installed: it starts the watcher in a session of its own"));
        Files.deleteIfExists(log);
        Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        List<String> run = new ArrayList<>();
        run.add(setsid.toString());
        run.addAll(command);
        // Not a process group leader (the JVM spawned it), setsid makes the session in place: p is the watcher.
        Process p = new ProcessBuilder(run).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_WAIT_MILLIS);
        String ready = TryWatcherCommand.READY + tryId;
        while (System.nanoTime() < end) {
            if (readLog(log).contains(ready)) {
                return "process " + p.pid() + " (log: " + log + ")";
            }
            if (!p.isAlive()) {
                throw new IOException("the watcher ended at once (exit " + p.exitValue() + "): " + lastLine(readLog(log)));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        p.destroyForcibly();
        throw new IOException("the watcher did not start within " + READY_WAIT_MILLIS / 1000 + " s: " + lastLine(readLog(log)));
    }

    private static String readLog(Path log) throws IOException {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    private static String lastLine(String text) {
        String t = text.strip();
        int nl = t.lastIndexOf('\n');
        return t.isEmpty() ? "(it said nothing)" : t.substring(nl + 1);
    }

    /**
     * This JVM's own command line: the java it runs, its JVM options (the launcher's tuning and
     * class-data archive, or a test's), then this class path, made absolute (a systemd unit starts
     * in /), and jl2tp's main class; java from this runtime when /proc cannot say.
     */
    static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            List<String> args = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (!args.isEmpty() && args.get(0).startsWith("/")) {
                command.add(args.get(0));
                for (int i = 1; i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("-jar"); i++) {
                    String option = args.get(i);
                    if (CLASS_PATH.contains(option)) {
                        i++; // and its value: the class path is given below, absolute
                    } else if (!option.startsWith("--class-path=")) {
                        command.add(option);
                    }
                }
            }
        } catch (IOException e) {
            command.clear(); // the plain command below works as well, only without the JVM's tuning
        }
        if (command.isEmpty()) {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1"));
        }
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().toString());
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), MAIN));
        return command;
    }

    private static Optional<Path> executable(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Whether this process is in PID 1's network namespace (where a systemd unit starts). */
    private static boolean sameNetnsAsInit() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/net"))
                    .equals(Files.readSymbolicLink(Path.of("/proc/1/ns/net")));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
