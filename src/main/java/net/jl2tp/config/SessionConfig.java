package net.jl2tp.config;

import java.util.List;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Mtu;
import net.jl2tp.model.Sequencing;
import net.jl2tp.validate.constraints.HexCookie;
import net.jl2tp.validate.constraints.InterfaceName;
import net.jl2tp.validate.constraints.L2tpId;
import net.jl2tp.validate.constraints.MtuRange;
import net.jl2tp.validate.constraints.ZeroOffset;

/**
 * A session as written under its tunnel; the map key is the session's interface name.
 * Null means "not written": the binder has already reported a missing required key, and defaults
 * are applied when the desired state is built.
 */
public record SessionConfig(
        @InterfaceName String name,
        @L2tpId Long sessionId,
        @L2tpId Long peerSessionId,
        @HexCookie String cookie,
        @HexCookie String peerCookie,
        L2specType l2specType,
        Sequencing sequencing,
        @ZeroOffset Long offset,
        @ZeroOffset Long peerOffset,
        @MtuRange Mtu mtu,
        Boolean up,
        List<AddressConfig> addresses,
        Marks marks) implements Marked {
    public SessionConfig {
        addresses = List.copyOf(addresses);
    }
}
