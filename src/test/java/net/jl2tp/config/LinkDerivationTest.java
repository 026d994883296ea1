package net.jl2tp.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fixed vectors of the link derivation: these numbers must never change (every host of a link
 * file computes them, in every version). Computed independently of this code, in bash:
 * {@code printf 'jl2tp-link-v1\0KIND\0LINK\0SITE' | sha256sum | cut -c1-16} gives H in hex, then
 * python3: 1 + H % 4294967295 (ids), 1024 + H % 64512 (port), '%016x' % H (cookie).
 */
class LinkDerivationTest {
    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
            // link, site, H(tunnel-id), tunnel-id, session-id, udp-port, cookie
            "hub-spoke1, hub,    2bfd6ba4a1a9e3dc, 3450294145, 1046432539, 50213, 7a7032db0d6ef1bd",
            "hub-spoke1, spoke1, 73003d4480236d31, 4079200886, 2465223867, 25619, a65b0a052601b6b9",
            "hub-spoke1, a,      891449cd53a20ca4, 3702937202, 2997648355, 33254, 556dda8be0a7e0e5",
            "hub-spoke2, hub,    a4aadab7218d26cc, 3325559172, 2207401659, 12300, 93c2d6824d9b6eb4",
            "hub-spoke2, spoke1, 0f9934342c5b2432, 1005869159, 3922374400, 29635, 8c83edc6771617e1",
            "a-b,        hub,    c95954532ecef2d3, 4163389223, 1290053750, 6167,  9df84cc79a53a20f",
            "a-b,        spoke1, bc52516d943b8a33, 1351474082, 2988849384, 42489, 984d030bb159b38e",
            "a-b,        a,      1277e0a4f19b29c8, 68356718,   470383960,  12288, 1d80b41440e9d455",
    })
    void derivesTheWrittenDownNumbers(String link, String site, String tunnelHash, long tunnelId, long sessionId,
            int udpPort, String cookie) {
        assertThat(LinkDerivation.hash("tunnel-id", link, site)).isEqualTo(Long.parseUnsignedLong(tunnelHash, 16));
        assertThat(LinkDerivation.tunnelId(link, site)).isEqualTo(tunnelId);
        assertThat(LinkDerivation.sessionId(link, site)).isEqualTo(sessionId);
        assertThat(LinkDerivation.udpPort(link, site)).isEqualTo(udpPort);
        assertThat(LinkDerivation.cookie(link, site)).isEqualTo(cookie);
    }
}
