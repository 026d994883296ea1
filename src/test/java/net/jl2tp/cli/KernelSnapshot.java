package net.jl2tp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jl2tp.testing.Netns;

/**
 * What `ip` shows of a namespace (the independent witness): links with their kind, vlan id, flags,
 * mtu and master; addresses; L2TP tunnels and sessions, each sorted, without what the kernel
 * changes by itself or numbers afresh when an object is made again (ifindex, MACs, bridge timers
 * and ids, carrier, IPv6 link-local addresses). Two snapshots are equal when the same objects
 * exist with the same settings; {@link #ifindex} tells whether one object is still the same one.
 */
final class KernelSnapshot {
    private static final Pattern LINK = Pattern.compile("^\\d+: ([^:@ ]+)(@[^: ]+)?: <([^>]*)> mtu (\\d+)(.*)$");
    private static final Pattern MASTER = Pattern.compile(" master (\\S+)");
    private static final Pattern VLAN = Pattern.compile("vlan protocol 802\\.1Q id (\\d+)");
    private static final Pattern KIND = Pattern.compile("\\\\? +(bridge|dummy|veth) ");
    private static final Pattern ADDRESS = Pattern.compile("^\\d+: (\\S+) +(inet6?) (\\S+(?: peer \\S+)?)");

    private KernelSnapshot() {
    }

    static String of(Netns ns) {
        return links(ns.ip("-o -d link show")) + addresses(ns.ip("-o addr show")) + l2tp(ns.ip("l2tp show tunnel"))
                + l2tp(ns.ip("l2tp show session"));
    }

    static String links(String ipOdLink) {
        TreeSet<String> lines = new TreeSet<>();
        for (String l : ipOdLink.split("\n")) {
            Matcher m = LINK.matcher(l);
            if (!m.find()) {
                continue;
            }
            String name = m.group(1);
            String rest = m.group(5);
            StringBuilder s = new StringBuilder("link " + name);
            Matcher vlan = VLAN.matcher(rest);
            if (vlan.find()) {
                s.append(" vlan ").append(vlan.group(1)).append(" on ").append(m.group(2).substring(1));
            } else {
                Matcher kind = KIND.matcher(rest);
                if (kind.find()) {
                    s.append(' ').append(kind.group(1));
                }
            }
            List<String> flags = new ArrayList<>();
            for (String f : m.group(3).split(",")) {
                if (!f.equals("LOWER_UP") && !f.equals("NO-CARRIER") && !f.equals("M-DOWN") && !f.isEmpty()) {
                    flags.add(f);
                }
            }
            s.append(" <").append(String.join(",", flags)).append("> mtu ").append(m.group(4));
            Matcher master = MASTER.matcher(rest);
            if (master.find()) {
                s.append(" master ").append(master.group(1));
            }
            lines.add(s.toString());
        }
        return String.join("\n", lines) + "\n";
    }

    static String addresses(String ipOAddr) {
        TreeSet<String> lines = new TreeSet<>();
        for (String l : ipOAddr.split("\n")) {
            Matcher m = ADDRESS.matcher(l);
            if (m.find() && !m.group(3).startsWith("fe80:")) {
                lines.add("address " + m.group(1) + " " + m.group(2) + " " + m.group(3));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** `ip l2tp show tunnel|session`: one block per object (from its "Tunnel"/"Session" line), sorted. */
    static String l2tp(String show) {
        TreeSet<String> blocks = new TreeSet<>();
        StringBuilder block = null;
        for (String l : show.split("\n")) {
            if (l.startsWith("Tunnel ") || l.startsWith("Session ")) {
                if (block != null) {
                    blocks.add(block.toString());
                }
                block = new StringBuilder();
            }
            if (block != null && !l.isBlank()) {
                block.append(l.strip()).append('\n');
            }
        }
        if (block != null) {
            blocks.add(block.toString());
        }
        return String.join("", blocks);
    }

    /** The ifindex of a link: the same number after a run means the same object, untouched. */
    static String ifindex(Netns ns, String link) {
        return ns.run("cat", "/sys/class/net/" + link + "/ifindex").strip();
    }
}
