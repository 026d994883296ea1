package net.jl2tp.netlink.diag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.Fixtures;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;
import org.junit.jupiter.api.Test;

/** The UDP socket dump over sock_diag: the request as `ss` sends it, the kernel's answer as captured in the VM. */
class UdpSocketCodecTest {

    @Test
    void theDumpIsWhatSsSends() {
        Fixtures.assertSameAsIp("udp-sock-diag-dump.hex", UdpSocketCodec.dump(InetDiag.AF_INET));
    }

    @Test
    void theTunnelsSocketWithItsQueueAndDropsAsSsShowsThem() throws Exception {
        // capture-diagnose.sh: `ss -4 -Huanm` before and after: ESTAB 15616 then 17664 0 192.0.2.1:5000
        // 192.0.2.2:6000 ... d0
        List<NetlinkMessage> captured = Fixtures.messages("replies/udp-sock-diag-dump.hex");
        List<UdpSocket> sockets = new SockDiagNetlink(FakeNetlink.of(req -> captured).netlink())
                .udpSockets(InetDiag.AF_INET);

        assertThat(sockets).singleElement().satisfies(s -> {
            assertThat(s.local()).isEqualTo(InetAddress.getByName("192.0.2.1"));
            assertThat(s.localPort()).isEqualTo(5000);
            assertThat(s.remote()).isEqualTo(InetAddress.getByName("192.0.2.2"));
            assertThat(s.remotePort()).isEqualTo(6000);
            assertThat(s.receiveQueue()).isEqualTo(17664);
            assertThat(s.drops()).hasValue(0);
        });
    }

    @Test
    void withoutUdpDiagTheKernelSaysSo() {
        // no udp_diag: sock_diag's handler lookup fails with ENOENT
        SockDiagNetlink diag = new SockDiagNetlink(FakeNetlink.of(
                req -> List.of(FakeNetlink.error(req, Errno.ENOENT, null))).netlink());

        assertThatThrownBy(() -> diag.udpSockets(InetDiag.AF_INET)).isInstanceOfSatisfying(NetlinkException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
    }
}
