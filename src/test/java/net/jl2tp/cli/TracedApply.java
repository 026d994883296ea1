package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jl2tp.testing.Netns;

/**
 * jl2tp-apply in a JVM of its own ({@link ApplyChild}) with strace attached once the JVM is warm:
 * the robustness tests kill it at its K-th netlink send ({@code -e inject=sendto:signal=SIGKILL:when=K}),
 * hold it with a delay, or read the netlink traffic it had. strace is attached with {@code -p}, after
 * the JVM's start, because a JVM started under {@code strace -f} takes minutes under emulation
 * (every syscall of every thread stops). Two facts of strace 6.1 that shape this: injection needs
 * the syscall traced ({@code -e trace=none} silently injects nothing), and it does not work with
 * {@code --seccomp-bpf}; its {@code when=} counter is per thread and per syscall, so a kill point is
 * a syscall and its ordinal, not a count of sendto and sendmsg together.
 */
final class TracedApply {
    /** What strace saw: the calls of the traced syscalls, in order, of the thread that made most sends. */
    record Call(String name, String text) {
        boolean isSend() {
            return name.equals("sendto") || name.equals("sendmsg");
        }

        boolean isRename() {
            return name.startsWith("rename");
        }

        /** What the netlink request is: "create tunnel", "set link", "dump RTM_GETLINK"... (from strace's decoding). */
        String kind() {
            return Kinds.of(text);
        }
    }

    record Result(int exit, String out, String err, List<Call> calls, String log) {
        boolean killed() {
            return exit == 128 + 9;
        }

        List<Call> sends() {
            return calls.stream().filter(Call::isSend).toList();
        }

        /** The call strace killed the process at (the last one it saw). */
        Call lastCall() {
            return calls.get(calls.size() - 1);
        }

        String all() {
            return out + err;
        }
    }

    /** A started child, warm and waiting for "go". */
    static final class Child {
        private final Process process;
        private final BufferedReader stdout;
        private final CompletableFuture<String> stderr;
        private final long pid;

        private Child(Process process, BufferedReader stdout, CompletableFuture<String> stderr, long pid) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
            this.pid = pid;
        }

        long pid() {
            return pid;
        }

        /**
         * Attaches strace with these extra options (injections), lets the child go, waits for both.
         * {@code whileRunning} runs once the child is going (null: nothing).
         */
        Result go(Path log, List<String> straceOptions, Runnable whileRunning) {
            List<String> strace = new ArrayList<>(List.of("strace", "-f", "-o", log.toString(), "-p", Long.toString(pid)));
            strace.addAll(straceOptions);
            Process tracer;
            try {
                tracer = new ProcessBuilder(strace).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new AssertionError("cannot run strace: " + e.getMessage(), e);
            }
            // strace says "Process N attached with M threads" once every thread is traced.
            BufferedReader tracerErr = new BufferedReader(new InputStreamReader(tracer.getErrorStream(), StandardCharsets.UTF_8));
            StringBuilder said = new StringBuilder();
            try {
                String line;
                while ((line = tracerErr.readLine()) != null) {
                    said.append(line).append('\n');
                    if (line.contains("attached")) {
                        break;
                    }
                }
                if (line == null) {
                    throw new AssertionError("strace did not attach to " + pid + ": " + said + stderrNow());
                }
                CompletableFuture<String> rest = read(tracer.getErrorStream());
                OutputStream in = process.getOutputStream();
                in.write("go\n".getBytes(StandardCharsets.US_ASCII));
                in.flush();
                if (whileRunning != null) {
                    whileRunning.run();
                }
                StringBuilder out = new StringBuilder();
                CompletableFuture<Void> outReader = CompletableFuture.runAsync(() -> {
                    try {
                        String l;
                        while ((l = stdout.readLine()) != null) {
                            out.append(l).append('\n');
                        }
                    } catch (IOException e) {
                        // the child died: what it printed until then is all there is
                    }
                });
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("the traced jl2tp-apply ran past 5 minutes");
                }
                tracer.waitFor(60, TimeUnit.SECONDS);
                outReader.get(60, TimeUnit.SECONDS);
                String text = Files.readString(log);
                return new Result(process.exitValue(), out.toString(), stderr.get(60, TimeUnit.SECONDS), mainThreadCalls(text),
                        text + said + rest.getNow(""));
            } catch (IOException | InterruptedException | ExecutionException | TimeoutException e) {
                throw failure("the traced jl2tp-apply", e);
            } finally {
                process.destroyForcibly();
                tracer.destroyForcibly();
            }
        }

        private String stderrNow() {
            process.destroyForcibly();
            try {
                return stderr.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                return "";
            }
        }
    }

    private TracedApply() {
    }

    /**
     * Starts {@code jl2tp-apply --netns NS ARGS} in a JVM of its own, with the state records in
     * {@code stateDirectory}, and returns once it is warm and waits for strace. The JVM gets this
     * JVM's options (the class-data archive of the kernel tests maps for the same classpath).
     */
    static Child start(Path stateDirectory, Netns ns, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if ((option.startsWith("-XX:") || option.startsWith("-Xshare")) && !option.startsWith("-XX:DumpLoadedClassList")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ApplyChild.class.getName(),
                stateDirectory.toString(), "--netns", ns.name()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<String> stderr = read(process.getErrorStream());
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (IOException e) {
                    return null;
                }
            });
            String line = ready.get(5, TimeUnit.MINUTES);
            if (line == null || !line.startsWith("ready ")) {
                process.destroyForcibly();
                throw new AssertionError("the child jl2tp-apply did not get ready: " + line + "\n" + stderr.get(30, TimeUnit.SECONDS));
            }
            return new Child(process, stdout, stderr, Long.parseLong(line.substring(6).trim()));
        } catch (IOException | InterruptedException | ExecutionException | TimeoutException e) {
            throw failure("the child jl2tp-apply did not get ready", e);
        }
    }

    private static AssertionError failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new AssertionError(what + ": " + e, e);
    }

    /** The traced syscalls as strace -o wrote them ("PID name(...)"), of the thread that sent most. */
    static List<Call> mainThreadCalls(String log) {
        Pattern line = Pattern.compile("^(\\d+) +([a-z0-9_]+)\\((.*)$");
        Pattern resumed = Pattern.compile("^(\\d+) +<\\.\\.\\. ([a-z0-9_]+) resumed>(.*)$");
        Map<String, List<Call>> byThread = new HashMap<>();
        for (String l : log.split("\n")) {
            Matcher m = line.matcher(l);
            Matcher r = resumed.matcher(l);
            if (m.matches()) {
                byThread.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(new Call(m.group(2), m.group(3)));
            } else if (r.matches() && byThread.containsKey(r.group(1))) {
                // A call another thread's call interrupted in the log: its rest, to the call it belongs to.
                List<Call> calls = byThread.get(r.group(1));
                Call last = calls.get(calls.size() - 1);
                calls.set(calls.size() - 1, new Call(last.name(), last.text() + r.group(3)));
            }
        }
        return byThread.values().stream()
                .max((a, b) -> Long.compare(a.stream().filter(Call::isSend).count(), b.stream().filter(Call::isSend).count()))
                .orElse(List.of());
    }

    /** How many sends (sendto and sendmsg) threads other than the main one made: the kill points assume none. */
    static long sendsOutsideMainThread(String log) {
        Pattern line = Pattern.compile("^(\\d+) +(sendto|sendmsg)\\(");
        Map<String, Long> byThread = new HashMap<>();
        for (String l : log.split("\n")) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                byThread.merge(m.group(1), 1L, Long::sum);
            }
        }
        long max = byThread.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return byThread.values().stream().mapToLong(Long::longValue).sum() - max;
    }

    static void assertKilledAt(Result r, String syscall) {
        assertThat(r.killed()).as("killed by SIGKILL (exit 137), not exit %s:\n%s", r.exit(), r.all()).isTrue();
        assertThat(r.log()).contains("+++ killed by SIGKILL +++");
        assertThat(r.lastCall().name()).isEqualTo(syscall);
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** The kind of a netlink request, from strace's decoding of it. */
    static final class Kinds {
        private static final Pattern TYPE = Pattern.compile("nlmsg_type=([A-Za-z0-9_]+)");
        private static final Pattern FLAGS = Pattern.compile("nlmsg_flags=([A-Z0-9_|x]+)");
        private static final Pattern CMD = Pattern.compile("\\{cmd=(0x[0-9a-f]+|\\d+)");
        private static final String[] L2TP = {"?", "create tunnel", "delete tunnel", "modify tunnel", "get tunnel",
            "create session", "delete session", "modify session", "get session"};

        private Kinds() {
        }

        static String of(String text) {
            Matcher t = TYPE.matcher(text);
            if (!t.find()) {
                return "?";
            }
            String type = t.group(1);
            Matcher f = FLAGS.matcher(text);
            String flags = f.find() ? f.group(1) : "";
            if (flags.contains("NLM_F_DUMP") || flags.contains("NLM_F_ROOT")) {
                return "dump " + type;
            }
            if (type.startsWith("RTM_")) {
                return switch (type) {
                    case "RTM_NEWLINK" -> flags.contains("NLM_F_CREATE") ? "create link" : "set link";
                    case "RTM_DELLINK" -> "delete link";
                    case "RTM_NEWADDR" -> "add address";
                    case "RTM_DELADDR" -> "delete address";
                    default -> "get " + type;
                };
            }
            if (type.equals("nlctrl") || type.equals("GENL_ID_CTRL")) {
                return "genl family";
            }
            Matcher c = CMD.matcher(text);
            if (!c.find()) {
                return "genl " + type;
            }
            int cmd = Integer.decode(c.group(1));
            return cmd > 0 && cmd < L2TP.length ? L2TP[cmd] : "genl cmd " + cmd;
        }

        static boolean isWrite(String kind) {
            return !kind.startsWith("dump") && !kind.startsWith("get") && !kind.equals("?") && !kind.startsWith("genl");
        }
    }

    /** A deadline helper for polling. */
    static boolean waitUntil(Duration limit, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
