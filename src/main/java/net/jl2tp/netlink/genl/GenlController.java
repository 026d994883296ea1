package net.jl2tp.netlink.genl;

import static net.jl2tp.netlink.NetlinkConstants.NLM_F_REQUEST;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jl2tp.netlink.AttributeDecoder;
import net.jl2tp.netlink.AttributeEncoder;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.Netlink;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkProtocolException;
import net.jl2tp.netlink.NetlinkRequest;

/**
 * The generic netlink controller ("nlctrl", id 0x10): resolves a family name to the id its
 * messages use. CTRL_CMD_GETFAMILY is sent as iproute2 sends it (no NLM_F_ACK; the answer is one
 * CTRL_CMD_NEWFAMILY message). A missing family is ENOENT.
 */
public final class GenlController {
    public static final int GENL_ID_CTRL = 0x10;
    public static final int CTRL_CMD_NEWFAMILY = 1;
    public static final int CTRL_CMD_GETFAMILY = 3;
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    public static final int CTRL_ATTR_VERSION = 3;
    public static final int CTRL_ATTR_HDRSIZE = 4;
    public static final int CTRL_ATTR_MAXATTR = 5;
    public static final int CTRL_ATTR_MCAST_GROUPS = 7;
    public static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
    public static final int CTRL_ATTR_MCAST_GRP_ID = 2;

    /** What to do when the kernel has no "l2tp" family. */
    public static final String L2TP_MODULES_HINT =
            "load the L2TP modules: modprobe l2tp_eth (IP encapsulation also needs l2tp_ip, and l2tp_ip6 for IPv6)";

    private GenlController() {
    }

    public static NetlinkRequest getFamily(String name) {
        byte[] payload = new AttributeEncoder(new GenlHeader(CTRL_CMD_GETFAMILY, 0).encode())
                .string(CTRL_ATTR_FAMILY_NAME, name).encode();
        return new NetlinkRequest("resolve generic netlink family " + name, GENL_ID_CTRL, NLM_F_REQUEST, payload);
    }

    public static GenlFamily decodeFamily(NetlinkMessage message) throws NetlinkProtocolException {
        if (message.type() != GENL_ID_CTRL) {
            throw new NetlinkProtocolException("expected a controller message (type 16), got type " + message.type());
        }
        GenlHeader h = GenlHeader.decode(message.payload());
        if (h.command() != CTRL_CMD_NEWFAMILY) {
            throw new NetlinkProtocolException("expected CTRL_CMD_NEWFAMILY, got command " + h.command());
        }
        String name = null;
        int id = -1;
        int version = 0;
        int maxAttr = 0;
        Map<String, Integer> groups = new LinkedHashMap<>();
        AttributeDecoder d = new AttributeDecoder(message.payload(), GenlHeader.LENGTH);
        while (d.next()) {
            switch (d.type()) {
                case CTRL_ATTR_FAMILY_NAME -> name = d.string();
                case CTRL_ATTR_FAMILY_ID -> id = d.u16();
                case CTRL_ATTR_VERSION -> version = d.u32();
                case CTRL_ATTR_MAXATTR -> maxAttr = d.u32();
                case CTRL_ATTR_MCAST_GROUPS -> multicastGroups(d.nestedDecoder(), groups);
                default -> {
                }
            }
        }
        d.finish();
        if (name == null || id < 0) {
            throw new NetlinkProtocolException("CTRL_CMD_NEWFAMILY without family name or id");
        }
        return new GenlFamily(name, id, version, maxAttr, groups);
    }

    /** CTRL_ATTR_MCAST_GROUPS: an array of nests (numbered from 1), each a group's name and id. */
    private static void multicastGroups(AttributeDecoder array, Map<String, Integer> groups) {
        while (array.next()) {
            AttributeDecoder group = array.nestedDecoder();
            String groupName = null;
            int groupId = -1;
            while (group.next()) {
                switch (group.type()) {
                    case CTRL_ATTR_MCAST_GRP_NAME -> groupName = group.string();
                    case CTRL_ATTR_MCAST_GRP_ID -> groupId = group.u32();
                    default -> {
                    }
                }
            }
            if (groupName != null && groupId >= 0) {
                groups.put(groupName, groupId);
            }
        }
    }

    /**
     * Resolves {@code name} over a NETLINK_GENERIC socket. A family the kernel does not have is a
     * NetlinkException with ENOENT; for "l2tp" its hint says which modules to load.
     */
    public static GenlFamily resolve(Netlink generic, String name) throws NetlinkException {
        NetlinkRequest request = getFamily(name);
        List<NetlinkMessage> replies;
        try {
            replies = generic.execute(request);
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) {
                String hint = "l2tp".equals(name) ? L2TP_MODULES_HINT : "the kernel has no generic netlink family " + name;
                throw new NetlinkException(e.operation(), e.errno(),
                        e.extackMessage().orElse("the kernel has no such family"), e.sequence(), hint);
            }
            throw e;
        }
        for (NetlinkMessage m : replies) {
            return decodeFamily(m);
        }
        throw new NetlinkProtocolException(request.operation(), "no answer to CTRL_CMD_GETFAMILY");
    }
}
