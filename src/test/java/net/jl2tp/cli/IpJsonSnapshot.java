package net.jl2tp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jl2tp.json.JsonReader;
import net.jl2tp.testing.Netns;

/**
 * What `ip -d -j` shows of a namespace, field by field: every link (with its details), every
 * address, every L2TP tunnel and session, flattened to sorted {@code object: path = value} lines,
 * so that two snapshots compare field by field and a difference reads as the fields that differ.
 * Left out is only what the kernel decides afresh or counts by itself: ifindexes, a re-made
 * link's kernel-chosen MAC (and the link-local IPv6 address made from it), counters, timers, a
 * bridge's offload limits (derived from its ports), and the carrier flags that follow the peer.
 */
final class IpJsonSnapshot {
    /** Keys whose values are the kernel's own bookkeeping, at any depth. */
    private static final Set<String> VOLATILE = Set.of("ifindex", "link_index", "stats", "stats64", "address",
            "broadcast", "permaddr", "hello_timer", "tcn_timer", "topology_change_timer", "gc_timer",
            "valid_life_time", "preferred_life_time", "operstate", "linkmode", "group", "qdisc", "txqlen",
            "link_netnsid", "bridge_id", "root_id", "designated_root", "root_port", "root_path_cost",
            "topology_change", "topology_change_detected", "last_topology_change", "multi_bridge_id",
            "inet6_addr_gen_mode", "addr_gen_mode", "prefixlen_dynamic", "dynamic", "altnames",
            // A bridge's offload limits are the kernel's minimum over the ports it has had (an empty
            // bridge keeps its last port's): derived, not set by anyone.
            "tso_max_size", "tso_max_segs", "gso_max_size", "gso_max_segs", "gro_max_size", "gso_ipv4_max_size",
            "gro_ipv4_max_size");

    private IpJsonSnapshot() {
    }

    static Set<String> of(Netns ns) {
        Set<String> lines = new TreeSet<>();
        for (Object link : list(ns.ip("-d -j link show"))) {
            Map<?, ?> m = (Map<?, ?>) link;
            flatten("link " + m.get("ifname"), link, lines);
        }
        for (Object link : list(ns.ip("-j addr show"))) {
            Map<?, ?> m = (Map<?, ?>) link;
            for (Object a : list(m.get("addr_info"))) {
                Map<?, ?> addr = (Map<?, ?>) a;
                String local = String.valueOf(addr.get("local"));
                if (!local.startsWith("fe80:")) {
                    flatten("address " + m.get("ifname") + " " + local + "/" + addr.get("prefixlen"), a, lines);
                }
            }
        }
        for (Object t : list(ns.ip("-j l2tp show tunnel"))) {
            flatten("tunnel " + ((Map<?, ?>) t).get("tunnel_id"), t, lines);
        }
        for (Object s : list(ns.ip("-j l2tp show session"))) {
            Map<?, ?> m = (Map<?, ?>) s;
            flatten("session " + m.get("tunnel_id") + "/" + m.get("session_id"), s, lines);
        }
        return lines;
    }

    /** The lines only one of the two has, each marked with the side it is on: empty when equal. */
    static List<String> differences(Set<String> expected, Set<String> actual) {
        List<String> out = new ArrayList<>();
        for (String l : expected) {
            if (!actual.contains(l)) {
                out.add("expected " + l);
            }
        }
        for (String l : actual) {
            if (!expected.contains(l)) {
                out.add("but was  " + l);
            }
        }
        return out;
    }

    private static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return text.isBlank() ? List.of() : (List<?>) JsonReader.parse(text);
        }
        return (List<?>) value;
    }

    private static void flatten(String path, Object value, Set<String> lines) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!VOLATILE.contains(key) && !key.endsWith("_timer")) {
                    flatten(path + "." + key, e.getValue(), lines);
                }
            }
        } else if (value instanceof List<?> items) {
            if (path.endsWith(".flags")) {
                TreeSet<String> flags = new TreeSet<>();
                for (Object f : items) {
                    if (!Set.of("LOWER_UP", "NO-CARRIER", "M-DOWN").contains(String.valueOf(f))) {
                        flags.add(String.valueOf(f));
                    }
                }
                lines.add(path + " = " + flags);
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                flatten(path + "[" + i + "]", items.get(i), lines);
            }
        } else {
            lines.add(path + " = " + value);
        }
    }
}
