package net.jl2tp.apply;

import java.util.List;

/**
 * One change to a kernel object between two readings of a namespace, as the watch reports it.
 *
 * @param kind tunnel, session or link
 * @param object how the object is named: {@code 10}, {@code 10/1 (l2tpeth0)}, {@code pw1}
 * @param change added, removed or changed
 * @param details for a change, each field that changed: {@code mtu: 1400 -> 1300}
 */
public record Drift(String kind, String object, String change, List<String> details, Relation relation) {
    public Drift {
        details = List.copyOf(details);
    }

    /** Whose the object is: the state record's, not the record's but named by the config, or neither. */
    public enum Relation {
        owned, colliding, foreign;

        /** Owned and colliding objects are what a reconcile may change; foreign ones never. */
        public boolean reconcilable() {
            return this != foreign;
        }
    }

    /**
     * Whether a reconcile would change the object back: owned and colliding ones always; a foreign
     * tunnel or session only under {@code --prune}, which deletes it (so only when it is there).
     */
    public boolean reconcilable(boolean prune) {
        return relation.reconcilable() || prune && !change.equals("removed");
    }

    /** The object's identity, for counting how often the same object drifts. */
    public String key() {
        return kind + " " + object;
    }
}
