package net.jl2tp.config;

import java.util.List;
import net.jl2tp.config.constraints.HexCookie;
import net.jl2tp.config.constraints.InterfaceName;
import net.jl2tp.model.Mtu;

/**
 * What a link says about one of its ends, under the key named after that end's site. Null means
 * not written: the number is derived, the interface is named after the link. The constraints are
 * checked where the values land (the cookie by its reader, the names on the expanded session and
 * bridge); here they say so to the JSON Schema.
 */
public record LinkEndConfig(
        String site,
        Long tunnelId,
        Long sessionId,
        Long udpPort,
        @HexCookie String cookie,
        @InterfaceName String interfaceName,
        Mtu mtu,
        Boolean up,
        List<AddressConfig> addresses,
        @InterfaceName String bridge,
        Marks marks) implements Marked {
    public LinkEndConfig {
        addresses = List.copyOf(addresses);
    }

    /** An end the link gives no key for. */
    static LinkEndConfig unwritten(String site, SourceMark link) {
        return new LinkEndConfig(site, null, null, null, null, null, null, null, List.of(), null, Marks.at(link));
    }

    @Override
    public KeyTable keys() {
        return LinkEndKeys.TABLE;
    }
}
