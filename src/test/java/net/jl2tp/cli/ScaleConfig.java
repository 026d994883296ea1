package net.jl2tp.cli;

import java.util.Set;
import java.util.TreeSet;

/**
 * The 200-object configs of the kill tests, written out as YAML, with the names and ids they hold
 * (what the state record may name). The underlay is a dummy "under0" with 192.0.2.1/24; every
 * tunnel goes to 192.0.2.2 over it.
 *
 * <p>{@link #full()}: 10 tunnels of 12 sessions (even ones with mtu 1400, four per tunnel with an
 * address), 6 bridges of two session interfaces each (br0 also takes the foreign link lan0), 12
 * vlans (6 with an address), an address on each bridge: 10 + 120 + 40 + 6 + 6 + 12 + 6 = 200.
 * {@link #changed()}: tunnels 108 and 109 gone with all they carry, three sessions with a new
 * cookie (made again), other mtus, addresses moved, bridges br4 and br5 gone, lan0 out of br0,
 * tunnel 105's sessions down, tunnel 106's sequencing changed, and a new tunnel 110 of 4 sessions.
 */
record ScaleConfig(String yaml, Set<Long> tunnels, Set<String> sessions, Set<String> links, boolean lanPort) {
    static final ScaleConfig EMPTY = new ScaleConfig("l2tp: {version: 1}\n", Set.of(), Set.of(), Set.of(), false);

    static ScaleConfig full() {
        return build(false);
    }

    static ScaleConfig changed() {
        return build(true);
    }

    private static ScaleConfig build(boolean changed) {
        StringBuilder y = new StringBuilder("l2tp:\n  version: 1\n  tunnels:\n");
        TreeSet<Long> tunnels = new TreeSet<>();
        TreeSet<String> sessions = new TreeSet<>();
        TreeSet<String> links = new TreeSet<>();
        int tunnelCount = changed ? 11 : 10;
        for (int t = 0; t < tunnelCount; t++) {
            if (changed && (t == 8 || t == 9)) {
                continue;
            }
            long id = 100 + t;
            tunnels.add(id);
            y.append("    t").append(t).append(":\n")
                    .append("      tunnel-id: ").append(id).append('\n')
                    .append("      peer-tunnel-id: ").append(200 + t).append('\n')
                    .append("      local: 192.0.2.1\n      remote: 192.0.2.2\n")
                    .append("      udp-source-port: ").append(5000 + t).append('\n')
                    .append("      udp-destination-port: ").append(6000 + t).append('\n')
                    .append("      sessions:\n");
            int sessionCount = t == 10 ? 4 : 12;
            for (int s = 0; s < sessionCount; s++) {
                String name = "s" + t + "x" + s;
                sessions.add(id + "/" + (1000 + s));
                y.append("        ").append(name).append(":\n")
                        .append("          session-id: ").append(1000 + s).append('\n')
                        .append("          peer-session-id: ").append(2000 + s).append('\n');
                if (changed && t == 1 && s < 3) {
                    y.append("          cookie: 0badc0de\n");
                }
                if (changed && t == 6) {
                    y.append("          sequencing: both\n");
                }
                if (s % 2 == 0) {
                    y.append("          mtu: ").append(changed && t == 2 ? 1380 : 1400).append('\n');
                }
                if (changed && t == 5) {
                    y.append("          up: false\n");
                }
                boolean address = changed ? (s % 3 == 0 && t != 3) || (t == 4 && s == 1) : s % 3 == 0;
                if (address) {
                    y.append("          addresses: [198.51.100.").append(t * 12 + s + 1).append("/32]\n");
                }
            }
        }
        y.append("  bridges:\n");
        int bridges = changed ? 4 : 6;
        for (int b = 0; b < bridges; b++) {
            String name = "br" + b;
            links.add(name);
            y.append("    ").append(name).append(":\n")
                    .append("      interfaces: [s").append(b).append("x1, s").append(b).append("x2")
                    .append(b == 0 && !changed ? ", lan0" : "").append("]\n")
                    .append("      addresses: [203.0.113.").append(b + 1).append("/32]\n");
        }
        y.append("  vlans:\n");
        for (int v = 0; v < 12; v++) {
            int t = v < 10 ? v : v - 10;
            int s = v < 10 ? 4 : 5;
            int vid = v < 10 ? 10 : 20;
            if (changed && (t == 8 || t == 9)) {
                continue;
            }
            String name = "s" + t + "x" + s + "." + vid;
            links.add(name);
            y.append("    ").append(name).append(":\n")
                    .append("      link: s").append(t).append('x').append(s).append('\n')
                    .append("      id: ").append(vid).append('\n');
            if (changed && t == 5) {
                y.append("      up: false\n"); // its link is down: the kernel takes the vlan down with it
            }
            if (v < 6) {
                y.append("      addresses: [203.0.113.").append(100 + v).append("/32]\n");
            }
        }
        return new ScaleConfig(y.toString(), tunnels, sessions, links, !changed);
    }
}
