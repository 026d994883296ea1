package net.jl2tp.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.OptionalLong;
import net.jl2tp.model.Encap;
import net.jl2tp.model.Tunnel;
import net.jl2tp.model.TunnelSocket;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.Fixtures;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.diag.SockDiagNetlink;
import org.junit.jupiter.api.Test;

/** Which socket is a tunnel's, from the dump captured in the VM; unknown when the kernel cannot say. */
class TunnelSocketReaderTest {

    private static Tunnel udp(long id, String local, int sport, String remote, int dport) throws Exception {
        return new Tunnel(id, id + 1000, Encap.UDP, InetAddress.getByName(local), InetAddress.getByName(remote), sport,
                dport, false, true, true);
    }

    private static SockDiagNetlink captured() throws Exception {
        List<NetlinkMessage> captured = Fixtures.messages("replies/udp-sock-diag-dump.hex");
        return new SockDiagNetlink(FakeNetlink.of(req -> captured).netlink());
    }

    @Test
    void theSocketOnTheTunnelsAddressesAndPortsIsItsAndNoOtherTunnelHasOne() throws Exception {
        Tunnel ours = udp(3000, "192.0.2.1", 5000, "192.0.2.2", 6000);
        Tunnel otherPort = udp(3001, "192.0.2.1", 5001, "192.0.2.2", 6001);

        assertThat(TunnelSocketReader.read(captured(), List.of(ours, otherPort)))
                .hasValueSatisfying(m -> assertThat(m).containsOnlyKeys(3000L)
                        .containsEntry(3000L, new TunnelSocket(17664, OptionalLong.of(0))));
    }

    @Test
    void withoutUdpDiagItIsUnknown() throws Exception {
        SockDiagNetlink none = new SockDiagNetlink(FakeNetlink.of(
                req -> List.of(FakeNetlink.error(req, Errno.ENOENT, null))).netlink());

        assertThat(TunnelSocketReader.read(none, List.of(udp(3000, "192.0.2.1", 5000, "192.0.2.2", 6000)))).isEmpty();
    }

    @Test
    void ipTunnelsNeedNoDump() throws Exception {
        Tunnel ip = new Tunnel(3000, 4000, Encap.IP, InetAddress.getByName("192.0.2.1"),
                InetAddress.getByName("192.0.2.2"), 0, 0, false, true, true);
        SockDiagNetlink failing = new SockDiagNetlink(FakeNetlink.of(
                req -> List.of(FakeNetlink.error(req, Errno.ENOENT, null))).netlink());

        assertThat(TunnelSocketReader.read(failing, List.of(ip))).hasValueSatisfying(m -> assertThat(m).isEmpty());
    }
}
