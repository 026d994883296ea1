package net.jl2tp.config;

import java.util.List;
import net.jl2tp.model.Mtu;

/** The keys every interface kind has (session, bridge, vlan); each kind's table includes them. */
public final class InterfaceKeys {
    private InterfaceKeys() {
    }

    /** A number only: {@code auto} is a session's, which reads it with its own reader. */
    public static final ConfigKey<Mtu> MTU = new ConfigKey<>("mtu", "mtu", false, Values.FIXED_MTU, null, Ranges.MTU);
    public static final ConfigKey<Boolean> UP = new ConfigKey<>("up", "up", false, Values.BOOL, null, null);
    public static final ConfigKey<List<AddressConfig>> ADDRESSES = new ConfigKey<>("addresses", "addresses", false,
            Values.ADDRESSES, List.of(), null);
}
