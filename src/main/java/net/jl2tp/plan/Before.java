package net.jl2tp.plan;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
public record Before(TryScope scope, NetworkState state) {
    public static Before capture(TryScope scope, NetworkState live, Ownership record) { throw new UnsupportedOperationException(); }
}
