package net.jl2tp.plan;
import java.util.Set;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.SessionKey;
public record TryScope(Set<Long> tunnels, Set<SessionKey> sessions, Set<String> links) {
    public static TryScope of(Plan plan, NetworkState live) { throw new UnsupportedOperationException(); }
    public boolean isEmpty() { return tunnels.isEmpty() && sessions.isEmpty() && links.isEmpty(); }
    public boolean contains(ObjectRef ref) { throw new UnsupportedOperationException(); }
}
