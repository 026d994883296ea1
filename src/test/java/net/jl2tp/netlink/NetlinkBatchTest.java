package net.jl2tp.netlink;

import static net.jl2tp.netlink.NetlinkConstants.NLM_F_ACK;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_DUMP;
import static net.jl2tp.netlink.NetlinkConstants.NLM_F_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Many requests to a datagram (Netlink.executeAll), against the fake kernel. */
class NetlinkBatchTest {

    private static NetlinkRequest change(int n, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        payload[0] = (byte) n;
        return new NetlinkRequest("create session " + n, 0x1b, NLM_F_REQUEST | NLM_F_ACK, payload);
    }

    private static List<NetlinkRequest> changes(int count, int payloadBytes) {
        List<NetlinkRequest> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(change(i, payloadBytes));
        }
        return out;
    }

    @Test
    void eachRequestGetsItsOwnOutcomeAndAFailureDoesNotStopTheOthers() throws Exception {
        FakeNetlink fake = FakeNetlink.of(req -> List.of(req.payload()[0] == 1
                ? FakeNetlink.error(req, Errno.EEXIST, "session already exists") : FakeNetlink.ack(req)));
        List<NetlinkReply> replies = fake.netlink().executeAll(changes(3, 4));

        assertThat(fake.datagrams()).isEqualTo(1);
        assertThat(replies).extracting(r -> r.request().operation())
                .containsExactly("create session 0", "create session 1", "create session 2");
        assertThat(replies).extracting(NetlinkReply::succeeded).containsExactly(true, false, true);
        NetlinkException e = replies.get(1).error().orElseThrow();
        assertThat(e.getMessage()).isEqualTo("create session 1: EEXIST (File exists): session already exists");
        assertThat(e.sequence()).isEqualTo(2);
        assertThatThrownBy(replies.get(1)::orThrow).isSameAs(e);
    }

    @Test
    void answersBeforeTheAckBelongToTheirRequest() throws Exception {
        FakeNetlink fake = FakeNetlink.of(req -> List.of(
                FakeNetlink.reply(0x10, 0, new byte[] {req.payload()[0], 0, 0, 0}), FakeNetlink.ack(req)));
        List<NetlinkReply> replies = fake.netlink().executeAll(changes(2, 4));
        assertThat(replies.get(0).orThrow()).singleElement().satisfies(m -> assertThat(m.payload()[0]).isEqualTo((byte) 0));
        assertThat(replies.get(1).orThrow()).singleElement().satisfies(m -> assertThat(m.payload()[0]).isEqualTo((byte) 1));
    }

    @Test
    void aLongBatchIsSplitByCount() throws Exception {
        FakeNetlink fake = FakeNetlink.of(req -> List.of(FakeNetlink.ack(req)));
        List<NetlinkReply> replies = fake.netlink().executeAll(changes(150, 4));
        assertThat(replies).hasSize(150).allMatch(NetlinkReply::succeeded);
        assertThat(fake.datagrams()).isEqualTo(3); // 64 + 64 + 22
        assertThat(fake.requests()).extracting(NetlinkMessage::sequence).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void aBatchOfBigRequestsIsSplitByBytes() throws Exception {
        FakeNetlink fake = FakeNetlink.of(req -> List.of(FakeNetlink.ack(req)));
        fake.netlink().executeAll(changes(10, 5000)); // 5016 bytes each: 3 fit in 16 KiB
        assertThat(fake.datagrams()).isEqualTo(4);
    }

    @Test
    void lateAnswersToEarlierRequestsAreSkipped() throws Exception {
        byte[] stale = new NetlinkMessage(NetlinkConstants.NLMSG_ERROR, 0, 999, FakeNetlink.PORT, new byte[20]).encode();
        FakeNetlink fake = FakeNetlink.of(req -> List.of(FakeNetlink.ack(req))).inject(stale);
        assertThat(fake.netlink().executeAll(changes(2, 4))).allMatch(NetlinkReply::succeeded);
    }

    @Test
    void aRequestWithoutAckOrADumpCannotBeBatched() {
        FakeNetlink fake = FakeNetlink.of(req -> List.of(FakeNetlink.ack(req)));
        NetlinkRequest dump = new NetlinkRequest("list", 0x1b, NLM_F_REQUEST | NLM_F_DUMP | NLM_F_ACK, new byte[4]);
        NetlinkRequest noAck = new NetlinkRequest("look up", 26, NLM_F_REQUEST, new byte[4]);
        assertThatThrownBy(() -> fake.netlink().executeAll(List.of(dump))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fake.netlink().executeAll(List.of(noAck))).isInstanceOf(IllegalArgumentException.class);
        assertThat(fake.datagrams()).isZero();
    }

    /** Thrown as an interrupted batch (which says how far it got), the protocol error inside. */
    @Test
    void aGarbledAnswerIsAProtocolError() {
        FakeNetlink fake = FakeNetlink.of(req -> List.of(FakeNetlink.ack(req))).inject(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> fake.netlink().executeAll(changes(2, 4)))
                .isInstanceOfSatisfying(NetlinkBatchInterrupted.class, e -> {
                    assertThat(e.socketError()).isInstanceOf(NetlinkProtocolException.class);
                    assertThat(e.sent()).isEqualTo(2);
                    assertThat(e.answers()).containsOnly(Optional.empty());
                })
                .hasMessageStartingWith("create session 0");
    }

    /**
     * The second of three answers dropped (ENOBUFS): the batch says that all three went out (the
     * kernel carries them all out), and which were answered: the first, and the third, still
     * queued after the error and read without waiting.
     */
    @Test
    void aSocketErrorHalfWaySaysWhatWentOutAndWhatWasAnswered() {
        FakeNetlink secondAnswerDropped = FakeNetlink.of(req -> List.of(FakeNetlink.ack(req))).failingReceive(2);

        assertThatThrownBy(() -> secondAnswerDropped.netlink().executeAll(changes(3, 4)))
                .isInstanceOfSatisfying(NetlinkBatchInterrupted.class, e -> {
                    assertThat(e.sent()).isEqualTo(3);
                    assertThat(e.answers()).hasSize(3);
                    assertThat(e.answers().get(0)).hasValueSatisfying(r -> assertThat(r.succeeded()).isTrue());
                    assertThat(e.answers().get(1)).isEmpty();
                    assertThat(e.answers().get(2)).hasValueSatisfying(r -> assertThat(r.succeeded()).isTrue());
                    assertThat(e.socketError().errno()).isEqualTo(Errno.ENOBUFS);
                    assertThat(e.getMessage()).isEqualTo("receive from netlink: ENOBUFS (No buffer space available): messages were lost");
                });
    }

    /** A send that fails in the second datagram: the first datagram's 64 went out and were answered. */
    @Test
    void aFailedSendLeavesTheRestUnsent() {
        FakeNetlink secondSendFails = FakeNetlink.of(req -> List.of(FakeNetlink.ack(req))).failingSend(2);

        assertThatThrownBy(() -> secondSendFails.netlink().executeAll(changes(100, 4)))
                .isInstanceOfSatisfying(NetlinkBatchInterrupted.class, e -> {
                    assertThat(e.sent()).isEqualTo(NetlinkClient.MAX_BATCH_REQUESTS);
                    assertThat(e.answers().subList(0, 64)).allMatch(Optional::isPresent);
                    assertThat(e.answers().subList(64, 100)).allMatch(Optional::isEmpty);
                });
    }

    /** A socket error that lost nothing of ours: the answers still queued complete the datagram, and the batch goes on. */
    @Test
    void aSocketErrorThatLostNoAnswerOfOursIsNotAnError() throws Exception {
        byte[] stale = new NetlinkMessage(NetlinkConstants.NLMSG_ERROR, 0, 999, FakeNetlink.PORT, new byte[20]).encode();
        FakeNetlink staleDropped = FakeNetlink.of(req -> List.of(FakeNetlink.ack(req))).inject(stale).failingReceive(1);

        assertThat(staleDropped.netlink().executeAll(changes(3, 4))).hasSize(3).allMatch(NetlinkReply::succeeded);
    }
}
