package net.jl2tp.netlink;

import net.jl2tp.testing.Netns;

/**
 * Two fresh namespaces joined by a veth "pw0" on each side, up, with 192.0.2.1/24 and
 * 2001:db8:1::1/64 on host a, 192.0.2.2/24 and 2001:db8:1::2/64 on host b (IPv6 nodad: usable
 * at once). The underlay of the kernel tests.
 */
public final class TwoHosts implements AutoCloseable {
    /**
     * Host a's config for two tunnels to b: 'early' on a's underlay address 192.0.2.1, 'late' on
     * 198.51.100.1, which a has only when a test gives it one (on pw0).
     */
    public static final String EARLY_AND_LATE_TUNNELS = """
            l2tp:
              version: 1
              tunnels:
                early:
                  tunnel-id: 3000
                  peer-tunnel-id: 4000
                  local: 192.0.2.1
                  remote: 192.0.2.2
                  udp-source-port: 5000
                  udp-destination-port: 6000
                  sessions:
                    l2tpeth0: { session-id: 1000, peer-session-id: 2000 }
                late:
                  tunnel-id: 3001
                  peer-tunnel-id: 4001
                  local: 198.51.100.1
                  remote: 192.0.2.2
                  udp-source-port: 5001
                  udp-destination-port: 6001
                  sessions:
                    pw9: { session-id: 9, peer-session-id: 9 }
            """;

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
