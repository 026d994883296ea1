package net.jl2tp.testing;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;

/** A {@link Link} for tests, field by field by name. Starts up, with no MTU, master, vlan or address. */
public final class LinkBuilder {
    private String name;
    private final LinkKind kind;
    private Optional<Link.VlanOf> vlan = Optional.empty();
    private OptionalInt mtu = OptionalInt.empty();
    private boolean up = true;
    private Optional<String> master = Optional.empty();
    private List<InterfaceAddress> addresses = List.of();

    private LinkBuilder(String name, LinkKind kind) {
        this.name = name;
        this.kind = kind;
    }

    public static LinkBuilder link(String name, LinkKind kind) {
        return new LinkBuilder(name, kind);
    }

    /** Every field of {@code l}, to change a few. */
    public static LinkBuilder from(Link l) {
        return link(l.name(), l.kind()).vlan(l.vlan()).mtu(l.mtu()).up(l.up()).master(l.master())
                .addresses(l.addresses());
    }

    public LinkBuilder name(String value) {
        name = value;
        return this;
    }

    public LinkBuilder vlan(Optional<Link.VlanOf> value) {
        vlan = value;
        return this;
    }

    public LinkBuilder vlanOf(String link, int id) {
        vlan = Optional.of(new Link.VlanOf(link, id));
        return this;
    }

    public LinkBuilder mtu(int value) {
        mtu = OptionalInt.of(value);
        return this;
    }

    public LinkBuilder mtu(OptionalInt value) {
        mtu = value;
        return this;
    }

    public LinkBuilder up(boolean value) {
        up = value;
        return this;
    }

    public LinkBuilder master(String value) {
        master = Optional.of(value);
        return this;
    }

    public LinkBuilder master(Optional<String> value) {
        master = value;
        return this;
    }

    public LinkBuilder addresses(List<InterfaceAddress> value) {
        addresses = value;
        return this;
    }

    public Link build() {
        return new Link(name, kind, vlan, mtu, up, master, addresses);
    }
}
