package net.jl2tp.plan;

import java.util.Optional;
import net.jl2tp.config.SourceMark;

/**
 * The config cannot be applied over what the kernel has without touching something that is not
 * jl2tp's (a tunnel id or interface name taken by a foreign object, a bridge port that does not
 * exist). An apply with a conflict stops before its first change.
 */
public record Conflict(ObjectRef target, String message, Optional<SourceMark> origin) {
}
