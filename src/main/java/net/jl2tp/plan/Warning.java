package net.jl2tp.plan;

import java.util.Optional;
import net.jl2tp.config.SourceMark;

/**
 * Something the plan applies as asked but that will likely hurt (fragmentation, frames a bridge
 * drops): printed with the plan, never a reason to stop.
 */
public record Warning(ObjectRef target, String message, Optional<SourceMark> origin) {
}
