package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import net.jl2tp.apply.StateDirectory;
import net.jl2tp.model.Ownership;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.export.SceneKernel;
import net.jl2tp.kernel.Kernel;
import net.jl2tp.kernel.NetnsId;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Link;
import net.jl2tp.model.NetworkState;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.netlink.AttributeEncoder;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.genl.GenlController;
import net.jl2tp.netlink.genl.GenlHeader;
import net.jl2tp.netlink.l2tp.L2tpConstants;
import net.jl2tp.netlink.l2tp.L2tpSession;
import net.jl2tp.netlink.l2tp.L2tpSessionCodec;
import net.jl2tp.netlink.l2tp.L2tpTunnel;
import net.jl2tp.netlink.l2tp.L2tpTunnelCodec;
import net.jl2tp.netlink.route.Rtnl;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.plan.Plan;
import net.jl2tp.plan.Planner;
import net.jl2tp.validate.ConfigValidator;
import net.jl2tp.config.constraints.InterfaceNames;
import net.jl2tp.testing.SessionBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * show's output reads back (README, show): a kernel holding a session for every shape of interface
 * name the validator accepts, with every cookie form, and bridges and vlans with such names;
 * `show`, loaded and validated as a config and planned against the same kernel and record, is a
 * no-op. The names reach show as the kernel sends them: netlink dump messages, decoded.
 */
class ShowRoundTripTest {
    /** Names YAML reads as something else, or whose first character is a YAML indicator. */
    static final List<String> NAMES = names();
    /** 4- and 8-byte cookies: leading zeros, digits only, digits that read as a float (1e100000). */
    static final List<String> COOKIES = List.of("00000012", "12345678", "00000000", "0badc0de", "deadbeef",
            "1e100000", "12e45678", "0e000000", "0000000000000012", "1234567890123456", "014d3636deadbeef",
            "00000000deadbeef", "1e10000000000000", "ffffffffffffffff");
    private static final int FAMILY = 0x1d;
    private static final long TUNNEL = 3000;
    private static final long NETNS_COOKIE = 77;
    private static final String FOREIGN_PORT = "-eth";

    @TempDir
    Path tmp;

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (char c : "@!&*-?|>`#\"'[]{},=~+._$^()<;\\".toCharArray()) { // not '%': a name template to Linux
            names.add(c + "pw0");
            names.add("pw" + c + "0");
            names.add("pw0" + c);
            if (c != '.') {
                names.add(String.valueOf(c));
            }
        }
        names.addAll(List.of("true", "False", "yes", "NO", "on", "Off", "y", "n", "null", "Null", "NULL", "<<",
                "0", "12345", "00000012", "0x1f", "0o17", "0b101", "1e3", "1.5", ".5", ".inf", ".NaN", "1_000",
                "+1", "-1", "2001-12-14", "${X}", "...", ".x", "ALL", "Default", "0badc0de", "123456789012345",
                "abcdefghijklmno", "l2tpeth0")); // ASCII only: the validator refuses other names
        return names;
    }

    @Test
    void showOfEveryAcceptedNameAndCookieReadsBackAsANoOp() throws Exception {
        assertThat(NAMES).allSatisfy(name -> assertThat(InterfaceNames.problem(name)).as(name).isNull())
                .doesNotHaveDuplicates();
        Ownership record = new Ownership(madeByApply(read()));
        Path stateDirectory = tmp.resolve("state");
        StateDirectory.open(stateDirectory).record(
                new NetnsId(NetnsId.inode(Optional.empty()), OptionalLong.of(NETNS_COOKIE))).save(record);

        ShowStatusHarness.Result shown = ShowStatusHarness.run(
                ShowStatusHarness.access(netns -> kernel(), stateDirectory), "show");
        assertThat(shown.exit()).isEqualTo(ExitCode.OK);
        assertThat(shown.err()).isEmpty();
        assertThat(shown.out()).as("a name YAML reserves is quoted").contains("    '@pw0':\n").contains("'@br':");

        L2tpConfig config = validConfig(Files.writeString(tmp.resolve("show.yaml"), shown.out()));
        assertThat(config.tunnels()).singleElement().satisfies(t ->
                assertThat(t.sessions()).extracting(s -> s.name()).containsExactlyInAnyOrderElementsOf(NAMES));
        NetworkState live = read();
        Plan plan = Planner.plan(DesiredBuilder.build(config), live, record, false);
        assertThat(plan.conflicts()).isEmpty();
        assertThat(plan.changes()).isEmpty();

        // Without a record, l2spec-type is a comment and every object is adopted: no kernel change.
        Plan unrecorded = Planner.plan(DesiredBuilder.build(validConfig(Files.writeString(tmp.resolve("bare.yaml"),
                ShowStatusHarness.run(ShowStatusHarness.access(netns -> kernel(), tmp.resolve("none")), "show")
                        .out()))), live, Ownership.empty(), false);
        assertThat(unrecorded.conflicts()).isEmpty();
        assertThat(unrecorded.kernelChanges()).isEmpty();
    }

    private static L2tpConfig validConfig(Path file) {
        try {
            return ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(file)));
        } catch (ConfigException e) {
            throw new AssertionError("show's output is not a valid config: " + e.problems(), e);
        }
    }

    /**
     * What apply records when it made all of the state: every session with the default l2spec
     * type, every link but the foreign port, which it records as the bridge's.
     */
    private static NetworkState madeByApply(NetworkState state) {
        TreeMap<SessionKey, Session> sessions = new TreeMap<>();
        state.sessions().forEach((key, s) -> sessions.put(key,
                SessionBuilder.from(s).l2specType(L2specType.DEFAULT).build()));
        TreeMap<String, Link> links = new TreeMap<>(state.links());
        links.remove(FOREIGN_PORT);
        return new NetworkState(state.tunnels(), sessions, links, new TreeMap<>(Map.of(FOREIGN_PORT, "@br")));
    }

    private static NetworkState read() throws NetlinkException {
        try (Kernel kernel = kernel()) {
            return kernel.read().state();
        }
    }

    /**
     * One UDP tunnel with a session per name (cookies in turn, every fourth session without), a
     * bridge '@br' over two of them and a foreign port, and vlans '&v' over a session and '*v'
     * over '&v', in a bridge '{br}'.
     */
    static Kernel kernel() throws NetlinkException {
        InetAddress local = IpAddresses.parse("192.0.2.1").orElseThrow();
        InetAddress remote = IpAddresses.parse("192.0.2.2").orElseThrow();
        List<NetlinkMessage> tunnels = List.of(FakeNetlink.multi(FAMILY, new L2tpTunnelCodec(FAMILY)
                .create(L2tpTunnel.udp(TUNNEL, 4000, local, remote, 5000, 6000)).payload()), FakeNetlink.done());
        List<NetlinkMessage> sessions = new ArrayList<>();
        List<NetlinkMessage> links = new ArrayList<>();
        int index = 10;
        for (int i = 0; i < NAMES.size(); i++) {
            String name = NAMES.get(i);
            L2tpSession session = L2tpSession.of(TUNNEL, 1000 + i, 2000 + i, name);
            if (i % 4 != 3) {
                session = session.withCookies(COOKIES.get(i % COOKIES.size()), COOKIES.get((i + 1) % COOKIES.size()));
            }
            sessions.add(FakeNetlink.multi(FAMILY, new L2tpSessionCodec(FAMILY).create(session).payload()));
            int master = name.equals("@pw0") || name.equals("12345") ? 1 : 0;
            int parent = index;
            links.add(link(index++, name, 1446, master, a -> {
            }));
            if (name.equals("|pw0")) {
                links.add(link(3, "&v", 1446, 0, vlan(parent, 5)));
                links.add(link(4, "*v", 1446, 2, vlan(3, 6)));
            }
        }
        sessions.add(FakeNetlink.done());
        links.add(link(1, "@br", 1446, 0, kind("bridge")));
        links.add(link(2, "{br}", 1446, 0, kind("bridge")));
        links.add(link(5, FOREIGN_PORT, 1500, 1, a -> {
        }));
        links.add(FakeNetlink.done());
        FakeNetlink route = FakeNetlink.of(request -> switch (request.type()) {
            case Rtnl.RTM_GETLINK -> links;
            case Rtnl.RTM_GETADDR -> List.of(FakeNetlink.done());
            default -> throw new AssertionError("show only dumps links and addresses, not " + request);
        });
        FakeNetlink generic = FakeNetlink.of(request -> {
            if (request.type() == GenlController.GENL_ID_CTRL) {
                return List.of(FakeNetlink.reply(GenlController.GENL_ID_CTRL, 0,
                        new AttributeEncoder(new GenlHeader(GenlController.CTRL_CMD_NEWFAMILY, 2).encode())
                                .string(GenlController.CTRL_ATTR_FAMILY_NAME, "l2tp")
                                .u16(GenlController.CTRL_ATTR_FAMILY_ID, FAMILY).encode()));
            }
            int command = Byte.toUnsignedInt(request.payload()[0]);
            return command == L2tpConstants.CMD_TUNNEL_GET ? tunnels : sessions;
        });
        return new Kernel(SceneKernel.withCookie(route.netlink(), OptionalLong.of(NETNS_COOKIE)), generic.netlink());
    }

    private static NetlinkMessage link(int index, String name, int mtu, int master, Consumer<AttributeEncoder> info) {
        byte[] ifinfomsg = ByteBuffer.allocate(Rtnl.IFINFOMSG_LENGTH).order(ByteOrder.nativeOrder())
                .putInt(4, index).putInt(8, Rtnl.IFF_UP).array();
        AttributeEncoder e = new AttributeEncoder(ifinfomsg).string(Rtnl.IFLA_IFNAME, name).u32(Rtnl.IFLA_MTU, mtu);
        if (master != 0) {
            e.u32(Rtnl.IFLA_MASTER, master);
        }
        info.accept(e);
        return FakeNetlink.multi(Rtnl.RTM_NEWLINK, e.encode());
    }

    private static Consumer<AttributeEncoder> kind(String kind) {
        return e -> e.nested(Rtnl.IFLA_LINKINFO, info -> info.unterminatedString(Rtnl.IFLA_INFO_KIND, kind));
    }

    private static Consumer<AttributeEncoder> vlan(int parent, int id) {
        return e -> e.u32(Rtnl.IFLA_LINK, parent).nested(Rtnl.IFLA_LINKINFO, info -> info
                .unterminatedString(Rtnl.IFLA_INFO_KIND, "vlan")
                .nested(Rtnl.IFLA_INFO_DATA, data -> data.u16(Rtnl.IFLA_VLAN_ID, id)));
    }
}
