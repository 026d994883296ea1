package net.jl2tp.config;

import java.util.List;
import net.jl2tp.model.Mtu;

/** The keys of a bridge, under {@code bridges: NAME:}. */
public final class BridgeKeys {
    private BridgeKeys() {
    }

    static final KeyTable TABLE = new KeyTable();
    public static final ConfigKey<List<PortConfig>> INTERFACES = TABLE.list("interfaces", "interfaces",
            Values.PORTS);
    public static final ConfigKey<Mtu> MTU = TABLE.include(InterfaceKeys.MTU);
    public static final ConfigKey<Boolean> UP = TABLE.include(InterfaceKeys.UP);
    public static final ConfigKey<List<AddressConfig>> ADDRESSES = TABLE.include(InterfaceKeys.ADDRESSES);

    static {
        TABLE.ipWords(INTERFACES, "ports", "master");
        TABLE.ipWords(ADDRESSES, "address");
    }
}
