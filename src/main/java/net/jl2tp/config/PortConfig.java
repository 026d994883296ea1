package net.jl2tp.config;

import net.jl2tp.config.constraints.InterfaceName;

/** One entry of a bridge's {@code interfaces:} list. */
public record PortConfig(@InterfaceName String name, Marks marks) implements Marked {
    @Override
    public KeyTable keys() {
        return KeyTable.NONE;
    }
}
