package net.jl2tp.netlink.ffi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkConstants;
import net.jl2tp.netlink.NetlinkError;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.genl.GenlController;
import net.jl2tp.netlink.genl.GenlFamily;
import net.jl2tp.netlink.l2tp.L2tpNetlink;
import net.jl2tp.netlink.route.Link;
import net.jl2tp.netlink.route.RouteNetlink;

/** The jnr-ffi socket against this host's kernel (rtnetlink is always there). */
class NetlinkSocketTest {

    @Test
    void dumpsLinksOfThisNamespaceIncludingLoopback() throws Exception {
        try (NetlinkSocket socket = NetlinkSocket.route(null)) {
            assertThat(socket.portId()).isNotZero();
            List<Link> links = new RouteNetlink(socket).links();
            assertThat(links).anySatisfy(l -> {
                assertThat(l.name()).isEqualTo("lo");
                assertThat(l.index()).isEqualTo(1);
                assertThat(l.mtu()).isPositive();
            });
        }
    }

    @Test
    void unknownNamespaceIsAClearError() {
        assertThatThrownBy(() -> NetlinkSocket.route("jl2tp-no-such-namespace"))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                    assertThat(e.getMessage()).contains("/run/netns/jl2tp-no-such-namespace").contains("ENOENT");
                    assertThat(e.hint()).get().asString().contains("ip netns");
                });
    }

    @Test
    void socketInANamedNamespaceSeesThatNamespacesLinks() throws Exception {
        String ns = "jl2tp-ffi-" + ProcessHandle.current().pid();
        run("ip", "netns", "add", ns);
        try {
            run("ip", "-n", ns, "link", "add", "pwtest0", "type", "veth", "peer", "name", "pwtest1");
            try (NetlinkSocket socket = NetlinkSocket.route(ns)) {
                List<Link> links = new RouteNetlink(socket).links();
                assertThat(links).extracting(Link::name).containsExactlyInAnyOrder("lo", "pwtest0", "pwtest1");
                assertThat(links).filteredOn(l -> l.name().equals("pwtest0")).singleElement()
                        .satisfies(l -> assertThat(l.kind()).isEqualTo("veth"));
            }
            // The calling thread never left its own namespace.
            try (NetlinkSocket here = NetlinkSocket.route(null)) {
                assertThat(new RouteNetlink(here).links()).extracting(Link::name).doesNotContain("pwtest0");
            }
        } finally {
            run("ip", "netns", "del", ns);
        }
    }

    @Test
    void largeDumpSpansManyDatagramsAndComesWhole() throws Exception {
        String ns = "jl2tp-ffi-big-" + ProcessHandle.current().pid();
        run("ip", "netns", "add", ns);
        try {
            java.nio.file.Path batch = java.nio.file.Files.createTempFile("jl2tp-veth", ".batch");
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 150; i++) {
                b.append("link add pwa").append(i).append(" type veth peer name pwb").append(i).append('\n');
            }
            java.nio.file.Files.writeString(batch, b);
            run("ip", "-n", ns, "-batch", batch.toString());
            java.nio.file.Files.delete(batch);
            try (NetlinkSocket socket = NetlinkSocket.route(ns)) {
                List<Link> links = new RouteNetlink(socket).links();
                assertThat(links).hasSize(301);
                assertThat(links).extracting(Link::name).contains("pwa0", "pwb149");
            }
        } finally {
            run("ip", "netns", "del", ns);
        }
    }

    @Test
    void resolvesTheControllerItselfOverARealGenericSocket() throws Exception {
        try (NetlinkSocket genl = NetlinkSocket.generic(null)) {
            GenlFamily ctrl = GenlController.resolve(genl, "nlctrl");
            assertThat(ctrl.id()).isEqualTo(GenlController.GENL_ID_CTRL);
            assertThat(ctrl.name()).isEqualTo("nlctrl");
        }
    }

    @Test
    void kernelWithoutL2tpGivesTheModprobeHint() throws Exception {
        assumeFalse(new File("/sys/module/l2tp_netlink").exists(), "this kernel has L2TP");
        try (NetlinkSocket genl = NetlinkSocket.generic(null)) {
            assertThatThrownBy(() -> L2tpNetlink.open(genl)).isInstanceOfSatisfying(NetlinkException.class, e -> {
                assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("modprobe l2tp_eth"));
            });
        }
    }

    /**
     * NETLINK_CAP_ACK is on: the kernel answers a refused request without a copy of it
     * (NLM_F_CAPPED), and its extended-ack text is still read. A link GET with ifi_flags set is
     * refused by the strict check (NETLINK_GET_STRICT_CHK) with a message, and needs no privilege.
     */
    @Test
    void errorAcksComeCappedAndKeepTheKernelsMessage() throws Exception {
        byte[] ifinfomsg = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                .put((byte) 0).put((byte) 0).putShort((short) 0).putInt(1).putInt(1).putInt(0).array(); // ifi_flags 1
        NetlinkMessage request = new NetlinkMessage(18, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK, 7, 0,
                ifinfomsg); // RTM_GETLINK
        try (NativeNetlink socket = NativeNetlink.open(NetlinkConstants.NETLINK_ROUTE)) {
            socket.send(request.encode());
            NetlinkMessage answer = NetlinkMessage.decodeAll(socket.receive()).get(0);

            assertThat(answer.type()).isEqualTo(NetlinkConstants.NLMSG_ERROR);
            assertThat(answer.hasFlag(NetlinkConstants.NLM_F_CAPPED)).as("capped").isTrue();
            NetlinkError error = NetlinkError.ofError(answer);
            assertThat(error.errno()).isEqualTo(Errno.EINVAL);
            assertThat(error.extackMessage()).contains("Invalid values in header");
            // errno + the request's header only, then the TLVs: no copy of the 16-byte ifinfomsg
            assertThat(answer.payload().length).isLessThan(4 + NetlinkConstants.HEADER_LENGTH + 4 + error.extackMessage().length() + 1
                    + ifinfomsg.length);
        }
    }

    /**
     * recvfrom's sender address is read: a datagram another process sends to our port is dropped,
     * and the kernel's answer behind it is the one returned.
     */
    @Test
    void datagramsFromAnotherPortAreSkipped() throws Exception {
        NetlinkMessage request = new NetlinkMessage(18, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK, 9, 0,
                ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putInt(4, 1).array()); // RTM_GETLINK of index 1 (lo)
        try (NativeNetlink socket = NativeNetlink.open(NetlinkConstants.NETLINK_ROUTE)) {
            int other = NativeNetlink.createSocket(NetlinkConstants.NETLINK_ROUTE);
            try {
                byte[] to = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder()).putShort((short) 16).putShort((short) 0)
                        .putInt(socket.portId()).putInt(0).array();
                byte[] forged = new NetlinkMessage(NetlinkConstants.NLMSG_DONE, 0, 9, 0, new byte[4]).encode();
                assertThat(NativeNetlink.lib().sendto(other, forged, forged.length, 0, to, to.length)).isEqualTo(forged.length);

                assertThat(socket.receiveQueued()).as("only a datagram from another port is queued").isEmpty();

                NativeNetlink.lib().sendto(other, forged, forged.length, 0, to, to.length);
                socket.send(request.encode());
                NetlinkMessage answer = NetlinkMessage.decodeAll(socket.receive()).get(0);
                assertThat(answer.type()).isEqualTo(16); // RTM_NEWLINK from the kernel, not the forged DONE
                assertThat(answer.sequence()).isEqualTo(9);
            } finally {
                NativeNetlink.closeDescriptor(other);
            }
        }
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }
}
