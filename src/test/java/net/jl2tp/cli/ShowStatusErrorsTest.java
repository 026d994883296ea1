package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.Fixtures;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.genl.GenlController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-line errors of show and status when the kernel refuses: no root, no L2TP modules, no such
 * namespace. Exit 1, a line that says what to do, and never a stack trace.
 */
class ShowStatusErrorsTest {
    @TempDir
    Path stateDirectory;

    /** A kernel with L2TP whose dumps say EPERM, as kernel 6.1 answers an unprivileged user. */
    private static Kernel unprivileged() throws NetlinkException {
        List<NetlinkMessage> family = Fixtures.messages("replies/genl-getfamily-l2tp.hex");
        FakeNetlink generic = FakeNetlink.of(req -> req.type() == GenlController.GENL_ID_CTRL
                ? List.of(family.get(0)) : List.of(FakeNetlink.error(req, Errno.EPERM, null)));
        FakeNetlink route = FakeNetlink.of(req -> List.of(FakeNetlink.error(req, Errno.EPERM, null)));
        return new Kernel(route.netlink(), generic.netlink());
    }

    /** This build machine's kernel, which has no L2TP: its captured answer to the family lookup. */
    private static Kernel withoutL2tp() throws NetlinkException {
        List<NetlinkMessage> missing = Fixtures.messages("replies/genl-getfamily-l2tp-missing.hex");
        FakeNetlink generic = FakeNetlink.of(req -> missing);
        FakeNetlink route = FakeNetlink.of(req -> {
            throw new AssertionError("nothing is read once the l2tp family is missing");
        });
        return new Kernel(route.netlink(), generic.netlink());
    }

    @ParameterizedTest
    @ValueSource(strings = {"show", "status"})
    void withoutCapNetAdminSayRunAsRoot(String command) {
        ShowStatusHarness.Result r = ShowStatusHarness.run(
                ShowStatusHarness.access(netns -> unprivileged(), stateDirectory), command);

        assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).hasLineCount(1)
                .startsWith("jl2tp-apply: ")
                .contains(": EPERM (Operation not permitted)")
                .endsWith("; run as root: L2TP over netlink needs CAP_NET_ADMIN, even to read\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"show", "status"})
    void withoutTheModulesSayWhichToLoad(String command) {
        ShowStatusHarness.Result r = ShowStatusHarness.run(
                ShowStatusHarness.access(netns -> withoutL2tp(), stateDirectory), command);

        assertThat(r.exit()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("jl2tp-apply: resolve generic netlink family l2tp: ENOENT (No such file or "
                + "directory): the kernel has no such family; load the L2TP modules: modprobe l2tp_eth "
                + "(encap: ip also needs l2tp_ip, and l2tp_ip6 over IPv6)\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"show", "status"})
    void aMissingNamespaceSaysHowToListThem(String command) {
        // the real path: Main.run, Kernel.open, the jnr-ffi socket trying /run/netns/NAME
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String name = "jl2tp-no-such-netns-" + ProcessHandle.current().pid();

        int exit = Main.run(new String[] {command, "--netns", name}, new PrintWriter(out), new PrintWriter(err));

        assertThat(exit).isEqualTo(ExitCode.FAILED);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("jl2tp-apply: open network namespace /run/netns/" + name
                + ": ENOENT (No such file or directory); no such network namespace: 'ip netns list' shows the "
                + "names there are\n");
    }

    @Test
    void ipEncapWithoutL2tpIpSaysWhichModule() {
        NetlinkException e = new NetlinkException("create tunnel 3002", Errno.EPROTONOSUPPORT);

        assertThat(KernelFailure.line(e)).isEqualTo("jl2tp-apply: create tunnel 3002: EPROTONOSUPPORT (Protocol not "
                + "supported); IP encapsulation needs the l2tp_ip module (l2tp_ip6 over IPv6): modprobe l2tp_ip l2tp_ip6");
    }

    /** Privilege is EPERM for a tunnel create; its EACCES is the route lookup meeting a prohibit route. */
    @Test
    void aTunnelCreateRefusedByAProhibitRouteSaysSoNotRunAsRoot() {
        NetlinkException e = new NetlinkException("create tunnel 3002", Errno.EACCES, null, 7,
                "a prohibit route toward the remote address 203.0.113.9 from 192.0.2.1");

        assertThat(KernelFailure.line(e)).isEqualTo("jl2tp-apply: create tunnel 3002: EACCES (Permission denied); "
                + "a prohibit route toward the remote address 203.0.113.9 from 192.0.2.1");
        assertThat(KernelFailure.line(new NetlinkException("dump tunnels", Errno.EACCES))).endsWith(KernelFailure.RUN_AS_ROOT);
    }

    @Test
    void theKernelsMessageStaysOnOneLineAndOtherHintsPassThrough() {
        NetlinkException e = new NetlinkException("set mtu of pw0", Errno.EINVAL, "mtu less than device minimum\nsee dmesg",
                7, "choose an mtu of 68 or more");

        assertThat(KernelFailure.line(e)).isEqualTo("jl2tp-apply: set mtu of pw0: EINVAL (Invalid argument): "
                + "mtu less than device minimum see dmesg; choose an mtu of 68 or more");
        assertThat(KernelFailure.line(new NetlinkException("create session 1000 in tunnel 3000", Errno.EEXIST)))
                .isEqualTo("jl2tp-apply: create session 1000 in tunnel 3000: EEXIST (File exists)");
    }
}
