package net.jl2tp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KernelVersionTest {
    @Test
    void debianReleasesOfTheMatrixPickTheirOwnExpectation() {
        assertThat(KernelVersion.parse("6.1.0-57-amd64").expect("fact", "old", "new")).isEqualTo("old");
        assertThat(KernelVersion.parse("6.12.118+deb13-amd64").expect("fact", "old", "new")).isEqualTo("new");
        assertThat(KernelVersion.parse("6.12.118+deb13-amd64")).extracting(KernelVersion::major, KernelVersion::minor)
                .containsExactly(6, 12);
    }

    @Test
    void anotherKernelFailsAskingForTheFactToBeMeasured() {
        assertThatThrownBy(() -> KernelVersion.parse("6.6.58-generic").expect("a session's delete is synchronous", true, false))
                .isInstanceOf(AssertionError.class)
                .hasMessage("kernel 6.6.58-generic: 'a session's delete is synchronous' was measured on 6.1 (true) and 6.12"
                        + " (false) only; measure it on this kernel and add its expectation");
        assertThatThrownBy(() -> KernelVersion.parse("linux")).isInstanceOf(IllegalArgumentException.class);
    }
}
