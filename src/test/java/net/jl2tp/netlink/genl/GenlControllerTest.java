package net.jl2tp.netlink.genl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.Fixtures;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;

class GenlControllerTest {

    @Test
    void getFamilyEqualsWhatIpSends() {
        byte[] ip = Fixtures.withoutSequenceAndPort(Fixtures.bytes("requests/genl-getfamily-l2tp.hex"));
        byte[] ours = Fixtures.withoutSequenceAndPort(GenlController.getFamily("l2tp").toMessage(1, 0).encode());
        assertThat(HexFormat.of().formatHex(ours)).isEqualTo(HexFormat.of().formatHex(ip));
    }

    @Test
    void resolvesL2tpFromTheCapturedKernelAnswer() throws Exception {
        // kernel 6.1 in the test VM: "l2tp" was given id 0x20, version 1, maxattr 35
        List<NetlinkMessage> captured = Fixtures.messages("replies/genl-getfamily-l2tp.hex");
        GenlFamily f = GenlController.resolve(FakeNetlink.of(req -> List.of(captured.get(0))).netlink(), "l2tp");
        // The answer carries the family's multicast group too (CTRL_ATTR_MCAST_GROUPS): watch joins it.
        assertThat(f).isEqualTo(new GenlFamily("l2tp", 0x20, 1, 35, java.util.Map.of("l2tp", 9)));
        assertThat(f.multicastGroup("l2tp")).hasValue(9);
    }

    @Test
    void missingL2tpFamilySaysWhichModulesToLoad() throws Exception {
        // this host's kernel has no l2tp: its answer to `ip l2tp show tunnel` is ENOENT
        List<NetlinkMessage> captured = Fixtures.messages("replies/genl-getfamily-l2tp-missing.hex");
        assertThatThrownBy(() -> GenlController.resolve(FakeNetlink.of(req -> captured).netlink(), "l2tp"))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                    assertThat(e.getMessage()).startsWith("resolve generic netlink family l2tp: ENOENT (No such file or directory)");
                    assertThat(e.hint()).hasValue(GenlController.L2TP_MODULES_HINT);
                    assertThat(e.hint().get()).contains("modprobe l2tp_eth").contains("l2tp_ip").contains("l2tp_ip6");
                });
    }
}
