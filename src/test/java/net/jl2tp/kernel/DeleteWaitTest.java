package net.jl2tp.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jl2tp.kernel.KernelOps.StepOutcome;
import net.jl2tp.model.Tunnel;
import net.jl2tp.netlink.AttributeDecoder;
import net.jl2tp.netlink.Errno;
import net.jl2tp.netlink.FakeNetlink;
import net.jl2tp.netlink.Fixtures;
import net.jl2tp.netlink.NetlinkMessage;
import net.jl2tp.netlink.genl.GenlController;
import net.jl2tp.netlink.genl.GenlHeader;
import net.jl2tp.netlink.l2tp.L2tpConstants;
import net.jl2tp.plan.Change;
import net.jl2tp.testing.TunnelBuilder;
import org.junit.jupiter.api.Test;

/**
 * The wait for a batch's deletes against a kernel that lets them go one after another, as 6.12's
 * work queue does after acknowledging the whole batch at once: the timeout is for a wait with no
 * progress, not for the whole batch.
 */
class DeleteWaitTest {
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final long STEP_MILLIS = 150;

    /**
     * A fake l2tp family: deletes are acked; tunnel 3000 + i answers GET until (i + 1) steps after
     * the first delete, and for ever from i = {@code neverFrom} on.
     */
    private static NetlinkKernelOps kernelLettingGoOneByOne(long neverFrom) throws Exception {
        List<NetlinkMessage> family = Fixtures.messages("replies/genl-getfamily-l2tp.hex");
        long[] firstDelete = {0};
        FakeNetlink generic = FakeNetlink.of(req -> {
            if (req.type() == GenlController.GENL_ID_CTRL) {
                return List.of(family.get(0));
            }
            int command = req.payload()[0];
            if (command == L2tpConstants.CMD_TUNNEL_DELETE && firstDelete[0] == 0) {
                firstDelete[0] = System.nanoTime();
            }
            if (command != L2tpConstants.CMD_TUNNEL_GET) {
                return List.of(FakeNetlink.ack(req));
            }
            long index = tunnelId(req) - 3000;
            boolean gone = index < neverFrom && System.nanoTime() >= firstDelete[0] + (index + 1) * STEP_MILLIS * 1_000_000;
            return List.of(gone ? FakeNetlink.error(req, Errno.ENODEV, null) : FakeNetlink.ack(req));
        });
        FakeNetlink route = FakeNetlink.of(req -> List.of(FakeNetlink.ack(req)));
        return new NetlinkKernelOps(new Kernel(route.netlink(), generic.netlink()), TIMEOUT);
    }

    private static long tunnelId(NetlinkMessage request) {
        AttributeDecoder d = new AttributeDecoder(request.payload(), GenlHeader.LENGTH);
        while (d.next()) {
            if (d.type() == L2tpConstants.ATTR_CONN_ID) {
                return d.u32Unsigned();
            }
        }
        throw new AssertionError("no tunnel id in " + request);
    }

    private static List<Change> deletes(int count) {
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Tunnel t = TunnelBuilder.tunnel().tunnelId(3000 + i).peerTunnelId(4000 + i).local("192.0.2.1")
                    .remote("192.0.2.2").udpSourcePort(5000 + i).udpDestinationPort(6000 + i).build();
            out.add(new Change.DeleteTunnel(t, "not in the config", Optional.empty()));
        }
        return out;
    }

    @Test
    void aBatchWhoseDeletesGoOneAfterAnotherIsWaitedForPastTheTimeout() throws Exception {
        long start = System.nanoTime();
        List<StepOutcome> outcomes = kernelLettingGoOneByOne(100).applyBatch(deletes(6));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.succeeded()).as(o.toString()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("6 steps of 150 ms: longer than the timeout")
                .isGreaterThan(TIMEOUT);
    }

    @Test
    void aDeleteThatNeverGoesFailsOnceNothingOfItsBatchWentForTheTimeout() throws Exception {
        // 3000 and 3001 go after 150 and 300 ms; 3002 and 3003 never.
        List<StepOutcome> outcomes = kernelLettingGoOneByOne(2).applyBatch(deletes(4));

        assertThat(outcomes.subList(0, 2)).allMatch(StepOutcome::succeeded);
        assertThat(outcomes.subList(2, 4)).allSatisfy(o -> {
            assertThat(o.succeeded()).isFalse();
            assertThat(o.error().orElseThrow().errno()).isEqualTo(Errno.ETIMEDOUT);
            assertThat(o.error().orElseThrow().getMessage()).contains("still there: nothing of its batch went for 400 ms");
        });
    }
}
