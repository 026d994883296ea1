package net.jl2tp.netlink;

import java.nio.ByteBuffer;

/**
 * What an NLMSG_ERROR (or an NLMSG_DONE ending a dump) says: errno 0 for an acknowledgement, else
 * the kernel's errno, plus the extended-ack TLVs if it sent them (NLM_F_ACK_TLVS): the message,
 * the offset of the offending attribute in our request, the type of a missing attribute.
 *
 * @param errno positive errno; 0 is success
 * @param extackMessage NLMSGERR_ATTR_MSG or null
 * @param extackOffset NLMSGERR_ATTR_OFFS or -1
 * @param missingAttribute NLMSGERR_ATTR_MISS_TYPE or -1
 */
public record NetlinkError(int errno, String extackMessage, int extackOffset, int missingAttribute) {

    /** Parses an NLMSG_ERROR: struct nlmsgerr { int error; struct nlmsghdr msg; [payload]; } [TLVs]. */
    public static NetlinkError ofError(NetlinkMessage message) throws NetlinkProtocolException {
        byte[] p = message.payload();
        ByteBuffer b = message.payloadBuffer();
        if (p.length < 4) {
            throw new NetlinkProtocolException("NLMSG_ERROR of " + p.length + " bytes has no errno");
        }
        int errno = errno(b.getInt(0));
        if (p.length < 4 + NetlinkConstants.HEADER_LENGTH) {
            // Old kernels and some fakes: the errno alone. Nothing else to read.
            return new NetlinkError(errno, null, -1, -1);
        }
        int tlvStart;
        if (message.hasFlag(NetlinkConstants.NLM_F_CAPPED)) {
            tlvStart = 4 + NetlinkConstants.HEADER_LENGTH;
        } else {
            long echoed = Integer.toUnsignedLong(b.getInt(4));
            if (echoed < NetlinkConstants.HEADER_LENGTH || echoed > p.length - 4L) {
                throw new NetlinkProtocolException("NLMSG_ERROR echoes a request of nlmsg_len " + echoed
                        + " in " + (p.length - 4) + " bytes");
            }
            tlvStart = (int) Math.min(p.length, 4 + NetlinkConstants.align((int) echoed));
        }
        return withTlvs(message, errno, tlvStart);
    }

    /** Parses an NLMSG_DONE: an int (0 or a negative errno if the dump failed), then TLVs. */
    public static NetlinkError ofDone(NetlinkMessage message) throws NetlinkProtocolException {
        byte[] p = message.payload();
        if (p.length < 4) {
            return new NetlinkError(0, null, -1, -1);
        }
        return withTlvs(message, errno(message.payloadBuffer().getInt(0)), 4);
    }

    /** The kernel sends 0 or -errno; a positive code (found by fuzzing: 4-byte NLMSG_ERROR 00170000) is not netlink. */
    private static int errno(int code) throws NetlinkProtocolException {
        if (code > 0 || code == Integer.MIN_VALUE) {
            throw new NetlinkProtocolException("error code " + code + " is not 0 or a negative errno; the kernel sends -errno");
        }
        return -code;
    }

    private static NetlinkError withTlvs(NetlinkMessage message, int errno, int tlvStart) throws NetlinkProtocolException {
        if (!message.hasFlag(NetlinkConstants.NLM_F_ACK_TLVS)) {
            return new NetlinkError(errno, null, -1, -1);
        }
        String text = null;
        int offset = -1;
        int missing = -1;
        AttributeDecoder d = new AttributeDecoder(message.payload(), tlvStart);
        while (d.next()) {
            switch (d.type()) {
                case NetlinkConstants.NLMSGERR_ATTR_MSG -> text = d.string();
                case NetlinkConstants.NLMSGERR_ATTR_OFFS -> offset = d.u32();
                case NetlinkConstants.NLMSGERR_ATTR_MISS_TYPE -> missing = d.u32();
                default -> {
                    // cookie, policy, missing nest: nothing a user needs
                }
            }
        }
        d.finish();
        return new NetlinkError(errno, text, offset, missing);
    }

    public boolean isAck() {
        return errno == 0;
    }

    public NetlinkException toException(String operation, int sequence) {
        String text = extackMessage;
        if (text == null && missingAttribute >= 0) {
            text = "missing attribute " + missingAttribute;
        }
        return new NetlinkException(operation, errno, text, sequence, NetlinkException.defaultHint(errno));
    }
}
