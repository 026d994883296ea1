package net.jl2tp.kernel;

/**
 * One notification from the kernel, as {@link NotificationDecoder} reads it: what kind of object,
 * which one, and what happened to it. The watch takes each only as a trigger to read its own
 * namespace again (the l2tp family multicasts to every namespace, see {@link KernelWatch}).
 */
public sealed interface KernelNotification {
    /** A one-line account, for --debug style output and the tests. */
    String describe();

    /** L2TP_CMD_TUNNEL_CREATE, _DELETE or _MODIFY. */
    record TunnelChange(String action, long tunnelId) implements KernelNotification {
        @Override
        public String describe() {
            return "l2tp tunnel " + tunnelId + " " + action;
        }
    }

    /** L2TP_CMD_SESSION_CREATE, _DELETE or _MODIFY. */
    record SessionChange(String action, long tunnelId, long sessionId, String interfaceName) implements KernelNotification {
        @Override
        public String describe() {
            return "l2tp session " + tunnelId + "/" + sessionId + (interfaceName == null ? "" : " (" + interfaceName + ")")
                    + " " + action;
        }
    }

    /** RTM_NEWLINK or RTM_DELLINK. */
    record LinkChange(String action, int index, String name) implements KernelNotification {
        @Override
        public String describe() {
            return "link " + name + " (index " + index + ") " + action;
        }
    }

    /** RTM_NEWADDR or RTM_DELADDR. */
    record AddressChange(String action, int index, String address) implements KernelNotification {
        @Override
        public String describe() {
            return "address " + address + " on index " + index + " " + action;
        }
    }

    /** ENOBUFS: the socket's buffer overflowed and notifications were lost. */
    record Overrun(String socket) implements KernelNotification {
        @Override
        public String describe() {
            return "overrun on the " + socket + " socket: notifications were lost";
        }
    }

    /** A message the decoder could not read: still a sign that something changed. */
    record Unreadable(String socket, String why) implements KernelNotification {
        @Override
        public String describe() {
            return "an unreadable message on the " + socket + " socket: " + why;
        }
    }
}
