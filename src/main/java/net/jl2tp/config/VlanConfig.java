package net.jl2tp.config;

import java.util.List;
import net.jl2tp.model.Mtu;
import net.jl2tp.config.constraints.InterfaceName;

/** An 802.1Q interface as written; {@code name} is its key under {@code vlans:}. */
public record VlanConfig(
        @InterfaceName String name,
        @InterfaceName String link,
        Long id,
        Mtu mtu,
        Boolean up,
        List<AddressConfig> addresses,
        Marks marks) implements Marked {
    public VlanConfig {
        addresses = List.copyOf(addresses);
    }

    @Override
    public KeyTable keys() {
        return VlanKeys.TABLE;
    }
}
