package net.jl2tp.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jl2tp.kernel.KernelOps.StepOutcome;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.Fixtures;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.genl.GenlController;
import net.jl2tp.plan.Change;
import net.jl2tp.testing.TunnelBuilder;
import org.junit.jupiter.api.Test;

/**
 * What a batch's outcomes say when the socket fails half-way (the executor reads the kernel back
 * for the unknown ones): before, the whole batch was reported as its first step refused, and the
 * run said "Nothing was changed" while the kernel had taken the steps.
 */
class NetlinkKernelOpsTest {
    private final FakeNetlink generic;
    private final NetlinkKernelOps ops;

    NetlinkKernelOpsTest() throws Exception {
        List<NetlinkMessage> family = Fixtures.messages("replies/genl-getfamily-l2tp.hex");
        generic = FakeNetlink.of(req -> List.of(req.type() == GenlController.GENL_ID_CTRL ? family.get(0) : FakeNetlink.ack(req)));
        FakeNetlink route = FakeNetlink.of(req -> List.of(FakeNetlink.ack(req)));
        ops = new NetlinkKernelOps(new Kernel(route.netlink(), generic.netlink()), Duration.ofSeconds(1));
    }

    private static Change create(long id) {
        Tunnel t = TunnelBuilder.tunnel().tunnelId(id).peerTunnelId(id + 1000).local("192.0.2.1").remote("192.0.2.2")
                .udpSourcePort((int) id).udpDestinationPort((int) id).build();
        return new Change.CreateTunnel(t, "not in the kernel", Optional.empty());
    }

    private static Change delete(long id) {
        Change.CreateTunnel c = (Change.CreateTunnel) create(id);
        return new Change.DeleteTunnel(c.tunnel(), "not in the config", Optional.empty());
    }

    /**
     * The three requests went out in one datagram; the second answer was dropped (ENOBUFS), the
     * third read after the error: only the second step's outcome is unknown.
     */
    @Test
    void anAnswerLostInTheMiddleLeavesOnlyItsStepUnknown() {
        generic.failingReceive(2);

        List<StepOutcome> outcomes = ops.applyBatch(List.of(create(3000), create(3001), create(3002)));

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0).succeeded()).isTrue();
        assertThat(outcomes.get(1).unknown()).isTrue();
        assertThat(outcomes.get(1).error().orElseThrow().errno()).isEqualTo(Errno.ENOBUFS);
        assertThat(outcomes.get(2).succeeded()).isTrue();
    }

    /** A send that fails: nothing went out, and the first step is refused with the socket's error. */
    @Test
    void aFailedSendLeavesTheBatchNotSent() {
        generic.failingSend(1);

        List<StepOutcome> outcomes = ops.applyBatch(List.of(create(3000), create(3001)));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.unknown()).isFalse();
            assertThat(o.succeeded()).isFalse();
            assertThat(o.error().orElseThrow().errno()).isEqualTo(Errno.ENOBUFS);
            assertThat(o.error().orElseThrow().hint()).contains("the netlink socket failed before the step was sent");
        });
    }

    /** Acknowledged deletes whose wait until gone fails: whether they are gone yet is unknown. */
    @Test
    void aDeleteWhoseWaitFailsIsUnknown() {
        generic.failingReceive(3); // two acks read, then the probes' first answer

        List<StepOutcome> outcomes = ops.applyBatch(List.of(delete(3000), delete(3001)));

        assertThat(outcomes).hasSize(2).allMatch(StepOutcome::unknown);
    }
}
