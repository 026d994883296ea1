package net.jl2tp.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jl2tp.model.Encap;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.NetlinkException;
import net.jl2tp.plan.Change;
import net.jl2tp.testing.TunnelBuilder;
import org.junit.jupiter.api.Test;

/** The failure message carries the hint the caller chooses, and says how much was undone. */
class ApplyFailureTest {
    @Test
    void theCallersHintReplacesTheNetlinkLayersOne() {
        Tunnel t = TunnelBuilder.tunnel().encap(Encap.IP).udpSourcePort(0).udpDestinationPort(0).build();
        Change step = new Change.CreateTunnel(t, "not in the kernel", Optional.empty());
        NetlinkException refused = new NetlinkException("create tunnel 3000", 93, null, 7, "layer hint");
        ApplyFailure failure = new ApplyFailure(step, 3, 5, refused, Optional.empty());

        assertThat(failure.getMessage()).contains("failed: EPROTONOSUPPORT", "; layer hint. The 2 steps before it");
        assertThat(failure.messageWithHint(Optional.of("modprobe l2tp_ip"))).contains("; modprobe l2tp_ip. The 2 steps")
                .doesNotContain("layer hint").endsWith("the kernel is as it was before this run");
    }

    /** An undo that stops early names at most ten of the steps still in effect, and counts the rest. */
    @Test
    void whatIsLeftIsListedUpToTenSteps() {
        java.util.List<Change> left = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            left.add(new Change.SetUp("l2tpeth" + i, true, "config", Optional.empty()));
        }
        ApplyFailure failure = new ApplyFailure(new ApplyFailure.RecordNotWritten(12, 20, new java.io.IOException("disk full")),
                new ApplyFailure.Ending.UndoFailed("set l2tpeth11 down: EBUSY (Device or resource busy)", left), Optional.empty());

        assertThat(failure.getMessage()).isEqualTo("the state record could not be written after step 12 of 20: IOException: "
                + "disk full. The undo failed too: set l2tpeth11 down: EBUSY (Device or resource busy); still in effect: "
                + "set l2tpeth0 up, set l2tpeth1 up, set l2tpeth2 up, set l2tpeth3 up, set l2tpeth4 up, set l2tpeth5 up, "
                + "set l2tpeth6 up, set l2tpeth7 up, set l2tpeth8 up, set l2tpeth9 up and 2 more; the kernel is NOT as it "
                + "was before this run");
        assertThat(failure.step()).isEmpty();
        assertThat(failure.kernelError()).isEmpty();
    }
}
