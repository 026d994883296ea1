package net.jl2tp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Why {@code --netns NAME} was refused (setns: EPERM), from this process's /proc/self/status. As
 * root in a sandbox (jl2tp.service: CapabilityBoundingSet=CAP_NET_ADMIN, RestrictNamespaces=yes,
 * which is a seccomp filter), "run as root" would send the user in circles: the sandbox is why.
 */
final class NamespaceJoinHint {
    static final String SANDBOXED = "joining a network namespace needs CAP_SYS_ADMIN and the setns call, "
            + "and this process's sandbox allows neither (jl2tp.service has CapabilityBoundingSet=CAP_NET_ADMIN "
            + "and RestrictNamespaces=yes): run jl2tp-apply --netns outside the unit, or lift both in a drop-in "
            + "(systemctl edit jl2tp.service)";
    static final String NOT_ROOT = "run as root: joining a network namespace needs CAP_SYS_ADMIN";
    private static final int CAP_SYS_ADMIN = 21;

    private NamespaceJoinHint() {
    }

    static String ofThisProcess() {
        try {
            return forStatus(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException | RuntimeException e) {
            return NOT_ROOT;
        }
    }

    /** @param status the text of /proc/PID/status */
    static String forStatus(String status) {
        boolean root = field(status, "Uid").map(v -> v.split("\\s+")[1].equals("0")).orElse(false);
        boolean canGetSysAdmin = field(status, "CapBnd").map(v -> Long.parseUnsignedLong(v, 16) >>> CAP_SYS_ADMIN & 1)
                .map(bit -> bit == 1).orElse(true);
        boolean seccompFiltered = field(status, "Seccomp").map(v -> v.equals("2")).orElse(false);
        return root && (!canGetSysAdmin || seccompFiltered) ? SANDBOXED : NOT_ROOT;
    }

    private static Optional<String> field(String status, String name) {
        return status.lines().filter(line -> line.startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).strip()).findFirst();
    }
}
