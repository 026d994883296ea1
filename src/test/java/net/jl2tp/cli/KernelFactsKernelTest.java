package net.jl2tp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.jl2tp.netlink.AttributeDecoder;
import net.jl2tp.netlink.AttributeEncoder;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.NetlinkConstants;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.NetlinkReply;
import net.jl2tp.netlink.NetlinkRequest;
import net.jl2tp.netlink.TwoHosts;
import net.jl2tp.netlink.ffi.NetlinkSocket;
import net.jl2tp.netlink.genl.GenlHeader;
import net.jl2tp.netlink.l2tp.L2tpConstants;
import net.jl2tp.netlink.l2tp.L2tpL2specType;
import net.jl2tp.netlink.l2tp.L2tpNetlink;
import net.jl2tp.netlink.l2tp.L2tpSession;
import net.jl2tp.netlink.l2tp.L2tpSessionState;
import net.jl2tp.netlink.l2tp.L2tpStats;
import net.jl2tp.netlink.l2tp.L2tpTunnel;
import net.jl2tp.netlink.route.LinkCodec;
import net.jl2tp.netlink.route.RouteNetlink;
import net.jl2tp.testing.Command;
import net.jl2tp.testing.KernelTest;
import net.jl2tp.testing.KernelVersion;
import net.jl2tp.testing.Netns;

/**
 * The README's "Kernel facts" that no other kernel test pins down, each asserted for the running
 * kernel: where Debian 12's 6.1 and Debian 13's 6.12 differ, {@link KernelVersion#expect} picks the
 * value measured on each (another kernel fails, asking to be measured). Requests go through
 * jl2tp's own netlink classes; {@code ip} is the witness.
 */
@KernelTest
class KernelFactsKernelTest {
    private static final KernelVersion KERNEL = KernelVersion.running();
    private static final InetAddress A4 = address("192.0.2.1");
    private static final InetAddress B4 = address("192.0.2.2");
    private static final InetAddress A6 = address("2001:db8:1::1");
    private static final InetAddress B6 = address("2001:db8:1::2");

    @TempDir
    Path tmp;

    private TwoHosts hosts;
    private NetlinkSocket genl;
    private NetlinkSocket rt;
    private L2tpNetlink l2tp;
    private RouteNetlink route;

    @BeforeEach
    void twoHostsOnAVeth() throws Exception {
        hosts = TwoHosts.create();
        genl = NetlinkSocket.generic(hosts.a.name());
        rt = NetlinkSocket.route(hosts.a.name());
        l2tp = L2tpNetlink.open(genl);
        route = new RouteNetlink(rt);
    }

    @AfterEach
    void cleanUp() {
        if (genl != null) {
            genl.close();
        }
        if (rt != null) {
            rt.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** Runs {@code ip ARGS} in host a as user nobody, without capabilities. */
    private Command.Result ipAsNobody(String args) {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=-all", "ip"));
        argv.addAll(List.of(args.split(" ")));
        return hosts.a.exec(argv.toArray(String[]::new));
    }

    @Test
    void everyL2tpCommandNeedsCapNetAdminDumpsIncluded() throws Exception {
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        l2tp.createSession(L2tpSession.of(3000, 1000, 2000, "l2tpeth0"));
        for (String args : List.of("l2tp show tunnel", "l2tp show session",
                "l2tp add tunnel tunnel_id 3001 peer_tunnel_id 4001 encap ip local 192.0.2.1 remote 192.0.2.2",
                "l2tp del session tunnel_id 3000 session_id 1000", "l2tp del tunnel tunnel_id 3000")) {
            Command.Result asNobody = ipAsNobody(args);
            assertThat(asNobody.ok()).as("ip " + args + " as nobody: " + asNobody.describe()).isFalse();
            assertThat(asNobody.stdout() + asNobody.stderr()).as("ip " + args + " as nobody").contains("Operation not permitted");
        }
        assertThat(l2tp.session(3000, 1000)).as("nobody's delete changed nothing").isPresent();
        assertThat(l2tp.tunnel(3001)).as("nobody's create made nothing").isEmpty();
    }

    /** One refused request: what came back. */
    private record Refusal(int errno, Optional<String> extack) {
        static Refusal of(NetlinkException e) {
            return new Refusal(e.errno(), e.extackMessage());
        }
    }

    private static Refusal refusal(ThrowingCall call) {
        try {
            call.run();
        } catch (NetlinkException e) {
            return Refusal.of(e);
        }
        return new Refusal(0, Optional.of("accepted"));
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws NetlinkException;
    }

    @Test
    void theUsualRefusalsHaveTheirErrnoAndNoExtendedAckText() throws Exception {
        hosts.a.ip("link add taken0 type dummy");
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        l2tp.createSession(L2tpSession.of(3000, 1000, 2000, "l2tpeth0"));
        Map<String, Refusal> seen = new LinkedHashMap<>();
        seen.put("no route to the remote", refusal(() -> l2tp.createTunnel(L2tpTunnel.udp(3001, 4001, A4, address("203.0.113.9"), 5001, 6001))));
        seen.put("no route to the remote, IPv6", refusal(() -> l2tp.createTunnel(L2tpTunnel.udp(3001, 4001, A6, address("2001:db8:9::9"), 5001, 6001))));
        seen.put("absent local address", refusal(() -> l2tp.createTunnel(L2tpTunnel.udp(3001, 4001, address("198.51.100.1"), B4, 5001, 6001))));
        seen.put("local address and port in use", refusal(() -> l2tp.createTunnel(L2tpTunnel.udp(3001, 4001, A4, B4, 5000, 6001))));
        seen.put("tunnel id in use", refusal(() -> l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5009, 6009))));
        seen.put("session in a missing tunnel", refusal(() -> l2tp.createSession(L2tpSession.of(3999, 1001, 2001, "pw1"))));
        l2tp.createTunnel(L2tpTunnel.ip(3001, 4001, A4, B4));
        l2tp.createSession(L2tpSession.of(3001, 1100, 2100, "ip0"));
        seen.put("session id in use, IP tunnel", refusal(() -> l2tp.createSession(L2tpSession.of(3001, 1100, 2109, "ip9"))));
        seen.put("IP session id in use by a UDP session", refusal(() -> l2tp.createSession(L2tpSession.of(3001, 1000, 2108, "ip8"))));
        seen.put("UDP session id in use by an IP session", refusal(() -> l2tp.createSession(L2tpSession.of(3000, 1100, 2107, "ip7"))));
        seen.put("interface name taken", refusal(() -> l2tp.createSession(L2tpSession.of(3000, 1002, 2002, "taken0"))));

        Map<String, Refusal> expected = new LinkedHashMap<>();
        expected.put("no route to the remote", new Refusal(Errno.ENETUNREACH, Optional.empty()));
        expected.put("no route to the remote, IPv6", new Refusal(Errno.ENETUNREACH, Optional.empty()));
        expected.put("absent local address", new Refusal(Errno.EADDRNOTAVAIL, Optional.empty()));
        expected.put("local address and port in use", new Refusal(Errno.EADDRINUSE, Optional.empty()));
        expected.put("tunnel id in use", new Refusal(Errno.EEXIST, Optional.empty()));
        expected.put("session in a missing tunnel", new Refusal(Errno.ENODEV, Optional.empty()));
        expected.put("session id in use, IP tunnel", new Refusal(Errno.EEXIST, Optional.empty()));
        expected.put("IP session id in use by a UDP session", new Refusal(Errno.EEXIST, Optional.empty()));
        expected.put("UDP session id in use by an IP session", new Refusal(Errno.EEXIST, Optional.empty()));
        expected.put("interface name taken", new Refusal(Errno.EEXIST, Optional.empty()));
        assertThat(seen).as("on " + KERNEL).containsExactlyEntriesOf(expected);
        assertThat(l2tp.sessions()).as("the refused sessions left nothing behind").extracting(s -> s.session().interfaceName())
                .containsExactlyInAnyOrder("l2tpeth0", "ip0");
        assertThat(l2tp.tunnels()).extracting(t -> t.tunnel().tunnelId()).containsExactlyInAnyOrder(3000L, 3001L);
    }

    /** The attribute types of a genl reply, and those nested in its L2TP_ATTR_STATS. */
    private record Attributes(Set<Integer> top, Set<Integer> stats) {
        static Attributes of(NetlinkMessage m) {
            Set<Integer> top = new TreeSet<>();
            Set<Integer> stats = new TreeSet<>();
            AttributeDecoder d = new AttributeDecoder(m.payload(), GenlHeader.LENGTH);
            while (d.next()) {
                top.add(d.type());
                if (d.type() == L2tpConstants.ATTR_STATS) {
                    AttributeDecoder n = d.nestedDecoder();
                    while (n.next()) {
                        if (n.type() != L2tpConstants.ATTR_STATS_PAD) {
                            stats.add(n.type());
                        }
                    }
                }
            }
            assertThat(d.error()).isNull();
            return new Attributes(top, stats);
        }
    }

    private Attributes getReply(NetlinkRequest get) throws NetlinkException {
        List<NetlinkMessage> replies = genl.execute(get).stream().filter(m -> m.type() == l2tp.family().id()).toList();
        assertThat(replies).as(get.toString()).hasSize(1);
        return Attributes.of(replies.get(0));
    }

    /** tx_packets ... rx_errors, then rx_cookie_discards and rx_invalid (the pad, 9, is not a counter). */
    private static final Set<Integer> ALL_COUNTERS = Set.of(L2tpConstants.ATTR_TX_PACKETS, L2tpConstants.ATTR_TX_BYTES,
            L2tpConstants.ATTR_TX_ERRORS, L2tpConstants.ATTR_RX_PACKETS, L2tpConstants.ATTR_RX_BYTES,
            L2tpConstants.ATTR_RX_SEQ_DISCARDS, L2tpConstants.ATTR_RX_OOS_PACKETS, L2tpConstants.ATTR_RX_ERRORS,
            L2tpConstants.ATTR_RX_COOKIE_DISCARDS, L2tpConstants.ATTR_RX_INVALID);

    @Test
    void sessionRepliesCarryNoL2specTypeOffsetOrMtuAndEveryReplyCarriesEveryCounter() throws Exception {
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        l2tp.createSession(L2tpSession.of(3000, 1000, 2000, "pw0-none").withCookies("0badc0de", "11223344")
                .withL2specType(L2tpL2specType.NONE));
        Attributes session = getReply(l2tp.sessionCodec().get(3000, 1000));
        List<NetlinkMessage> dumped = genl.dump(l2tp.sessionCodec().dump());
        assertThat(dumped).hasSize(1);
        Attributes sessionDumped = Attributes.of(dumped.get(0));
        Attributes tunnel = getReply(l2tp.tunnelCodec().get(3000));

        for (Attributes a : List.of(session, sessionDumped)) {
            assertThat(a.top()).as("session reply on " + KERNEL).doesNotContain(L2tpConstants.ATTR_L2SPEC_TYPE,
                    L2tpConstants.ATTR_L2SPEC_LEN, L2tpConstants.ATTR_OFFSET, L2tpConstants.ATTR_MTU)
                    .contains(L2tpConstants.ATTR_CONN_ID, L2tpConstants.ATTR_SESSION_ID, L2tpConstants.ATTR_IFNAME,
                            L2tpConstants.ATTR_COOKIE, L2tpConstants.ATTR_PEER_COOKIE, L2tpConstants.ATTR_STATS);
            assertThat(a.stats()).as("session counters on " + KERNEL).isEqualTo(ALL_COUNTERS);
        }
        assertThat(tunnel.stats()).as("tunnel counters on " + KERNEL).isEqualTo(ALL_COUNTERS);
    }

    @Test
    void aWrongCookieIsCountedInRxCookieDiscardsAndRxErrors() throws Exception {
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        // a expects 55667788 from b; b sends 99999999.
        l2tp.createSession(L2tpSession.of(3000, 1000, 2000, "l2tpeth0").withCookies("11223344", "55667788"));
        hosts.b.ipBatch("l2tp add tunnel tunnel_id 4000 peer_tunnel_id 3000 encap udp local 192.0.2.2 remote 192.0.2.1"
                + " udp_sport 6000 udp_dport 5000",
                "l2tp add session name l2tpeth0 tunnel_id 4000 session_id 2000 peer_session_id 1000"
                        + " cookie 99999999 peer_cookie 11223344",
                "link set l2tpeth0 up");
        route.setUp(route.link("l2tpeth0").orElseThrow().index(), true);
        // Traffic from b (its answers never come: a drops every frame); the exit code does not matter.
        hosts.b.exec("ping", "-c", "3", "-i", "0.2", "-W", "1", "ff02::1%l2tpeth0");
        L2tpStats stats = L2tpStats.ZERO;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            stats = l2tp.session(3000, 1000).orElseThrow().stats();
            if (stats.rxCookieDiscards().orElseThrow() > 0) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(stats.rxCookieDiscards().orElseThrow()).as("on " + KERNEL + ": " + stats).isPositive();
        assertThat(stats.rxErrors().orElseThrow()).as("on " + KERNEL + ": " + stats).isEqualTo(stats.rxCookieDiscards().orElseThrow());
        assertThat(stats.rxPackets().orElseThrow()).as("on " + KERNEL + ": " + stats).isZero();
    }

    /** What the kernel answers right after a batch of deletes: how many lookups still find something. */
    private record StillThere(int sessions, int links) {
    }

    private StillThere stillThere(long tunnelId, List<Long> sessionIds, List<String> names) throws NetlinkException {
        List<NetlinkRequest> gets = sessionIds.stream().map(id -> l2tp.sessionCodec().get(tunnelId, id)).toList();
        List<NetlinkRequest> links = names.stream().map(LinkCodec::get).toList();
        List<NetlinkReply> sessionReplies = l2tp.executeAll(gets);
        List<NetlinkReply> linkReplies = route.executeAll(links);
        return new StillThere(present(sessionReplies), present(linkReplies));
    }

    private static int present(List<NetlinkReply> replies) {
        int n = 0;
        for (NetlinkReply r : replies) {
            if (r.succeeded()) {
                n++;
            } else {
                assertThat(r.error().orElseThrow().errno()).as(r.request().toString()).isEqualTo(Errno.ENODEV);
            }
        }
        return n;
    }

    private void untilGone(long tunnelId, List<Long> sessionIds, List<String> names) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        StillThere left = stillThere(tunnelId, sessionIds, names);
        while ((left.sessions() > 0 || left.links() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            left = stillThere(tunnelId, sessionIds, names);
        }
        assertThat(left).as("30 s after the deletes").isEqualTo(new StillThere(0, 0));
    }

    /** 32 sessions with interfaces in one tunnel: their creates, deletes, ids and names. */
    private record ManySessions(List<Long> ids, List<String> names, List<NetlinkRequest> creates, List<NetlinkRequest> deletes) {
        static ManySessions of(L2tpNetlink l2tp, long tunnelId, int count) {
            List<Long> ids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<NetlinkRequest> creates = new ArrayList<>();
            List<NetlinkRequest> deletes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(1000L + i);
                names.add("s" + i);
                creates.add(l2tp.sessionCodec().create(L2tpSession.of(tunnelId, 1000 + i, 2000 + i, "s" + i)));
                deletes.add(l2tp.sessionCodec().delete(tunnelId, 1000 + i));
            }
            return new ManySessions(ids, names, creates, deletes);
        }
    }

    /**
     * 6.1 deletes a session and unregisters its interface before it answers (about 150 ms each
     * under emulation); 6.12 queues both (l2tp_session_delete's work): right after the acks of 64
     * deletes, 62 sessions and 62 interfaces were still there once, all gone 3.5 s later; another
     * time none of 32 were. So the same id and name can be used again at once on 6.1 only, and
     * jl2tp polls on both.
     */
    @Test
    void aSessionsDeleteIsSynchronousOn61AndQueuedOn612() throws Exception {
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        ManySessions many = ManySessions.of(l2tp, 3000, 32);
        assertThat(l2tp.executeAll(many.creates())).allMatch(NetlinkReply::succeeded);

        assertThat(l2tp.executeAll(many.deletes())).allMatch(NetlinkReply::succeeded);
        StillThere atOnce = stillThere(3000, many.ids(), many.names());

        if (KERNEL.expect("a session's delete is synchronous", true, false)) {
            assertThat(atOnce).as("on " + KERNEL + ", right after the deletes' acks").isEqualTo(new StillThere(0, 0));
        } else {
            // Queued: how many are still there depends on when the work runs (0 of 32 to 62 of 64
            // seen). What holds is what jl2tp's wait rests on: lookups answer ENODEV in the end.
            untilGone(3000, many.ids(), many.names());
        }
        assertThat(l2tp.executeAll(many.creates())).as("on " + KERNEL + ", the same ids and names once gone")
                .allMatch(NetlinkReply::succeeded);
    }

    /**
     * A tunnel's delete is queued on both. On 6.1 its work deletes its sessions (and unregisters
     * their interfaces) before the tunnel leaves the lookups, so right after the ack GET still finds
     * it and a create of its id is EEXIST; once GET says ENODEV its sessions' interfaces are gone
     * too. On 6.12 its work only queues its sessions' deletes: the tunnel goes within milliseconds
     * (it was already gone at the next request) and its sessions follow on their own.
     */
    @Test
    void aTunnelsDeleteIsQueuedAndOn61WaitsForItsSessions() throws Exception {
        L2tpTunnel tunnel = L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000);
        l2tp.createTunnel(tunnel);
        ManySessions many = ManySessions.of(l2tp, 3000, 4);
        assertThat(l2tp.executeAll(many.creates())).allMatch(NetlinkReply::succeeded);

        l2tp.deleteTunnel(3000);
        boolean foundAtOnce = l2tp.tunnel(3000).isPresent();
        NetlinkReply createdAtOnce = l2tp.executeAll(List.of(l2tp.tunnelCodec().create(tunnel))).get(0);

        if (KERNEL.expect("a tunnel's delete waits for its sessions", true, false)) {
            assertThat(foundAtOnce).as("on " + KERNEL + ", GET right after the delete's ack").isTrue();
            assertThat(createdAtOnce.error()).as("on " + KERNEL + ", the same id at once")
                    .hasValueSatisfying(e -> assertThat(e.errno()).isEqualTo(Errno.EEXIST));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (l2tp.tunnel(3000).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(l2tp.tunnel(3000)).isEmpty();
            assertThat(present(route.executeAll(many.names().stream().map(LinkCodec::get).toList())))
                    .as("on " + KERNEL + ", interfaces left when the tunnel is gone").isZero();
            l2tp.createTunnel(tunnel);
        } else if (!createdAtOnce.succeeded()) {
            // Lost the race with the work queue (not seen yet): wait, as jl2tp does.
            assertThat(createdAtOnce.error().orElseThrow().errno()).isEqualTo(Errno.EEXIST);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (l2tp.tunnel(3000).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            l2tp.createTunnel(tunnel);
        }
        untilGone(3000, many.ids(), many.names());
        assertThat(l2tp.executeAll(many.creates())).as("on " + KERNEL + ", the same session ids and names once gone")
                .allMatch(NetlinkReply::succeeded);
    }

    /**
     * 6.12 lets UDP-encapsulated L2TPv3 sessions share an id (l2tp_session_collision_add), even
     * in one tunnel; 6.1 refuses a second one in the same tunnel. An IP-encapsulated one is refused
     * on both. jl2tp never asks for such a pair (it reads every session first, and deletes and
     * waits before it makes one again); another tool can make one on 6.12.
     */
    @Test
    void aSecondSessionWithTheIdOfOneInTheSameUdpTunnelIsEEXISTOn61AndAcceptedOn612() throws Exception {
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        l2tp.createSession(L2tpSession.of(3000, 1000, 2000, "first0"));
        Refusal second = refusal(() -> l2tp.createSession(L2tpSession.of(3000, 1000, 2009, "second0")));
        Refusal expected = KERNEL.expect("a second session with the id of one in the same UDP tunnel",
                new Refusal(Errno.EEXIST, Optional.empty()), new Refusal(0, Optional.of("accepted")));
        assertThat(second).as("on " + KERNEL).isEqualTo(expected);
        List<String> dumped = l2tp.sessions().stream().filter(s -> s.session().sessionId() == 1000)
                .map(s -> s.session().interfaceName()).sorted().toList();
        Optional<String> got = l2tp.session(3000, 1000).map(x -> x.session().interfaceName());
        // 6.12: the id's lookup holds one session of the pair, the newer; the older is out of every
        // l2tp answer while its interface stays.
        String seen = KERNEL.expect("the session the dump and GET show", "first0", "second0");
        assertThat(dumped).as("on " + KERNEL + ", sessions dumped with id 1000").containsExactly(seen);
        assertThat(got).as("on " + KERNEL + ", GET of session 1000 in tunnel 3000").hasValue(seen);
        assertThat(hosts.a.tryIp("link show first0").ok()).isTrue();
        if (expected.errno() == 0) {
            // jl2tp sees the newer one, which is not the config's: a conflict, named, nothing applied.
            Path config = Files.writeString(tmp.resolve("dup.yaml"), """
                    l2tp:
                      version: 1
                      tunnels:
                        t: {tunnel-id: 3000, peer-tunnel-id: 4000, local: 192.0.2.1, remote: 192.0.2.2,
                            udp-source-port: 5000, udp-destination-port: 6000, sessions: {
                              first0: {session-id: 1000, peer-session-id: 2000}}}
                    """);
            CliInNetns.Result apply = new CliInNetns(tmp.resolve("state")).run(hosts.a, "-c", config.toString());
            assertThat(apply.exit()).as(apply.all()).isEqualTo(1);
            assertThat(apply.all()).contains("session-id 1000 in tunnel 3000 is taken by a session jl2tp did not make",
                    "interface name second0 -> first0");
            assertThat(hosts.a.ip("link show first0")).as("nothing applied").doesNotContain(",UP");
        }
    }

    /** Sessions of two UDP tunnels may share an id on both kernels (jl2tp's validator allows it). */
    @Test
    void twoUdpTunnelsMayEachHaveASessionWithTheSameIdAndEachIsFoundAndDeletedAlone() throws Exception {
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        l2tp.createTunnel(L2tpTunnel.udp(3001, 4001, A4, B4, 5001, 6001));
        l2tp.createSession(L2tpSession.of(3000, 1000, 2000, "u0"));
        l2tp.createSession(L2tpSession.of(3001, 1000, 2001, "u1"));
        assertThat(l2tp.sessions()).as("on " + KERNEL).extracting(s -> s.session().interfaceName())
                .containsExactlyInAnyOrder("u0", "u1");
        assertThat(l2tp.session(3000, 1000)).map(s -> s.session().interfaceName()).hasValue("u0");
        assertThat(l2tp.session(3001, 1000)).map(s -> s.session().interfaceName()).hasValue("u1");

        l2tp.deleteSession(3000, 1000);
        untilGone(3000, List.of(1000L), List.of("u0"));
        assertThat(l2tp.session(3001, 1000)).as("on " + KERNEL + ", the other tunnel's session")
                .map(s -> s.session().interfaceName()).hasValue("u1");
        assertThat(hosts.a.tryIp("link show u1").ok()).isTrue();
    }

    private static int overhead(boolean ipv6, boolean udp, int cookie, boolean l2specNone) {
        return (ipv6 ? 40 : 20) + (udp ? 8 + 8 : 4) + cookie + (l2specNone ? 0 : 4) + 14;
    }

    @Test
    void theKernelSetsANewSessionsMtuFromTheUnderlayMinusTheOverheadCountingItsOwnCookieOnly() throws Exception {
        record Shape(String name, long tunnel, String cookie, String peerCookie, boolean l2specNone) {
        }
        l2tp.createTunnel(L2tpTunnel.udp(3000, 4000, A4, B4, 5000, 6000));
        l2tp.createTunnel(L2tpTunnel.ip(3001, 4001, A4, B4));
        l2tp.createTunnel(L2tpTunnel.udp(3002, 4002, A6, B6, 5002, 6002));
        l2tp.createTunnel(L2tpTunnel.ip(3003, 4003, A6, B6));
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, Integer> measured = new LinkedHashMap<>();
        int sessionId = 1000;
        for (long t = 3000; t <= 3003; t++) {
            boolean ipv6 = t >= 3002;
            boolean udp = t % 2 == 0;
            List<Shape> shapes = List.of(new Shape("d", t, "", "", false), new Shape("c4", t, "0badc0de", "", false),
                    new Shape("c8", t, "0123456789abcdef", "", false), new Shape("p8", t, "", "0123456789abcdef", false),
                    new Shape("n", t, "", "", true), new Shape("c8n", t, "0123456789abcdef", "11223344", true));
            for (Shape s : shapes) {
                String name = "m" + t + s.name();
                L2tpSession session = L2tpSession.of(t, sessionId, sessionId + 1000, name).withCookies(s.cookie(), s.peerCookie());
                l2tp.createSession(s.l2specNone() ? session.withL2specType(L2tpL2specType.NONE) : session);
                sessionId++;
                expected.put(name, 1500 - overhead(ipv6, udp, s.cookie().length() / 2, s.l2specNone()));
                measured.put(name, route.link(name).orElseThrow().mtu());
                assertThat(hosts.a.run("cat", "/sys/class/net/" + name + "/mtu").trim()).as(name)
                        .isEqualTo(Integer.toString(measured.get(name)));
            }
        }
        assertThat(measured).as("on " + KERNEL).isEqualTo(expected);
        assertThat(measured).containsEntry("m3000d", 1446).containsEntry("m3001d", 1458).containsEntry("m3002d", 1426)
                .containsEntry("m3003d", 1438).containsEntry("m3000c8n", 1442);
    }

    /** jl2tp's codec sends 4 or 8 bytes (what a config holds); other tools' 1 to 8 are read back. */
    @Test
    void cookiesOfOneToEightBytesAreTakenOverNetlinkAndReadBack() throws Exception {
        l2tp.createTunnel(L2tpTunnel.ip(3000, 4000, A4, B4));
        String hex = "0102030405060708";
        for (int bytes = 1; bytes <= 8; bytes++) {
            byte[] cookie = HexFormat.of().parseHex(hex.substring(0, 2 * bytes));
            genl.execute(new NetlinkRequest("create session with a cookie of " + bytes + " bytes", l2tp.family().id(),
                    NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK,
                    new AttributeEncoder(new GenlHeader(L2tpConstants.CMD_SESSION_CREATE, 1).encode())
                            .u32(L2tpConstants.ATTR_CONN_ID, 3000).u32(L2tpConstants.ATTR_PEER_CONN_ID, 4000)
                            .u32(L2tpConstants.ATTR_SESSION_ID, 1000 + bytes).u32(L2tpConstants.ATTR_PEER_SESSION_ID, 2000 + bytes)
                            .u16(L2tpConstants.ATTR_PW_TYPE, L2tpConstants.PWTYPE_ETH).string(L2tpConstants.ATTR_IFNAME, "c" + bytes)
                            .bytes(L2tpConstants.ATTR_COOKIE, cookie).bytes(L2tpConstants.ATTR_PEER_COOKIE, cookie).encode()));
        }
        for (int bytes = 1; bytes <= 8; bytes++) {
            String cookie = hex.substring(0, 2 * bytes);
            L2tpSessionState read = l2tp.session(3000, 1000 + bytes).orElseThrow();
            assertThat(read.session().cookie()).as(bytes + " bytes on " + KERNEL).isEqualTo(cookie);
            assertThat(read.session().peerCookie()).as(bytes + " bytes on " + KERNEL).isEqualTo(cookie);
        }
    }

    /**
     * An IPv6 peer address gets its peer route when added to an up link; a prefix address its prefix
     * route; a link set down keeps its IPv4 addresses and drops its IPv6 ones. (Added while the
     * link is down, without DAD, the peer route was missing after the up in 5 of 6 runs on each
     * kernel and there in one: jl2tp sets links up before it adds addresses, so it never depends
     * on that case.)
     */
    @Test
    void anIpv6PeerAddressAddedToAnUpLinkGetsItsPeerRouteAndADownLinkKeepsOnlyIpv4() {
        Netns a = hosts.a;
        a.ipBatch("link add d1 type dummy", "link add d2 type dummy");
        a.run("sysctl", "-q", "-w", "net.ipv6.conf.d1.accept_dad=0");
        a.ipBatch("link set d1 up", "addr add 2001:db8:e::1 peer 2001:db8:e::2 dev d1",
                "addr add 2001:db8:f::1/64 dev d2 nodad", "addr add 198.51.100.1/24 dev d2", "link set d2 up");
        String routes = a.ip("-6 route show table all");
        assertThat(routes).as("on " + KERNEL).contains("2001:db8:e::2 dev d1", "local 2001:db8:e::1 dev d1",
                "2001:db8:f::/64 dev d2");
        a.ip("link set d2 down");
        assertThat(a.ip("addr show dev d2")).as("on " + KERNEL + " a link set down keeps IPv4, drops IPv6")
                .contains("inet 198.51.100.1/24").doesNotContain("2001:db8:f::1");
    }

    /**
     * The executor's wait for a full batch of session deletes (256): 6.1 unregisters each interface
     * before its ack, 6.12 acknowledges them all at once and its work queue unregisters them while
     * jl2tp waits (1.6 s alone, 7 s beside this class's other tests): the wait's 10 s count from
     * the last delete seen to go, not for the whole batch.
     */
    @Test
    void applyDeletesAFullBatchOfSessionsThatTheKernelLetsGoOneByOne() throws IOException {
        StringBuilder yaml = new StringBuilder("""
                l2tp:
                  version: 1
                  tunnels:
                    t:
                      tunnel-id: 3000
                      peer-tunnel-id: 4000
                      local: 192.0.2.1
                      remote: 192.0.2.2
                      udp-source-port: 5000
                      udp-destination-port: 6000
                      sessions:
                """);
        for (int i = 0; i < 256; i++) {
            yaml.append("        b").append(i).append(": {session-id: ").append(1000 + i).append(", peer-session-id: ")
                    .append(2000 + i).append("}\n");
        }
        CliInNetns cli = new CliInNetns(tmp.resolve("state"));
        CliInNetns.Result made = cli.run(hosts.a, "-c", Files.writeString(tmp.resolve("many.yaml"), yaml).toString());
        assertThat(made.exit()).as(made.all()).isZero();

        long start = System.nanoTime();
        CliInNetns.Result gone = cli.run(hosts.a, "-c", Files.writeString(tmp.resolve("none.yaml"), "l2tp: {version: 1}\n").toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("kernel facts: on " + KERNEL + ", apply deleted 256 sessions and their tunnel in " + millis + " ms");
        assertThat(gone.exit()).as("on " + KERNEL + ", after " + millis + " ms: " + gone.all()).isZero();
        assertThat(hosts.a.ip("l2tp show session")).isEmpty();
        assertThat(hosts.a.ip("-o link show")).doesNotContain(" b0:", " b255:");
    }

    /**
     * The executor's waits: a tunnel whose UDP port changes is deleted and made again with the same
     * tunnel id, session ids and interface names, in one run, on either kernel.
     */
    @Test
    void applyDeletesAndRemakesATunnelAndItsSessionsWithTheSameIdsAndNames() throws IOException {
        String config = """
                l2tp:
                  version: 1
                  tunnels:
                    t:
                      tunnel-id: 3000
                      peer-tunnel-id: 4000
                      local: 192.0.2.1
                      remote: 192.0.2.2
                      udp-source-port: PORT
                      udp-destination-port: 6000
                      sessions:
                        ses0: { session-id: 1000, peer-session-id: 2000, up: true }
                        ses1: { session-id: 1001, peer-session-id: 2001, up: true }
                        ses2: { session-id: 1002, peer-session-id: 2002, up: true }
                        ses3: { session-id: 1003, peer-session-id: 2003, up: true }
                        ses4: { session-id: 1004, peer-session-id: 2004, up: true, cookie: 0badc0de }
                """;
        Path first = Files.writeString(tmp.resolve("first.yaml"), config.replace("PORT", "5000"));
        Path second = Files.writeString(tmp.resolve("second.yaml"), config.replace("PORT", "5001"));
        Path third = Files.writeString(tmp.resolve("third.yaml"), config.replace("PORT", "5001").replace("0badc0de", "11223344"));
        CliInNetns cli = new CliInNetns(tmp.resolve("state"));

        CliInNetns.Result made = cli.run(hosts.a, "-c", first.toString());
        assertThat(made.exit()).as(made.all()).isZero();
        CliInNetns.Result remade = cli.run(hosts.a, "-c", second.toString());
        assertThat(remade.exit()).as("on " + KERNEL + ": " + remade.all()).isZero();
        assertThat(remade.out()).contains("- delete tunnel 3000", "+ create tunnel 3000", "+ create session 1004 in tunnel 3000");
        assertThat(hosts.a.ip("l2tp show tunnel")).contains("UDP source / dest ports: 5001/6000");
        CliInNetns.Result cookie = cli.run(hosts.a, "-c", third.toString());
        assertThat(cookie.exit()).as("on " + KERNEL + ": " + cookie.all()).isZero();
        assertThat(cookie.out()).contains("- delete session 1004 in tunnel 3000", "+ create session 1004 in tunnel 3000");
        assertThat(hosts.a.ip("l2tp show session")).contains("cookie 11223344");
        for (String name : List.of("ses0", "ses1", "ses2", "ses3", "ses4")) {
            assertThat(hosts.a.ip("link show " + name)).contains(",UP");
        }
        CliInNetns.Result noOp = cli.run(hosts.a, "--dry-run", "--exit-code", "-c", third.toString());
        assertThat(noOp.exit()).as(noOp.all()).isZero();
    }
}
