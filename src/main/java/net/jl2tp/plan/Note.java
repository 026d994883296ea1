package net.jl2tp.plan;

import java.util.Optional;
import net.jl2tp.config.SourceMark;

/** Something the plan leaves alone, or could not check, said so the operator knows. */
public record Note(ObjectRef target, String message, Optional<SourceMark> origin) {
}
