package net.jl2tp.plan;

import net.jl2tp.model.SessionKey;

/** Names one kernel object jl2tp manages: a tunnel by id, a session by key, a link by name. */
public sealed interface ObjectRef {
    record TunnelRef(long tunnelId) implements ObjectRef {
        @Override
        public String toString() {
            return "tunnel " + tunnelId;
        }
    }

    record SessionRef(SessionKey key) implements ObjectRef {
        @Override
        public String toString() {
            return "session " + key.sessionId() + " in tunnel " + key.tunnelId();
        }
    }

    record LinkRef(String name) implements ObjectRef {
        @Override
        public String toString() {
            return "link " + name;
        }
    }
}
