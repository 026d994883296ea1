package net.jl2tp.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jl2tp.model.Encap;
import net.jl2tp.model.IpAddresses;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Change;
import org.junit.jupiter.api.Test;

/** The failure message carries the hint the caller chooses, and says how much was undone. */
class ApplyFailureTest {
    @Test
    void theCallersHintReplacesTheNetlinkLayersOne() {
        Tunnel t = new Tunnel(3000, 4000, Encap.IP, IpAddresses.parse("192.0.2.1").orElseThrow(),
                IpAddresses.parse("192.0.2.2").orElseThrow(), 0, 0, false, true, true);
        Change step = new Change.CreateTunnel(t, "not in the kernel", Optional.empty());
        NetlinkException refused = new NetlinkException("create tunnel 3000", 93, null, 7, "layer hint");
        ApplyFailure failure = new ApplyFailure(step, 3, 5, refused, Optional.empty());

        assertThat(failure.getMessage()).contains("failed: EPROTONOSUPPORT", "; layer hint. The 2 steps before it");
        assertThat(failure.messageWithHint(Optional.of("modprobe l2tp_ip"))).contains("; modprobe l2tp_ip. The 2 steps")
                .doesNotContain("layer hint").endsWith("the kernel is as it was before this run");
    }
}
