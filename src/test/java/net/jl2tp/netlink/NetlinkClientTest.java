package net.jl2tp.netlink;

import static net.jl2tp.netlink.NetlinkConstants.NLM_F_ACK;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_DUMP;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_DUMP_INTR;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_MULTI;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The request/reply rules, against the fake kernel. */
class NetlinkClientTest {
    private static final NetlinkRequest CHANGE = new NetlinkRequest("create tunnel 3000", 0x1b, NLM_F_REQUEST | NLM_F_ACK, new byte[] {1, 1, 0, 0});
    private static final NetlinkRequest DUMP = new NetlinkRequest("list things", 0x1b, NLM_F_REQUEST | NLM_F_DUMP, new byte[4]);

    @Test
    void ackEndsARequestAndSequenceNumbersCountUp() throws Exception {
        FakeNetlink fake = FakeNetlink.of(req -> List.of(FakeNetlink.ack(req)));
        try (Netlink nl = fake.netlink()) {
            assertThat(nl.execute(CHANGE)).isEmpty();
            assertThat(nl.execute(CHANGE)).isEmpty();
        }
        assertThat(fake.requests()).extracting(NetlinkMessage::sequence).containsExactly(1, 2);
        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.portId()).isZero());
        assertThat(fake.isClosed()).isTrue();
    }

    @Test
    void kernelErrorBecomesNetlinkExceptionWithExtackAndSequence() {
        FakeNetlink fake = FakeNetlink.of(req -> List.of(FakeNetlink.error(req, Errno.EEXIST, "tunnel id in use")));
        assertThatThrownBy(() -> fake.netlink().execute(CHANGE)).isInstanceOfSatisfying(NetlinkException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("create tunnel 3000: EEXIST (File exists): tunnel id in use");
            assertThat(e.errno()).isEqualTo(17);
            assertThat(e.sequence()).isEqualTo(1);
            assertThat(e.extackMessage()).hasValue("tunnel id in use");
        });
    }

    @Test
    void answerBeforeTheAckIsReturned() throws Exception {
        NetlinkMessage answer = FakeNetlink.reply(0x1b, NLM_F_ACK, new byte[] {4, 1, 0, 0});
        FakeNetlink fake = FakeNetlink.of(req -> List.of(answer, FakeNetlink.ack(req)));
        assertThat(fake.netlink().execute(CHANGE)).singleElement().satisfies(m -> assertThat(m.payload()).containsExactly(4, 1, 0, 0));
    }

    @Test
    void requestWithoutAckEndsAtItsFirstAnswer() throws Exception {
        NetlinkRequest routeGet = new NetlinkRequest("look up", 26, NLM_F_REQUEST, new byte[12]);
        FakeNetlink fake = FakeNetlink.of(req -> List.of(FakeNetlink.reply(24, 0, new byte[12])));
        assertThat(fake.netlink().execute(routeGet)).extracting(NetlinkMessage::type).containsExactly(24);
    }

    @Test
    void lateRepliesToOtherSequenceNumbersAndGarbagePortsAreSkipped() throws Exception {
        byte[] stale = new NetlinkMessage(NetlinkConstants.NLMSG_ERROR, 0, 999, FakeNetlink.PORT, new byte[20]).encode();
        byte[] otherPort = new NetlinkMessage(0x1b, 0, 1, 7, new byte[4]).encode();
        FakeNetlink fake = FakeNetlink.of(req -> List.of(FakeNetlink.ack(req))).inject(stale).inject(otherPort);
        assertThat(fake.netlink().execute(CHANGE)).isEmpty();
    }

    @Test
    void multiPartDumpAcrossDatagramsUntilDone() throws Exception {
        FakeNetlink fake = FakeNetlink.withDatagrams(req -> List.of(
                List.of(FakeNetlink.multi(0x1b, new byte[] {1, 0, 0, 0}), FakeNetlink.multi(0x1b, new byte[] {2, 0, 0, 0})),
                List.of(FakeNetlink.multi(0x1b, new byte[] {3, 0, 0, 0})),
                List.of(FakeNetlink.done())));
        List<NetlinkMessage> all = fake.netlink().dump(DUMP);
        assertThat(all).extracting(m -> (int) m.payload()[0]).containsExactly(1, 2, 3);
        assertThat(fake.requests()).singleElement().satisfies(r -> assertThat(r.flags()).isEqualTo(NLM_F_REQUEST | NLM_F_DUMP));
    }

    @Test
    void interruptedDumpIsRunAgainAndOnlyTheCleanRunCounts() throws Exception {
        int[] calls = {0};
        FakeNetlink fake = FakeNetlink.withDatagrams(req -> {
            calls[0]++;
            int flags = calls[0] == 1 ? NLM_F_MULTI | NLM_F_DUMP_INTR : NLM_F_MULTI;
            return List.of(List.of(FakeNetlink.reply(0x1b, flags, new byte[] {(byte) calls[0], 0, 0, 0}), FakeNetlink.done()));
        });
        List<NetlinkMessage> all = fake.netlink().dump(DUMP);
        assertThat(all).extracting(m -> (int) m.payload()[0]).containsExactly(2);
        assertThat(fake.requests()).extracting(NetlinkMessage::sequence).containsExactly(1, 2);
    }

    @Test
    void dumpInterruptedEveryTimeGivesUpWithAClearError() {
        FakeNetlink fake = FakeNetlink.withDatagrams(req -> List.of(List.of(
                FakeNetlink.reply(0x1b, NLM_F_MULTI | NLM_F_DUMP_INTR, new byte[4]), FakeNetlink.done())));
        assertThatThrownBy(() -> fake.netlink().dump(DUMP)).isInstanceOfSatisfying(NetlinkException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("EINTR");
            assertThat(e.getMessage()).contains("list things").contains("interrupted " + NetlinkClient.MAX_DUMP_ATTEMPTS + " times");
        });
        assertThat(fake.requests()).hasSize(NetlinkClient.MAX_DUMP_ATTEMPTS);
    }

    @Test
    void dumpErrorInDoneIsReported() {
        NetlinkMessage failedDone = new NetlinkMessage(NetlinkConstants.NLMSG_DONE, NLM_F_MULTI, 0, 0, new byte[] {-1, -1, -1, -1});
        FakeNetlink fake = FakeNetlink.withDatagrams(req -> List.of(List.of(failedDone)));
        assertThatThrownBy(() -> fake.netlink().dump(DUMP)).isInstanceOfSatisfying(NetlinkException.class,
                e -> assertThat(e.errnoName()).isEqualTo("EPERM"));
    }

    @Test
    void garbageReplyIsAProtocolErrorNamingTheOperation() {
        FakeNetlink fake = FakeNetlink.withDatagrams(req -> List.of()).inject(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> fake.netlink().execute(CHANGE)).isInstanceOf(NetlinkProtocolException.class)
                .hasMessageStartingWith("create tunnel 3000: malformed reply");
    }

    @Test
    void capturedKernelErrorWithExtackReadsWell() throws Exception {
        // `ip link set dev pw0 mtu 10` on a veth: the kernel's real answer (replies/error-mtu-extack.hex)
        NetlinkMessage kernelError = Fixtures.messages("replies/error-mtu-extack.hex").get(0);
        NetlinkError e = NetlinkError.ofError(kernelError);
        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(e.extackMessage()).isEqualTo("mtu less than device minimum");
        FakeNetlink fake = FakeNetlink.of(req -> List.of(kernelError));
        assertThatThrownBy(() -> fake.netlink().execute(new NetlinkRequest("set mtu 10 on ifindex 3", 16, NLM_F_REQUEST | NLM_F_ACK, new byte[16])))
                .hasMessage("set mtu 10 on ifindex 3: EINVAL (Invalid argument): mtu less than device minimum");
    }

    @Test
    void unprivilegedChangeIsEPERMWithTheRunAsRootHint() throws Exception {
        // the kernel's real answer to `ip link add br9 type bridge` run as nobody (replies/error-eperm-unprivileged.hex)
        List<NetlinkMessage> captured = Fixtures.messages("replies/error-eperm-unprivileged.hex");
        FakeNetlink fake = FakeNetlink.of(req -> captured);
        assertThatThrownBy(() -> fake.netlink().execute(new NetlinkRequest("create bridge br9", 16, NLM_F_REQUEST | NLM_F_ACK, new byte[16])))
                .isInstanceOfSatisfying(NetlinkException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("create bridge br9: EPERM (Operation not permitted)");
                    assertThat(e.isPermissionDenied()).isTrue();
                    assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).startsWith("run as root"));
                });
    }
}
