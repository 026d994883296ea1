package net.jl2tp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh network namespace for a kernel test: a test host of its own, created with
 * {@code ip netns add} under a unique name, deleted (with all it holds: links, tunnels, sessions)
 * on {@link #close()}. Commands run in it with {@code ip netns exec}, output captured; a failing
 * command is an AssertionError that shows the command, exit code and both outputs.
 *
 * <pre>{@code
 * try (Netns a = Netns.create("a"); Netns b = Netns.create("b")) {
 *     Netns.veth(a, "veth0", b, "veth0");
 *     a.ip("addr add 192.0.2.1/24 dev veth0");
 *     a.ip("link set veth0 up");
 *     ...
 * }
 * }</pre>
 *
 * Tests use the {@code ip} command freely; the product itself never does. Use documentation
 * addresses only: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32.
 */
public final class Netns implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    /**
     * The first {@code ip netns add} of a run creates and mounts /run/netns: tests running in
     * parallel wait for it, so that two of them never race at that mount.
     */
    private static final Object FIRST = new Object();
    private static volatile boolean runNetnsReady;

    private final String name;
    private boolean closed;

    private Netns(String name) {
        this.name = name;
    }

    /**
     * Creates a namespace named {@code jl2tp-LABEL-PID-N}, with its loopback up.
     *
     * @param label a few letters or digits that say which host it is ("a", "site-b")
     */
    public static Netns create(String label) {
        if (!label.matches("[A-Za-z0-9-]{1,20}")) {
            throw new IllegalArgumentException("netns label: 1-20 of [A-Za-z0-9-], not '" + label + "'");
        }
        String name = "jl2tp-" + label + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        if (runNetnsReady) {
            Command.exec("ip", "netns", "add", name).orFail();
        } else {
            synchronized (FIRST) {
                Command.exec("ip", "netns", "add", name).orFail();
                runNetnsReady = true;
            }
        }
        Netns ns = new Netns(name);
        try {
            ns.ip("link", "set", "lo", "up");
        } catch (RuntimeException | AssertionError e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** The namespace's name, for {@code ip netns exec NAME} or {@code ip link set X netns NAME}. */
    public String name() {
        return name;
    }

    /** Runs the command in this namespace; a non-zero exit code is returned, not thrown. */
    public Command.Result exec(String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
        argv.addAll(Arrays.asList(command));
        return Command.exec(Command.DEFAULT_TIMEOUT, argv);
    }

    /** Runs the command in this namespace and returns its stdout; failing is an AssertionError. */
    public String run(String... command) {
        return exec(command).orFail().stdout();
    }

    /**
     * Runs {@code ip ARGS} in this namespace and returns its stdout; failing is an AssertionError.
     * A single argument is split on whitespace: {@code ip("addr add 192.0.2.1/24 dev veth0")}.
     */
    public String ip(String... args) {
        return tryIp(args).orFail().stdout();
    }

    /** Like {@link #ip(String...)}, but a non-zero exit code is returned, not thrown. */
    public Command.Result tryIp(String... args) {
        // `ip -n NAME` enters the namespace itself: one process, where `ip netns exec` takes two
        // (and remounts /sys), which costs under emulation.
        List<String> argv = new ArrayList<>(List.of("ip", "-n", name));
        argv.addAll(args.length == 1 ? List.of(args[0].trim().split("\\s+")) : Arrays.asList(args));
        return Command.exec(Command.DEFAULT_TIMEOUT, argv);
    }

    /**
     * Runs several {@code ip} commands in this namespace with ONE process ({@code ip -n NAME -batch -}),
     * in order, stopping at the first that fails (an AssertionError that shows which line failed):
     * {@code ipBatch("addr add 192.0.2.1/24 dev veth0", "link set veth0 up")}. A process start costs
     * a lot under emulation; use this for setup steps whose outputs are not looked at.
     */
    public void ipBatch(String... commands) {
        StringBuilder input = new StringBuilder();
        for (String command : commands) {
            if (command.isBlank() || command.contains("\n")) {
                throw new IllegalArgumentException("one ip command per argument, not '" + command + "'");
            }
            input.append(command.trim()).append('\n');
        }
        Command.Result result = Command.exec(Command.DEFAULT_TIMEOUT, List.of("ip", "-n", name, "-batch", "-"),
                input.toString());
        if (!result.ok()) {
            throw new AssertionError("ip batch failed in " + name + " (exit " + result.exitCode() + "), commands:\n"
                    + input + result.describe());
        }
    }

    /** Joins two namespaces with a veth pair: {@code ifA} in {@code a}, {@code ifB} in {@code b} (both down). */
    public static void veth(Netns a, String ifA, Netns b, String ifB) {
        Command.exec("ip", "link", "add", ifA, "netns", a.name, "type", "veth", "peer", "name", ifB,
                "netns", b.name).orFail();
    }

    /** Kills what still runs in the namespace and deletes it, with every link and tunnel in it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        killProcessesInside();
        Command.exec("ip", "netns", "delete", name).orFail();
    }

    /** What `ip netns pids NAME | xargs kill -9` does, without starting two processes. */
    private void killProcessesInside() {
        String netns;
        try {
            netns = "net:[" + Files.getAttribute(Path.of("/run/netns", name), "unix:ino") + "]";
        } catch (IOException e) {
            return;
        }
        ProcessHandle.allProcesses().forEach(p -> {
            Path link = Path.of("/proc", Long.toString(p.pid()), "ns", "net");
            try {
                if (netns.equals(Files.readSymbolicLink(link).toString())) {
                    p.destroyForcibly();
                }
            } catch (IOException | RuntimeException e) {
                // gone already, or not ours to see
            }
        });
    }

    @Override
    public String toString() {
        return "netns " + name;
    }
}
