package net.jl2tp.plan;
import java.util.Set;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Ownership;
public final class Restore {
    public static Plan plan(Before before, NetworkState live, Ownership recordNow, Set<ObjectRef> leaveAsTheyAre) { throw new UnsupportedOperationException(); }
    public static Set<ObjectRef> dependents(ObjectRef ref, Before before, NetworkState live) { throw new UnsupportedOperationException(); }
}
