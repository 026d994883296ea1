package net.jl2tp.bench;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jl2tp.netlink.Fixtures;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.l2tp.L2tpSession;
import net.jl2tp.netlink.l2tp.L2tpSessionCodec;
import net.jl2tp.netlink.l2tp.L2tpSessionState;
import net.jl2tp.netlink.l2tp.L2tpTunnel;
import net.jl2tp.netlink.l2tp.L2tpTunnelCodec;
import net.jl2tp.netlink.l2tp.L2tpTunnelState;
import net.jl2tp.netlink.route.AddressCodec;
import net.jl2tp.netlink.route.Link;
import net.jl2tp.netlink.route.LinkAddress;
import net.jl2tp.netlink.route.LinkCodec;
import net.jl2tp.netlink.route.Rtnl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One netlink message at a time. Encode: the request built from the model and written to wire bytes
 * (what the golden tests compare with the captured {@code ip} requests). Decode: one message of a
 * captured kernel dump reply (src/test/resources/netlink/replies) split off the bytes and decoded to
 * the model, as a dump does for each object.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBench {
    private static final int L2TP_FAMILY = 0x20;
    private final L2tpTunnelCodec tunnels = new L2tpTunnelCodec(L2TP_FAMILY);
    private final L2tpSessionCodec sessions = new L2tpSessionCodec(L2TP_FAMILY);

    private L2tpTunnel tunnel;
    private L2tpSession session;
    private LinkAddress address;
    private byte[] tunnelReply;
    private byte[] sessionReply;
    private byte[] linkReply;
    private byte[] addressReply;

    @Setup
    public void setUp() throws Exception {
        tunnel = L2tpTunnel.udp(3000, 4000, InetAddress.getByName("192.0.2.1"), InetAddress.getByName("192.0.2.2"),
                5000, 6000);
        session = L2tpSession.of(3000, 1001, 2001, "l2tpeth1").withCookies("014d3636deadbeef", "0badc0de");
        address = LinkAddress.of(3, InetAddress.getByName("192.0.2.1"), 24);
        tunnelReply = first("replies/tunnel-dump.hex", L2TP_FAMILY);
        sessionReply = first("replies/session-dump.hex", L2TP_FAMILY);
        linkReply = chosen("replies/link-dump-bridge-vlan-l2tp.hex", Rtnl.RTM_NEWLINK,
                m -> LinkCodec.decode(m).name().equals("l2tpeth0"));
        addressReply = chosen("replies/addr-dump.hex", Rtnl.RTM_NEWADDR,
                m -> AddressCodec.decode(m).describe().equals("192.0.2.1/24"));
        // what is measured must work: each decodes to what the fixture holds
        check(decodeTunnel().tunnel().tunnelId() == 3000, "tunnel");
        check(decodeSession().session().tunnelId() == 3000, "session");
        check(decodeLink().mtu() == 1446 && decodeLink().masterIndex() == 4, "link " + decodeLink());
        check(decodeAddress().index() == 3, "address " + decodeAddress());
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("fixture decoded unexpectedly: " + what);
        }
    }

    /** The first message of {@code type} in a captured reply, alone, as wire bytes. */
    private static byte[] first(String fixture, int type) throws NetlinkProtocolException {
        return chosen(fixture, type, m -> true);
    }

    private interface Pick {
        boolean test(NetlinkMessage m) throws NetlinkProtocolException;
    }

    /** The first message of {@code type} in a captured reply that {@code pick} takes, as wire bytes. */
    private static byte[] chosen(String fixture, int type, Pick pick) throws NetlinkProtocolException {
        for (NetlinkMessage m : Fixtures.messages(fixture)) {
            if (m.type() == type && pick.test(m)) {
                return m.encode();
            }
        }
        throw new IllegalStateException("no such message in " + fixture);
    }

    private static NetlinkMessage one(byte[] wire) throws NetlinkProtocolException {
        return NetlinkMessage.decodeAll(wire).get(0);
    }

    @Benchmark
    public byte[] encodeTunnelCreate() {
        return tunnels.create(tunnel).toMessage(1, 0).encode();
    }

    @Benchmark
    public byte[] encodeSessionCreate() {
        return sessions.create(session).toMessage(1, 0).encode();
    }

    @Benchmark
    public byte[] encodeLinkSetMtu() {
        return LinkCodec.setMtu(3, 1446).toMessage(1, 0).encode();
    }

    @Benchmark
    public byte[] encodeLinkCreateVlan() {
        return LinkCodec.createVlan("pw0.5", 3, 5).toMessage(1, 0).encode();
    }

    @Benchmark
    public byte[] encodeAddressAdd() {
        return AddressCodec.add(address).toMessage(1, 0).encode();
    }

    @Benchmark
    public L2tpTunnelState decodeTunnel() throws NetlinkProtocolException {
        return tunnels.decode(one(tunnelReply));
    }

    @Benchmark
    public L2tpSessionState decodeSession() throws NetlinkProtocolException {
        return sessions.decode(one(sessionReply));
    }

    @Benchmark
    public Link decodeLink() throws NetlinkProtocolException {
        return LinkCodec.decode(one(linkReply));
    }

    @Benchmark
    public LinkAddress decodeAddress() throws NetlinkProtocolException {
        return AddressCodec.decode(one(addressReply));
    }
}
