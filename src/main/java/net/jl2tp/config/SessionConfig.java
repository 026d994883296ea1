package net.jl2tp.config;

import java.util.List;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Mtu;
import net.jl2tp.model.Sequencing;
import net.jl2tp.config.constraints.HexCookie;
import net.jl2tp.config.constraints.InterfaceName;

/**
 * A session as written under its tunnel; the map key is the session's interface name.
 * Null means "not written": the binder has already reported a missing required key, and defaults
 * are applied when the desired state is built.
 */
public record SessionConfig(
        @InterfaceName String name,
        Long sessionId,
        Long peerSessionId,
        @HexCookie String cookie,
        @HexCookie String peerCookie,
        L2specType l2specType,
        Sequencing sequencing,
        Long offset,
        Long peerOffset,
        Mtu mtu,
        Boolean up,
        List<AddressConfig> addresses,
        Marks marks) implements Marked {
    public SessionConfig {
        addresses = List.copyOf(addresses);
    }

    @Override
    public KeyTable keys() {
        return SessionKeys.TABLE;
    }
}
