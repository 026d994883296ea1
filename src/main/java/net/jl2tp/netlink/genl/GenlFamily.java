package net.jl2tp.netlink.genl;

import java.util.Map;
import java.util.OptionalInt;

/**
 * A generic netlink family as the controller reports it: its message type (id) for this boot, and
 * its multicast groups by name (their ids are given out at registration, and may exceed 32).
 */
public record GenlFamily(String name, int id, int version, int maxAttribute, Map<String, Integer> multicastGroups) {
    public GenlFamily {
        multicastGroups = Map.copyOf(multicastGroups);
    }

    public GenlFamily(String name, int id, int version, int maxAttribute) {
        this(name, id, version, maxAttribute, Map.of());
    }

    /** The id of the multicast group {@code group}, if the family has it. */
    public OptionalInt multicastGroup(String group) {
        Integer id = multicastGroups.get(group);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }
}
