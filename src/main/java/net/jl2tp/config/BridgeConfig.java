package net.jl2tp.config;

import java.util.List;
import net.jl2tp.model.Mtu;
import net.jl2tp.config.constraints.InterfaceName;

/** A bridge as written; {@code name} is its key under {@code bridges:}. */
public record BridgeConfig(
        @InterfaceName String name,
        List<PortConfig> interfaces,
        Mtu mtu,
        Boolean up,
        List<AddressConfig> addresses,
        Marks marks) implements Marked {
    public BridgeConfig {
        interfaces = List.copyOf(interfaces);
        addresses = List.copyOf(addresses);
    }

    @Override
    public KeyTable keys() {
        return BridgeKeys.TABLE;
    }
}
