package net.jl2tp.netlink;

import java.util.List;
import java.util.Optional;

/**
 * One request's answer within a batch ({@link Netlink#executeAll}): the messages the kernel sent
 * before its acknowledgement (a GET's object; usually none), or the error it answered with.
 */
public record NetlinkReply(NetlinkRequest request, List<NetlinkMessage> messages, Optional<NetlinkException> error) {

    public NetlinkReply {
        messages = List.copyOf(messages);
    }

    public boolean succeeded() {
        return error.isEmpty();
    }

    /** The messages, or the kernel's error thrown. */
    public List<NetlinkMessage> orThrow() throws NetlinkException {
        if (error.isPresent()) {
            throw error.get();
        }
        return messages;
    }
}
