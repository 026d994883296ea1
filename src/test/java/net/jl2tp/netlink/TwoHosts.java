package net.jl2tp.netlink;

import net.jl2tp.testing.Netns;

/**
 * Two fresh namespaces joined by a veth "pw0" on each side, up, with 192.0.2.1/24 and
 * 2001:db8:1::1/64 on host a, 192.0.2.2/24 and 2001:db8:1::2/64 on host b (IPv6 nodad: usable
 * at once). The underlay of the kernel tests.
 */
public final class TwoHosts implements AutoCloseable {
    public final Netns a;
    public final Netns b;

    private TwoHosts(Netns a, Netns b) {
        this.a = a;
        this.b = b;
    }

    public static TwoHosts create() {
        Netns a = Netns.create("a");
        Netns b = null;
        try {
            b = Netns.create("b");
            Netns.veth(a, "pw0", b, "pw0");
            a.ipBatch("addr add 192.0.2.1/24 dev pw0", "addr add 2001:db8:1::1/64 dev pw0 nodad", "link set pw0 up");
            b.ipBatch("addr add 192.0.2.2/24 dev pw0", "addr add 2001:db8:1::2/64 dev pw0 nodad", "link set pw0 up");
            return new TwoHosts(a, b);
        } catch (RuntimeException | AssertionError e) {
            a.close();
            if (b != null) {
                b.close();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
