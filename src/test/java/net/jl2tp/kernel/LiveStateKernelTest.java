package net.jl2tp.kernel;

import net.jl2tp.model.LiveState;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.jl2tp.model.Ownership;
import net.jl2tp.cli.ExitCode;
import net.jl2tp.cli.Main;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.config.L2tpConfig;
import net.jl2tp.export.ConfigExport;
import net.jl2tp.export.StatusReport;
import net.jl2tp.export.YamlWriter;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceAddress;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.Link;
import net.jl2tp.model.LinkKind;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.SessionKey;
import net.jl2tp.netlink.TwoHosts;
import net.jl2tp.model.Counters;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.Netns;
import net.jl2tp.validate.ConfigValidator;
import net.jl2tp.testing.SessionBuilder;
import net.jl2tp.testing.TunnelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Objects made by `ip`, exactly as ip-l2tp(8) makes them, read back by Kernel.read() field by field
 * (with `ip -j` as a witness where it reports the field), written by show as a config that
 * validates, and counted by status while a ping crosses the pseudowire. Hosts a and b are fresh
 * namespaces joined by a veth (TwoHosts: 192.0.2.1/24 and 2001:db8:1::1/64 on a).
 */
@KernelTest
class LiveStateKernelTest {
    private static final InetAddress A4 = ip("192.0.2.1");
    private static final InetAddress B4 = ip("192.0.2.2");
    private static final InetAddress A6 = ip("2001:db8:1::1");
    private static final InetAddress B6 = ip("2001:db8:1::2");

    private TwoHosts hosts;
    private Netns a;
    private Netns b;

    @TempDir
    Path tmp;

    @BeforeEach
    void twoHosts() {
        hosts = TwoHosts.create();
        a = hosts.a;
        b = hosts.b;
    }

    @AfterEach
    void cleanUp() {
        if (hosts != null) {
            hosts.close();
        }
    }

    /** The man page's site A and site B. */
    private void manPageUdpPair() {
        a.ip("l2tp add tunnel tunnel_id 3000 peer_tunnel_id 4000 encap udp local 192.0.2.1 remote 192.0.2.2"
                + " udp_sport 5000 udp_dport 6000");
        a.ip("l2tp add session tunnel_id 3000 session_id 1000 peer_session_id 2000");
        b.ip("l2tp add tunnel tunnel_id 4000 peer_tunnel_id 3000 encap udp local 192.0.2.2 remote 192.0.2.1"
                + " udp_sport 6000 udp_dport 5000");
        b.ip("l2tp add session tunnel_id 4000 session_id 2000 peer_session_id 1000");
        a.ip("link set l2tpeth0 up mtu 1446");
        b.ip("link set l2tpeth0 up mtu 1446");
    }

    private LiveState read(Netns ns) throws Exception {
        try (Kernel kernel = Kernel.open(Optional.of(ns.name()))) {
            return kernel.read();
        }
    }

    @Test
    void manPageUdpPairReadsBackFieldByField() throws Exception {
        manPageUdpPair();

        LiveState live = read(a);

        assertThat(live.state().tunnels()).containsOnlyKeys(3000L);
        assertThat(live.state().tunnels().get(3000L)).isEqualTo(
                TunnelBuilder.tunnel().local(A4).remote(B4).build());
        assertThat(live.state().sessions()).containsOnlyKeys(new SessionKey(3000, 1000));
        assertThat(live.state().sessions().get(new SessionKey(3000, 1000))).isEqualTo(
                SessionBuilder.session().l2specTypeUnknown().build());
        Link l2tpeth0 = live.state().links().get("l2tpeth0");
        assertThat(l2tpeth0.kind()).isEqualTo(LinkKind.SESSION);
        assertThat(l2tpeth0.mtu()).isEqualTo(OptionalInt.of(1446));
        assertThat(l2tpeth0.up()).isTrue();
        assertThat(l2tpeth0.master()).isEmpty();
        assertThat(l2tpeth0.vlan()).isEmpty();
        assertThat(live.state().links().get("pw0").kind()).isEqualTo(LinkKind.OTHER);
        // the witness
        Map<String, Object> ipSession = first(json(a.ip("-j l2tp show session")));
        assertThat(ipSession).containsEntry("session_id", 1000).containsEntry("tunnel_id", 3000)
                .containsEntry("peer_session_id", 2000).containsEntry("peer_tunnel_id", 4000)
                .containsEntry("interface", "l2tpeth0");
        Map<String, Object> ipLink = first(json(a.ip("-j link show dev l2tpeth0")));
        assertThat(ipLink).containsEntry("mtu", 1446).containsEntry("operstate", "UNKNOWN");
        assertThat(live.linkStatus().get("l2tpeth0").operState()).isEqualTo("unknown");
        assertThat(live.linkStatus().get("l2tpeth0").macAddress()).isEqualTo(ipLink.get("address"));
    }

    @Test
    void ipEncapOverIpv6WithANameCookiesAndL2specNone() throws Exception {
        a.ip("l2tp add tunnel tunnel_id 3002 peer_tunnel_id 4002 encap ip local 2001:db8:1::1 remote 2001:db8:1::2");
        a.ip("l2tp add session name pw-cisco tunnel_id 3002 session_id 1002 peer_session_id 2002"
                + " cookie 014d3636deadbeef peer_cookie 0badc0de l2spec_type none");
        a.ip("l2tp add session tunnel_id 3002 session_id 1003 peer_session_id 2003 seq both");

        LiveState live = read(a);

        assertThat(live.state().tunnels().get(3002L)).isEqualTo(
                TunnelBuilder.tunnel().tunnelId(3002).peerTunnelId(4002).encap(Encap.IP).local(A6).remote(B6)
                        .udpSourcePort(0).udpDestinationPort(0).build());
        assertThat(live.state().sessions().get(new SessionKey(3002, 1002))).isEqualTo(SessionBuilder.session()
                .tunnelId(3002).sessionId(1002).peerSessionId(2002).interfaceName("pw-cisco").cookie("014d3636deadbeef")
                .peerCookie("0badc0de").l2specTypeUnknown().build());
        Session unnamed = live.state().sessions().get(new SessionKey(3002, 1003));
        assertThat(unnamed.interfaceName()).as("the kernel names it").matches("l2tpeth[0-9]+");
        assertThat(unnamed.sequencing()).isEqualTo(Sequencing.BOTH);
        assertThat(unnamed.cookie()).as("each session's own cookies, not the previous one's").isEmpty();
        assertThat(live.state().links().get("pw-cisco").kind()).isEqualTo(LinkKind.SESSION);
        // 1500 - 40 (IPv6) - 4 (L2TPv3 over IP) - 8 (cookie) - 0 (l2spec none) - 14 (Ethernet)
        assertThat(live.state().links().get("pw-cisco").mtu()).isEqualTo(OptionalInt.of(1434));

        String yaml = YamlWriter.write(ConfigExport.of(live, Ownership.empty()));
        assertThat(yaml).contains("""
                    tunnel-3002:
                      tunnel-id: 3002
                      peer-tunnel-id: 4002
                      encap: ip
                      local: 2001:db8:1::1
                      remote: 2001:db8:1::2
                      sessions:
                """, """
                        pw-cisco:
                          session-id: 1002
                          peer-session-id: 2002
                          cookie: 014d3636deadbeef
                          peer-cookie: 0badc0de
                          # l2spec-type: not reported by the kernel; default assumed
                          sequencing: none
                          mtu: 1434
                          up: false
                """);
        assertThat(validate(yaml).summary()).isEqualTo("1 tunnel, 2 sessions, 0 bridges, 0 vlans in 1 file");
    }

    @Test
    void bridgePortVlanAndPeerAddressAreReadAndShown() throws Exception {
        manPageUdpPair();
        a.ip("l2tp add session name l2tpeth1 tunnel_id 3000 session_id 1001 peer_session_id 2001");
        a.ip("link add br0 type bridge");
        a.ip("link set l2tpeth0 master br0");
        a.ip("link set br0 up");
        a.ip("link add link l2tpeth0 name l2tpeth0.5 type vlan id 5");
        a.ip("addr add 203.0.113.1 peer 203.0.113.2 dev l2tpeth1");
        a.ip("addr add 198.51.100.1/24 dev br0");

        LiveState live = read(a);

        assertThat(live.state().links().get("l2tpeth0").master()).contains("br0");
        assertThat(live.state().links().get("br0").kind()).isEqualTo(LinkKind.BRIDGE);
        Link vlan = live.state().links().get("l2tpeth0.5");
        assertThat(vlan.kind()).isEqualTo(LinkKind.VLAN);
        assertThat(vlan.vlan()).contains(new Link.VlanOf("l2tpeth0", 5));
        assertThat(live.state().links().get("l2tpeth1").addresses())
                .containsExactly(InterfaceAddress.withPeer(ip("203.0.113.1"), ip("203.0.113.2"), 32));
        assertThat(live.state().links().get("br0").addresses()).contains(InterfaceAddress.of(ip("198.51.100.1"), 24));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"show", "--netns", a.name()}, new PrintWriter(out), new PrintWriter(err));

        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("""
                  bridges:
                    br0:
                      interfaces:
                        - l2tpeth0
                      mtu: 1446
                      up: true
                      addresses:
                        - 198.51.100.1/24
                  vlans:
                    l2tpeth0.5:
                      link: l2tpeth0
                      id: 5
                      mtu: 1446
                      up: false
                """, """
                        l2tpeth1:
                          session-id: 1001
                          peer-session-id: 2001
                          # l2spec-type: not reported by the kernel; default assumed
                          sequencing: none
                          mtu: 1446
                          up: false
                          addresses:
                            - address: 203.0.113.1
                              peer: 203.0.113.2
                """).doesNotContain("fe80", "pw0");
        assertThat(validate(out.toString()).summary()).isEqualTo("1 tunnel, 2 sessions, 1 bridge, 1 vlan in 1 file");
    }

    @Test
    void statusCountsAPingAcrossThePseudowire() throws Exception {
        manPageUdpPair();
        a.ip("addr add 203.0.113.1/24 dev l2tpeth0");
        b.ip("addr add 203.0.113.2/24 dev l2tpeth0");
        Counters before = read(a).sessionStats().get(new SessionKey(3000, 1000));

        a.run("ping", "-c", "3", "-i", "0.2", "-W", "2", "203.0.113.2");

        LiveState after = read(a);
        Counters counted = after.sessionStats().get(new SessionKey(3000, 1000));
        assertThat(counted.txPackets().orElseThrow() - before.txPackets().orElseThrow()).as("3 echo requests at least").isGreaterThanOrEqualTo(3);
        assertThat(counted.rxPackets().orElseThrow() - before.rxPackets().orElseThrow()).as("3 echo replies at least").isGreaterThanOrEqualTo(3);
        assertThat(counted.txBytes().orElseThrow() - before.txBytes().orElseThrow()).as("3 frames of 98 bytes at least").isGreaterThanOrEqualTo(3 * 98);
        assertThat(counted.rxCookieDiscards().orElseThrow()).isZero();
        assertThat(StatusReport.of(after).tunnels().get(0).sessions().get(0).problems()).isEmpty();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"status", "--netns", a.name(), "--output", "json"}, new PrintWriter(out),
                new PrintWriter(err));
        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.OK);
        Map<String, Object> tunnel = first(list(json(out.toString()).get("tunnels")));
        Map<String, Object> session = first(list(tunnel.get("sessions")));
        Map<String, Object> counters = map(session.get("counters"));
        assertThat(session).containsEntry("interface", "l2tpeth0").containsEntry("oper-state", "unknown")
                .containsEntry("up", true).containsEntry("mtu", 1446);
        assertThat(((Number) counters.get("rx-packets")).longValue()).isGreaterThanOrEqualTo(counted.rxPackets().orElseThrow());
        assertThat(((Number) counters.get("tx-packets")).longValue()).isGreaterThanOrEqualTo(counted.txPackets().orElseThrow());

        out.getBuffer().setLength(0);
        assertThat(Main.run(new String[] {"status", "--netns", a.name()}, new PrintWriter(out), new PrintWriter(err)))
                .isEqualTo(ExitCode.OK);
        assertThat(out.toString()).startsWith("TUNNEL  PEER  ENCAP  LOCAL           REMOTE          SESSIONS\n"
                + "  3000  4000  udp    192.0.2.1:5000  192.0.2.2:6000         1\n");
    }

    @Test
    void aPeerWithoutTheTunnelIsADeadPseudowireInStatus() throws Exception {
        a.ip("l2tp add tunnel tunnel_id 3004 peer_tunnel_id 4004 encap udp local 192.0.2.1 remote 192.0.2.2"
                + " udp_sport 5004 udp_dport 6004");
        a.ip("l2tp add session name pw-dead tunnel_id 3004 session_id 1005 peer_session_id 2005");
        a.ip("addr add 203.0.113.193/26 dev pw-dead");
        a.ip("link set pw-dead up");

        a.exec("ping", "-c", "2", "-i", "0.2", "-W", "1", "203.0.113.194"); // no answer: b has no such tunnel

        StatusReport.SessionStatus dead = StatusReport.of(read(a)).tunnels().get(0).sessions().get(0);
        assertThat(dead.counters().txPackets().orElseThrow()).isPositive();
        assertThat(dead.counters().rxPackets().orElseThrow()).isZero();
        assertThat(dead.problems()).anySatisfy(p -> assertThat(p).startsWith("sent ")
                .contains("received none: the peer sends nothing that reaches this session")
                .contains("session-id 2005 (our peer-session-id)"));
    }

    private L2tpConfig validate(String yaml) throws Exception {
        Path file = Files.writeString(tmp.resolve("show-" + System.nanoTime() + ".yaml"), yaml);
        return ConfigValidator.requireValid(ConfigLoader.loadPaths(List.of(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        Object parsed = new Load(LoadSettings.builder().build()).loadFromString(text);
        return parsed instanceof List<?> l ? Map.of("list", l) : (Map<String, Object>) parsed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Map<String, Object> wrapped) {
        return ((List<Map<String, Object>>) wrapped.get("list")).get(0);
    }

    private static Map<String, Object> first(List<?> list) {
        return map(list.get(0));
    }

    private static List<?> list(Object o) {
        return (List<?>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static InetAddress ip(String literal) {
        return IpAddresses.parse(literal).orElseThrow();
    }
}
