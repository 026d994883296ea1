package net.jl2tp.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.route.RouteNetlink;
import net.jl2tp.netlink.route.Rtnl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the routing table's answers mean for a tunnel's path (the errnos as measured on Linux 6.1). */
class PeerRouteTest {
    private static final InetAddress REMOTE = IpAddresses.parse("192.0.2.2").orElseThrow();
    private static final InetAddress LOCAL = IpAddresses.parse("192.0.2.1").orElseThrow();

    @ParameterizedTest
    @CsvSource({"101, no route, no route: ENETUNREACH, ENETUNREACH",
        "113, an unreachable route, an unreachable route: EHOSTUNREACH, an unreachable route: EHOSTUNREACH",
        "13, a prohibit route, a prohibit route: EACCES, a prohibit route: EACCES",
        "22, a blackhole route, a blackhole route: EINVAL, a blackhole route: EINVAL"})
    void theErrorsOfARouteLookupAreAnswers(int errno, String kind, String detail, String afterNoRoute) throws Exception {
        PeerRoute answer = ask(request -> List.of(FakeNetlink.error(request, errno, null)));
        assertThat(answer).isEqualTo(new PeerRoute.None(kind, errno));
        assertThat(((PeerRoute.None) answer).detail()).isEqualTo(detail);
        assertThat(((PeerRoute.None) answer).afterNoRoute()).isEqualTo(afterNoRoute);
    }

    @Test
    void aRouteOfARejectTypeIsNoRouteAndAUnicastOneIsFound() throws Exception {
        assertThat(ask(request -> List.of(OnlineWaitTest.route(Rtnl.RTN_UNREACHABLE))))
                .isEqualTo(new PeerRoute.None("an unreachable route", 0));
        assertThat(ask(request -> List.of(OnlineWaitTest.route(Rtnl.RTN_BLACKHOLE))))
                .isEqualTo(new PeerRoute.None("a blackhole route", 0));
        assertThat(ask(request -> List.of(OnlineWaitTest.route(Rtnl.RTN_UNICAST)))).isInstanceOfSatisfying(
                PeerRoute.Found.class, f -> assertThat(f.lookup().outputIndex()).isEqualTo(2));
    }

    @Test
    void otherErrorsAreFailures() {
        assertThatThrownBy(() -> ask(request -> List.of(FakeNetlink.error(request, Errno.EPERM, null))))
                .isInstanceOfSatisfying(NetlinkException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPERM));
    }

    private static PeerRoute ask(java.util.function.Function<NetlinkMessage, List<NetlinkMessage>> kernel)
            throws NetlinkException {
        try (var netlink = FakeNetlink.of(kernel).netlink()) {
            return PeerRoute.lookup(new RouteNetlink(netlink), REMOTE, LOCAL);
        }
    }
}
