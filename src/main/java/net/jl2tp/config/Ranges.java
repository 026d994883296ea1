package net.jl2tp.config;

import net.jl2tp.model.Mtu;

/** The ranges a number must be in, checked where it is written; the message follows "KEY VALUE". */
final class Ranges {
    private Ranges() {
    }

    /** A tunnel or session id: 32 bits, and the kernel reserves 0. */
    static final ConfigKey.Check<Long> L2TP_ID = ConfigKey.Check.range(1, 0xFFFF_FFFFL,
            "must be in 1..4294967295 (a 32-bit id; 0 is reserved)");

    /** A UDP port of a static tunnel: fixed, so never 0 (which would mean any port). */
    static final ConfigKey.Check<Long> UDP_PORT = ConfigKey.Check.range(1, 65535,
            "must be a UDP port in 1..65535");

    /** An 802.1Q VLAN id. */
    static final ConfigKey.Check<Long> VLAN_ID = ConfigKey.Check.range(1, 4094,
            "must be a VLAN id in 1..4094 (0 and 4095 are reserved by 802.1Q)");

    /** An MTU: auto, or within what Linux accepts for an Ethernet-like link. */
    static final ConfigKey.Check<Mtu> MTU = new ConfigKey.Check<>(v -> !(v instanceof Mtu.Fixed f) || f.inRange(),
            "must be auto or a number in 68..65535", Mtu.MIN, Mtu.MAX);

    /** The man page's offset and peer_offset: accepted for compatibility, only as 0. */
    static final ConfigKey.Check<Long> ZERO_OFFSET = ConfigKey.Check.range(0, 0,
            "is not accepted, only 0: the kernel has ignored offsets since Linux 4.16, and other L2TPv3 "
                    + "implementations never used them");
}
