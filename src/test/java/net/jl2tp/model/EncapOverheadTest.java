package net.jl2tp.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncapOverheadTest {
    /**
     * Every encap, family, cookie length and l2spec type, against the MTU that Linux 6.1 gave a
     * session made by {@code ip l2tp add session} on a 1500-byte veth (measured in the test VM).
     */
    @ParameterizedTest(name = "{0} IPv{1} cookie {2} l2spec {3}: {4}")
    @CsvSource({
        "udp, 4, 0, default, 1446, 'IPv4 20 + UDP 8 + L2TPv3 8 + l2spec 4 + Ethernet 14'",
        "udp, 4, 0, none,    1450, 'IPv4 20 + UDP 8 + L2TPv3 8 + Ethernet 14'",
        "udp, 4, 4, default, 1442, 'IPv4 20 + UDP 8 + L2TPv3 8 + cookie 4 + l2spec 4 + Ethernet 14'",
        "udp, 4, 4, none,    1446, 'IPv4 20 + UDP 8 + L2TPv3 8 + cookie 4 + Ethernet 14'",
        "udp, 4, 8, default, 1438, 'IPv4 20 + UDP 8 + L2TPv3 8 + cookie 8 + l2spec 4 + Ethernet 14'",
        "udp, 4, 8, none,    1442, 'IPv4 20 + UDP 8 + L2TPv3 8 + cookie 8 + Ethernet 14'",
        "udp, 6, 0, default, 1426, 'IPv6 40 + UDP 8 + L2TPv3 8 + l2spec 4 + Ethernet 14'",
        "udp, 6, 0, none,    1430, 'IPv6 40 + UDP 8 + L2TPv3 8 + Ethernet 14'",
        "udp, 6, 4, default, 1422, 'IPv6 40 + UDP 8 + L2TPv3 8 + cookie 4 + l2spec 4 + Ethernet 14'",
        "udp, 6, 4, none,    1426, 'IPv6 40 + UDP 8 + L2TPv3 8 + cookie 4 + Ethernet 14'",
        "udp, 6, 8, default, 1418, 'IPv6 40 + UDP 8 + L2TPv3 8 + cookie 8 + l2spec 4 + Ethernet 14'",
        "udp, 6, 8, none,    1422, 'IPv6 40 + UDP 8 + L2TPv3 8 + cookie 8 + Ethernet 14'",
        "ip,  4, 0, default, 1458, 'IPv4 20 + L2TPv3 4 + l2spec 4 + Ethernet 14'",
        "ip,  4, 0, none,    1462, 'IPv4 20 + L2TPv3 4 + Ethernet 14'",
        "ip,  4, 4, default, 1454, 'IPv4 20 + L2TPv3 4 + cookie 4 + l2spec 4 + Ethernet 14'",
        "ip,  4, 4, none,    1458, 'IPv4 20 + L2TPv3 4 + cookie 4 + Ethernet 14'",
        "ip,  4, 8, default, 1450, 'IPv4 20 + L2TPv3 4 + cookie 8 + l2spec 4 + Ethernet 14'",
        "ip,  4, 8, none,    1454, 'IPv4 20 + L2TPv3 4 + cookie 8 + Ethernet 14'",
        "ip,  6, 0, default, 1438, 'IPv6 40 + L2TPv3 4 + l2spec 4 + Ethernet 14'",
        "ip,  6, 0, none,    1442, 'IPv6 40 + L2TPv3 4 + Ethernet 14'",
        "ip,  6, 4, default, 1434, 'IPv6 40 + L2TPv3 4 + cookie 4 + l2spec 4 + Ethernet 14'",
        "ip,  6, 4, none,    1438, 'IPv6 40 + L2TPv3 4 + cookie 4 + Ethernet 14'",
        "ip,  6, 8, default, 1430, 'IPv6 40 + L2TPv3 4 + cookie 8 + l2spec 4 + Ethernet 14'",
        "ip,  6, 8, none,    1434, 'IPv6 40 + L2TPv3 4 + cookie 8 + Ethernet 14'",
    })
    void sessionMtuOnA1500ByteUnderlayIsWhatTheKernelChooses(String encap, int family, int cookie, String l2spec,
            int kernelMtu, String parts) {
        EncapOverhead overhead = new EncapOverhead(family == 6, encap.equals("ip") ? Encap.IP : Encap.UDP, cookie,
                l2spec.equals("none") ? L2specType.NONE : L2specType.DEFAULT);

        assertThat(overhead.sessionMtu(1500)).isEqualTo(kernelMtu);
        assertThat(overhead.explain()).isEqualTo((1500 - kernelMtu) + ": " + parts);
    }

    @ParameterizedTest
    @CsvSource({"1400, 1346", "1300, 1246", "9000, 8946"})
    void theOverheadIsSubtractedFromAnyUnderlay(int underlay, int expected) {
        // 1400 (veth MTU lowered) and 1300 (route mtu metric) were measured on 6.1 too.
        assertThat(new EncapOverhead(false, Encap.UDP, 0, L2specType.DEFAULT).sessionMtu(underlay)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2", "16"})
    void aCookieIsFourOrEightBytes(int bytes) {
        assertThatThrownBy(() -> new EncapOverhead(false, Encap.UDP, bytes, L2specType.DEFAULT))
                .hasMessage("a cookie is 0, 4 or 8 bytes, not " + bytes);
    }
}
