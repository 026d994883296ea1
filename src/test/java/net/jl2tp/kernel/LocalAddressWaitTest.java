package net.jl2tp.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import net.jl2tp.config.ConfigException;
import net.jl2tp.config.ConfigLoader;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.netlink.route.LinkAddress;
import net.jl2tp.netlink.route.Rtnl;
import net.jl2tp.plan.Desired;
import net.jl2tp.plan.DesiredBuilder;
import net.jl2tp.validate.ConfigValidator;
import org.junit.jupiter.api.Test;

/** Which tunnels must wait for their local address, from an address dump. */
class LocalAddressWaitTest {
    static InetAddress ip(String text) {
        return IpAddresses.parse(text).orElseThrow();
    }


    @Test
    void absentTentativeAndFailedAddressesWaitAndAUsableOneDoesNot() throws Exception {
        Desired desired = DesiredBuilder.build(ConfigValidator.requireValid(
                ConfigLoader.loadPaths(List.of(java.nio.file.Path.of("examples/site-a.yaml")))));

        assertThat(LocalAddressWait.notReady(desired, List.of())).containsExactly(
                Map.entry(3000L, "local address 192.0.2.1 (absent)"));
        assertThat(LocalAddressWait.notReady(desired, List.of(LinkAddress.of(2, ip("192.0.2.1"), 24)))).isEmpty();

        Desired v6 = DesiredBuilder.build(ConfigValidator.requireValid(
                ConfigLoader.loadPaths(List.of(java.nio.file.Path.of("examples/ipv6-underlay.yaml")))));
        LinkAddress tentative = LinkAddress.of(2, ip("2001:db8::1"), 64).withFlags(Rtnl.IFA_F_TENTATIVE);
        LinkAddress failed = LinkAddress.of(2, ip("2001:db8::1"), 64).withFlags(Rtnl.IFA_F_DADFAILED | Rtnl.IFA_F_TENTATIVE);
        assertThat(LocalAddressWait.notReady(v6, List.of(tentative))).containsExactly(Map.entry(3000L,
                "local address 2001:db8::1 (tentative: IPv6 duplicate address detection is still running)"));
        assertThat(LocalAddressWait.notReady(v6, List.of(failed))).containsExactly(Map.entry(3000L,
                "local address 2001:db8::1 (duplicate address detection failed: another host has it)"));
        assertThat(LocalAddressWait.notReady(v6, List.of(LinkAddress.of(2, ip("2001:db8::1"), 64)
                .withFlags(Rtnl.IFA_F_PERMANENT)))).isEmpty();
    }
}
