package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;
import org.junit.jupiter.api.Test;

/** `--netns` refused: the hint says why (the unit's sandbox), not "run as root" to a process that is root. */
class NamespaceJoinHintTest {
    private static String status(String uid, String capBnd, String seccomp) {
        return "Name:\tjava\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\nCapInh:\t0000000000000000\n"
                + "CapBnd:\t" + capBnd + "\nNoNewPrivs:\t1\nSeccomp:\t" + seccomp + "\n";
    }

    @Test
    void rootUnderTheUnitsBoundingSetAndSeccompFilterIsToldAboutTheSandbox() {
        // jl2tp.service: CapabilityBoundingSet=CAP_NET_ADMIN (bit 12), RestrictNamespaces=yes (a seccomp filter)
        assertThat(NamespaceJoinHint.forStatus(status("0", "0000000000001000", "2"))).isEqualTo(NamespaceJoinHint.SANDBOXED);
        assertThat(NamespaceJoinHint.SANDBOXED).contains("RestrictNamespaces=yes").contains("outside the unit")
                .doesNotContain("run as root");
    }

    @Test
    void rootWithEveryCapabilityButASeccompFilterIsToldAboutTheSandbox() {
        assertThat(NamespaceJoinHint.forStatus(status("0", "000001ffffffffff", "2"))).isEqualTo(NamespaceJoinHint.SANDBOXED);
    }

    @Test
    void anotherUserIsToldToRunAsRoot() {
        assertThat(NamespaceJoinHint.forStatus(status("1000", "000001ffffffffff", "0"))).isEqualTo(NamespaceJoinHint.NOT_ROOT);
    }

    @Test
    void theLineOfARefusedSetnsCarriesThisProcesssHintNotTheGenericOne() {
        NetlinkException refused = new NetlinkException("enter network namespace site-a", Errno.EPERM, null, 0,
                "entering a network namespace needs CAP_SYS_ADMIN: run as root");

        assertThat(KernelFailure.line(refused)).isEqualTo("jl2tp-apply: " + refused.getMessage() + "; "
                + NamespaceJoinHint.ofThisProcess()).doesNotContain(KernelFailure.RUN_AS_ROOT);
    }
}
