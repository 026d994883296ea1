package net.jl2tp.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IpAddresses parses literals itself: the same bytes as the JDK for every literal, nothing else. */
class IpAddressesTest {
    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "1::", "2001:db8::1", "2001:DB8::A:b", "2001:db8:0:0:0:0:0:1",
        "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::8", "::192.0.2.1", "64:ff9b::192.0.2.33",
        "1:2:3:4:5:6:192.0.2.1", "fe80::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0:0:0:0:0:0:0:0",
        "192.0.2.1", "0.0.0.0", "255.255.255.255", "198.51.100.254"})
    void literalsGiveTheSameBytesAsTheJdk(String text) throws Exception {
        assertThat(IpAddresses.parse(text)).as(text).contains(InetAddress.getByName(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {".1:2", ":1:2", "1:2:", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
        "12345::1", "g::1", "2001:db8::1%eth0", "[2001:db8::1]", "::1.2.3", "::1.2.3.4.5", "::256.1.1.1",
        "1.2.3.4::", "1:2:3:4:5:6:7:1.2.3.4", "1::2:3:4:5:6:7:8", "::01.2.3.4", "::ffff:192.0.2.1",
        "2001:db8::٢", "２００１:db8::1", "2001:db8::１", "localhost", "a.b", "10.1", "192.0.2", "192.0.2.1.",
        "192.0.2.01", "192.0.2.256", "١٩٢.0.2.1", "192.0.2.1 ", " ::1", "", ":", "::::",
        "0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0"})
    void anythingElseIsRefused(String text) {
        assertThat(IpAddresses.parse(text)).as(text).isEmpty();
    }

    /** Random addresses, written in RFC 5952 form and fully expanded, parse back to themselves. */
    @Test
    void randomAddressesRoundTripThroughBothTextForms() throws Exception {
        Random random = new Random(15);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            for (int j = 0; j < 16; j++) {
                if (random.nextInt(3) == 0) {
                    bytes[j] = 0; // runs of zero groups, for "::"
                }
            }
            InetAddress address = InetAddress.getByAddress(bytes);
            if (!(address instanceof java.net.Inet6Address)) {
                continue; // an IPv4-mapped address: refused by design
            }
            for (String text : List.of(IpAddresses.format(address), address.getHostAddress())) {
                if (!IpAddresses.parse(text).equals(java.util.Optional.of(address))) {
                    failures.add(text);
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
