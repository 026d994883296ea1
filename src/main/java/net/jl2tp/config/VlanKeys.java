package net.jl2tp.config;

import java.util.List;
import net.jl2tp.model.Mtu;

/** The keys of an 802.1Q interface, under {@code vlans: NAME:}. */
public final class VlanKeys {
    private VlanKeys() {
    }

    static final KeyTable TABLE = new KeyTable();
    public static final ConfigKey<String> LINK = TABLE.required("link", "link", Values.TEXT);
    public static final ConfigKey<Long> ID = TABLE.required("id", "id", Values.NUMBER, Ranges.VLAN_ID);
    public static final ConfigKey<Mtu> MTU = TABLE.include(InterfaceKeys.MTU);
    public static final ConfigKey<Boolean> UP = TABLE.include(InterfaceKeys.UP);
    public static final ConfigKey<List<AddressConfig>> ADDRESSES = TABLE.include(InterfaceKeys.ADDRESSES);

    static {
        TABLE.ipWords(ID, "vlan-id", "vlan_id");
        TABLE.ipWords(LINK, "parent", "dev");
        TABLE.ipWords(ADDRESSES, "address");
    }
}
