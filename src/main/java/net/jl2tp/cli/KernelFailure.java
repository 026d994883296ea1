package net.jl2tp.cli;

import java.util.Optional;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkException;

/**
 * The one line a user sees when the kernel refuses: {@code jl2tp-apply: WHAT: ERRNO (text)[:
 * kernel's message]; WHAT TO DO}. Every command that talks to the kernel (show, status, apply)
 * reports a NetlinkException through here, never as a stack trace, and exits
 * {@link ExitCode#FAILED}.
 */
public final class KernelFailure {
    static final String RUN_AS_ROOT = "run as root: L2TP over netlink needs CAP_NET_ADMIN, even to read";
    static final String LOAD_L2TP = "load the L2TP modules: modprobe l2tp_eth "
            + "(encap: ip also needs l2tp_ip, and l2tp_ip6 over IPv6)";
    static final String LOAD_L2TP_IP = "IP encapsulation needs the l2tp_ip module (l2tp_ip6 over IPv6): "
            + "modprobe l2tp_ip l2tp_ip6";
    static final String LIST_NETNS = "no such network namespace: 'ip netns list' shows the names there are";

    private KernelFailure() {
    }

    /** The whole line, prefix included, on one line whatever the kernel's message holds. */
    public static String line(NetlinkException e) {
        String what = e.getMessage().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return "jl2tp-apply: " + what + hint(e).map(h -> "; " + h).orElse("");
    }

    /** What the user can do: known cases first, then whatever the netlink layer suggested. */
    public static Optional<String> hint(NetlinkException e) {
        String operation = e.operation() == null ? "" : e.operation();
        if (e.isPermissionDenied() && operation.startsWith("enter network namespace")) {
            return Optional.of(NamespaceJoinHint.ofThisProcess());
        }
        if (e.errno() == Errno.EACCES && operation.startsWith("create tunnel") && e.hint().isPresent()) {
            return e.hint(); // privilege is EPERM there; EACCES is the route lookup's answer: a prohibit route
        }
        if (e.isPermissionDenied()) {
            return Optional.of(RUN_AS_ROOT);
        }
        if (e.errno() == Errno.ENOENT && operation.startsWith("resolve generic netlink family l2tp")) {
            return Optional.of(LOAD_L2TP);
        }
        if (e.errno() == Errno.ENOENT && operation.startsWith("open network namespace")) {
            return Optional.of(LIST_NETNS);
        }
        if (e.errno() == Errno.EPROTONOSUPPORT && operation.startsWith("create tunnel")) {
            return Optional.of(LOAD_L2TP_IP);
        }
        return e.hint();
    }
}
