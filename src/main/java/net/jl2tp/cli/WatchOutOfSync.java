package net.jl2tp.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jl2tp.apply.Drift;
import net.jl2tp.apply.DriftDiff;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
import net.jl2tp.model.Session;
import net.jl2tp.plan.Change;
import net.jl2tp.plan.ObjectRef;
import net.jl2tp.plan.Plan;

/**
 * What the watch's own reconcile left out of sync: the namespace is read again after it, and the
 * planner's dry run of the config on that reading (as {@code jl2tp-apply --dry-run} plans it) names
 * each owned or colliding object still to change. After an apply that succeeded, that is someone
 * undoing it within milliseconds (a tool reacting to the kernel's notifications), which a
 * comparison with the reading after the reconcile cannot see: that reading is the new starting point.
 */
final class WatchOutOfSync {
    static final String AGAIN = "again right after the reconcile";

    private WatchOutOfSync() {
    }

    /**
     * One drift per object {@code plan} (made from {@code live} and {@code record}) would change,
     * foreign ones left out (the watch reports those from its readings); adoptions, which change
     * only the record, are no drift.
     */
    static List<Drift> drifts(Plan plan, NetworkState live, Ownership record, NetworkState config) {
        Map<String, Drift> out = new LinkedHashMap<>();
        for (Change c : plan.changes()) {
            if (c.adoption().isPresent()) {
                continue;
            }
            Drift d;
            if (c.target() instanceof ObjectRef.TunnelRef t) {
                d = drift("tunnel", String.valueOf(t.tunnelId()), live.tunnels().containsKey(t.tunnelId()), c,
                        DriftDiff.ofTunnel(t.tunnelId(), record, config));
            } else if (c.target() instanceof ObjectRef.SessionRef s) {
                String ifname = interfaceOf(c);
                d = drift("session", s.key() + (ifname == null ? "" : " (" + ifname + ")"),
                        live.sessions().containsKey(s.key()), c, DriftDiff.ofSession(s.key(), ifname, record, config));
            } else {
                String name = ((ObjectRef.LinkRef) c.target()).name();
                d = drift("link", name, live.links().containsKey(name), c, DriftDiff.ofLink(name, record, config));
            }
            if (d.relation() != Drift.Relation.foreign) {
                out.putIfAbsent(d.key(), d);
            }
        }
        return new ArrayList<>(out.values());
    }

    private static Drift drift(String kind, String object, boolean there, Change c, Drift.Relation relation) {
        boolean delete = c instanceof Change.DeleteTunnel || c instanceof Change.DeleteSession || c instanceof Change.DeleteLink;
        String change = !there ? "removed" : delete ? "added" : "changed";
        return new Drift(kind, object, change, List.of(AGAIN), relation);
    }

    private static String interfaceOf(Change c) {
        Session s = c instanceof Change.CreateSession x ? x.session()
                : c instanceof Change.DeleteSession x ? x.session()
                : c instanceof Change.ModifySession x ? x.to() : null;
        return s == null ? null : s.interfaceName();
    }
}
