package net.jl2tp.netlink;

/**
 * Bytes that are not valid netlink: a truncated header, an attribute longer than its message,
 * a u32 attribute of 3 bytes, an NLMSG_ERROR without its errno. The decoder turns every malformed
 * input into this exception and never into another one (the decoder is fuzzed for that).
 * It is a {@link NetlinkException} with errno EBADMSG, so a caller handles one type.
 */
public final class NetlinkProtocolException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final String detail;

    public NetlinkProtocolException(String what) {
        this("decode netlink", what);
    }

    /** Malformed bytes met while doing {@code operation}; the message reads "OPERATION: malformed reply: WHAT". */
    public NetlinkProtocolException(String operation, String what) {
        super(operation + ": malformed reply", Errno.EBADMSG, what, 0, null);
        this.detail = what;
    }

    /** What was wrong with the bytes, without the operation. */
    public String detail() {
        return detail;
    }
}
