package net.jl2tp.netlink;

/**
 * Bytes that are not valid netlink: a truncated header, an attribute longer than its message,
 * a u32 attribute of 3 bytes, an NLMSG_ERROR without its errno. The decoder turns every malformed
 * input into this exception and never into another one (the decoder is fuzzed for that).
 * It is a {@link NetlinkException} with errno EBADMSG, so a caller handles one type.
 */
public final class NetlinkProtocolException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public NetlinkProtocolException(String what) {
        super("decode netlink: " + what, Errno.EBADMSG, null, 0, null);
    }

    public NetlinkProtocolException(String operation, String what) {
        super(operation + ": malformed reply: " + what, Errno.EBADMSG, null, 0, null);
    }
}
