package net.jl2tp.netlink;

import java.util.Optional;

/**
 * The one error type of the netlink layer: the kernel (or a socket call) refused an operation.
 *
 * <p>It carries what was being done ({@link #operation()}, e.g. {@code create tunnel 3000}), the
 * errno, the kernel's extended-ack message when it sent one, the request's sequence number, and
 * optionally a hint for the user ("run as root"). {@link #getMessage()} reads as one line:
 * {@code create tunnel 3000: EEXIST (File exists): <extack text>}.
 */
public class NetlinkException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int errno;
    private final String extackMessage;
    private final int sequence;
    private final String hint;

    public NetlinkException(String operation, int errno, String extackMessage, int sequence, String hint) {
        super(format(operation, errno, extackMessage));
        this.operation = operation;
        this.errno = errno;
        this.extackMessage = extackMessage == null || extackMessage.isEmpty() ? null : extackMessage;
        this.sequence = sequence;
        this.hint = hint;
    }

    public NetlinkException(String operation, int errno) {
        this(operation, errno, null, 0, defaultHint(errno));
    }

    /** Same error, told from the caller's point of view (e.g. naming an interface, not an ifindex). */
    public NetlinkException withOperation(String newOperation) {
        return new NetlinkException(newOperation, errno, extackMessage, sequence, hint);
    }

    /** Same error with a hint for the user; keeps an existing hint if {@code newHint} is null. */
    public NetlinkException withHint(String newHint) {
        return new NetlinkException(operation, errno, extackMessage, sequence, newHint != null ? newHint : hint);
    }

    private static String format(String operation, int errno, String extack) {
        StringBuilder b = new StringBuilder();
        b.append(operation).append(": ").append(Errno.name(errno)).append(" (").append(Errno.description(errno)).append(')');
        if (extack != null && !extack.isEmpty()) {
            b.append(": ").append(extack);
        }
        return b.toString();
    }

    /** A hint that holds whatever the operation: missing privilege. */
    static String defaultHint(int errno) {
        if (errno == Errno.EPERM || errno == Errno.EACCES) {
            return "run as root (netlink changes and L2TP dumps need CAP_NET_ADMIN)";
        }
        return null;
    }

    public String operation() {
        return operation;
    }

    /** The positive errno number (the kernel sends it negated). */
    public int errno() {
        return errno;
    }

    public String errnoName() {
        return Errno.name(errno);
    }

    public Optional<String> extackMessage() {
        return Optional.ofNullable(extackMessage);
    }

    /** The nlmsg_seq of the request that failed; 0 when the failure was not a kernel reply. */
    public int sequence() {
        return sequence;
    }

    /** What the user can do about it, if the layer knows (e.g. "run as root"). */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    public boolean isPermissionDenied() {
        return errno == Errno.EPERM || errno == Errno.EACCES;
    }
}
