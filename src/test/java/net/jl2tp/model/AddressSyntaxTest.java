package net.jl2tp.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressSyntaxTest {
    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1/24", "2001:db8::1/64", "10.42.1.1 peer 10.42.1.2/32",
            "2001:db8::1 peer 2001:db8::2/128", "198.51.100.1/0"})
    void readsBackWhatInterfaceAddressWrites(String text) {
        InterfaceAddress address = AddressSyntax.parse(text).orElseThrow();

        assertThat(address).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "192.0.2.1/", "192.0.2.1/2x", "192.0.2.1/0024", "host/24",
            "192.0.2.1 peer 192.0.2.2", "192.0.2.1/24 peer 192.0.2.2/32", "192.0.2.1 peer nope/32"})
    void refusesOtherRecordText(String text) {
        assertThat(AddressSyntax.parse(text)).isEmpty();
    }

    @Test
    void recordPartsThatDoNotFitThrow() {
        assertThatThrownBy(() -> AddressSyntax.parse("192.0.2.1/33")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix length 33 out of range");
    }

    @Test
    void aConfigAddressNeedsAPrefixLength() {
        assertThat(AddressSyntax.prefixed("192.0.2.1")).isEqualTo(new AddressSyntax.Invalid(
                AddressSyntax.Part.ADDRESS, "address '192.0.2.1' needs a prefix length, like 192.0.2.1/24; "
                        + "for a point-to-point address write { address: 192.0.2.1, peer: PEER }"));
    }

    @Test
    void aPeerWithoutLengthIsAHostPeer() {
        var own = (AddressSyntax.Parsed) AddressSyntax.ownOfPair("10.42.1.1");

        var pair = AddressSyntax.peerOf(own.address(), "10.42.1.1", "10.42.1.2");

        assertThat(((AddressSyntax.Parsed) pair).address()).hasToString("10.42.1.1 peer 10.42.1.2/32");
    }

    @Test
    void aPeerProblemNamesThePeer() {
        var own = (AddressSyntax.Parsed) AddressSyntax.ownOfPair("10.42.1.1");

        assertThat(AddressSyntax.peerOf(own.address(), "10.42.1.1", "2001:db8::2/64")).isEqualTo(
                new AddressSyntax.Invalid(AddressSyntax.Part.PEER,
                        "peer 2001:db8::2/64 is IPv6 but address 10.42.1.1 is IPv4"));
        assertThat(AddressSyntax.peerOf(own.address(), "10.42.1.1", "10.42.1.2/40")).isEqualTo(
                new AddressSyntax.Invalid(AddressSyntax.Part.PEER, "prefix length '40' must be a number in 0..32 for IPv4"));
    }
}
