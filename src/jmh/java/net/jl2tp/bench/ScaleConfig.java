package net.jl2tp.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated site config of {@code sessions} sessions, 100 to a tunnel (so 10 000 sessions are
 * 100 tunnels x 100 sessions), with an address on every tenth session interface and, in every
 * tenth tunnel, a bridge holding two of its sessions and a vlan on a third. Documentation
 * addresses only; nothing here touches a kernel.
 *
 * <p>Objects for {@code n} sessions: n/100 tunnels, n sessions, n session interfaces, n/10
 * addresses, n/1000 bridges, n/1000 vlans.
 *
 * <p>Run as a program to write the file for the CLI:
 * {@code java -cp target/test-classes net.jl2tp.bench.ScaleConfig 10000 > /tmp/scale-10k.yaml}.
 */
public final class ScaleConfig {
    public static final int SESSIONS_PER_TUNNEL = 100;

    private ScaleConfig() {
    }

    public static void main(String[] args) {
        System.out.print(yaml(args.length == 0 ? 10_000 : Integer.parseInt(args[0])));
    }

    public static int tunnels(int sessions) {
        if (sessions % SESSIONS_PER_TUNNEL != 0 || sessions <= 0) {
            throw new IllegalArgumentException("sessions must be a positive multiple of " + SESSIONS_PER_TUNNEL);
        }
        return sessions / SESSIONS_PER_TUNNEL;
    }

    /** Session interface name: {@code t12s34} for the 34th session of the 12th tunnel (0-based). */
    public static String sessionName(int tunnel, int session) {
        return "t" + tunnel + "s" + session;
    }

    public static String yaml(int sessions) {
        return yaml(sessions, 0, tunnels(sessions));
    }

    /**
     * The part of the config with tunnels {@code from} (inclusive) to {@code to} (exclusive), and
     * the bridges and vlans when {@code to} is the last: the files of a config too large for one.
     */
    static String yaml(int sessions, int from, int to) {
        int tunnels = tunnels(sessions);
        StringBuilder y = new StringBuilder((to - from) * SESSIONS_PER_TUNNEL * 120);
        y.append("l2tp:\n  version: 1\n  tunnels:\n");
        for (int t = from; t < to; t++) {
            y.append("    site-").append(t).append(":\n")
                    .append("      tunnel-id: ").append(t + 1).append('\n')
                    .append("      peer-tunnel-id: ").append(t + 1).append('\n')
                    .append("      local: 192.0.2.1\n")
                    .append("      remote: 198.51.100.").append(t % 254 + 1).append('\n')
                    .append("      udp-source-port: ").append(10_000 + t).append('\n')
                    .append("      udp-destination-port: 1701\n")
                    .append("      sessions:\n");
            for (int s = 0; s < SESSIONS_PER_TUNNEL; s++) {
                y.append("        ").append(sessionName(t, s)).append(":\n")
                        .append("          session-id: ").append(s + 1).append('\n')
                        .append("          peer-session-id: ").append(s + 1).append('\n');
                if (s % 10 == 0) {
                    y.append("          addresses: [\"2001:db8:").append(Integer.toHexString(t)).append(':')
                            .append(Integer.toHexString(s)).append("::1/64\"]\n");
                }
            }
        }
        if (tunnels >= 10 && to == tunnels) {
            y.append("  bridges:\n");
            for (int t = 0; t < tunnels; t += 10) {
                y.append("    br").append(t).append(": { interfaces: [").append(sessionName(t, 1)).append(", ")
                        .append(sessionName(t, 2)).append(", ").append(sessionName(t, 3)).append(".10] }\n");
            }
            y.append("  vlans:\n");
            for (int t = 0; t < tunnels; t += 10) {
                y.append("    ").append(sessionName(t, 3)).append(".10: { link: ").append(sessionName(t, 3))
                        .append(", id: 10 }\n");
            }
        }
        return y.toString();
    }

    /**
     * Tunnels per file: a file of 10 000 sessions is about 0.8 MB, under the loader's 4 MiB a file
     * (README "Limits"); a larger config is several files in one directory, as a site would split it.
     */
    static final int TUNNELS_PER_FILE = 100;

    /**
     * Writes the config for {@code sessions}: one temporary file up to 10 000 sessions, otherwise a
     * temporary directory of files of 10 000 sessions each. Either is what {@code --config} takes.
     */
    public static Path write(int sessions) {
        try {
            int tunnels = tunnels(sessions);
            if (tunnels <= TUNNELS_PER_FILE) {
                Path file = Files.createTempFile("jl2tp-scale-" + sessions + "-", ".yaml");
                file.toFile().deleteOnExit();
                Files.writeString(file, yaml(sessions));
                return file;
            }
            Path dir = Files.createTempDirectory("jl2tp-scale-" + sessions + "-");
            dir.toFile().deleteOnExit(); // after its files: deleteOnExit runs in reverse order
            for (int from = 0; from < tunnels; from += TUNNELS_PER_FILE) {
                Path file = dir.resolve(String.format("part-%04d.yaml", from / TUNNELS_PER_FILE));
                file.toFile().deleteOnExit();
                Files.writeString(file, yaml(sessions, from, Math.min(tunnels, from + TUNNELS_PER_FILE)));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
