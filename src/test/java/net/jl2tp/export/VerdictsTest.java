package net.jl2tp.export;

import static net.jl2tp.testing.CountersBuilder.counters;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jl2tp.model.Counter;
import net.jl2tp.model.Counters;
import net.jl2tp.model.Encap;
import net.jl2tp.model.InterfaceCounters;
import net.jl2tp.model.L2specType;
import net.jl2tp.model.Sequencing;
import net.jl2tp.model.Session;
import net.jl2tp.model.Tunnel;
import net.jl2tp.testing.SessionBuilder;
import org.junit.jupiter.api.Test;

/** The rules from counter deltas to a verdict: every verdict, unknown counters, counters that went back. */
class VerdictsTest {
    private static final Session PW = SessionBuilder.session().tunnelId(3000).sessionId(1000).peerSessionId(2000)
            .interfaceName("l2tpeth0").peerCookie("0000cafe").l2specTypeUnknown().build();
    private static final Tunnel UDP = new Tunnel(3000, 4000, Encap.UDP, ip("192.0.2.1"), ip("192.0.2.2"), 5000, 6000,
            false, true, true);
    private static final Tunnel IP = new Tunnel(3000, 4000, Encap.IP, ip("192.0.2.1"), ip("192.0.2.2"), 0, 0,
            false, true, true);
    private static final StatusReport.InterfaceStatus UP = new StatusReport.InterfaceStatus(true, "unknown", 1446,
            Optional.empty(), List.of());

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The verdict on a session whose counters moved by {@code session}, its tunnel's by {@code tunnel}. */
    private static Verdict judge(Counters session, Counters tunnel) {
        return Verdicts.judge(PW, Optional.empty(), UDP, Optional.of(UP), Delta.since(session), Delta.since(tunnel),
                Optional.empty(), Optional.empty());
    }

    /** The same, with the interface's own counters' deltas known. */
    private static Verdict judge(Counters session, InterfaceCounters link) {
        return Verdicts.judge(PW, Optional.empty(), UDP, Optional.of(UP), Delta.since(session),
                Delta.since(Counters.ZERO), Optional.of(link), Optional.empty());
    }

    @Test
    void framesTheInterfaceRefusedAreInterfaceRefusedWithItsMtu() {
        Verdict v = judge(counters().received(5, 6000).build(), new InterfaceCounters(3, 0, 2, 2, 0));

        assertThat(v).isEqualTo(new Verdict.InterfaceRefused("l2tpeth0", 5, 2, 2, 1446));
        assertThat(v.problem()).isTrue();
        assertThat(v.finding()).isEqualTo("the session received 5 packets; interface l2tpeth0 refused 2 of them "
                + "(its rx-errors; rx-dropped +2)");
        assertThat(v.cause()).contains("longer than l2tpeth0's MTU (1446").contains("same mtu");
    }

    @Test
    void theInterfacesDropsAloneAreNoRefusal() {
        // rx_dropped alone also counts frames no protocol takes (__netif_receive_skb_core): not a refusal.
        assertThat(judge(counters().sent(5, 500).received(5, 500).build(), new InterfaceCounters(5, 5, 0, 3, 0)))
                .isEqualTo(new Verdict.Ok(5, 5));
        // Refusals without the session receiving cannot be the session's frames.
        assertThat(judge(counters().sent(5, 500).build(), new InterfaceCounters(0, 5, 2, 2, 0)))
                .isInstanceOf(Verdict.NoReply.class);
    }

    @Test
    void unknownInterfaceCountersLeaveTheOtherRulesAlone() {
        assertThat(judge(counters().sent(5, 500).received(5, 500).build(), Counters.ZERO))
                .isEqualTo(new Verdict.Ok(5, 5));
    }

    @Test
    void bothWaysMovingIsOk() {
        Verdict v = judge(counters().sent(5, 500).received(4, 400).build(), Counters.ZERO);

        assertThat(v).isEqualTo(new Verdict.Ok(5, 4));
        assertThat(v.problem()).isFalse();
        assertThat(v.finding()).isEqualTo("OK: sent 5 packets, received 4");
    }

    @Test
    void nothingMovingIsNoTrafficAndNotAProblem() {
        Verdict v = judge(Counters.ZERO, Counters.ZERO);

        assertThat(v).isInstanceOf(Verdict.NoTraffic.class);
        assertThat(v.problem()).isFalse();
        assertThat(v.cause()).contains("ping");
    }

    @Test
    void sentNothingReceivedNamesTheSessionIdsToCompareAndTheUdpPort() {
        Verdict v = judge(counters().sent(5, 500).build(), Counters.ZERO);

        assertThat(v).isInstanceOfSatisfying(Verdict.NoReply.class, r -> {
            assertThat(r.tunnelReceives()).contains(false);
            assertThat(r.udpPort()).contains(5000);
        });
        assertThat(v.problem()).isTrue();
        assertThat(v.cause()).contains("session-id 2000 (our peer-session-id) and peer-session-id 1000 (our session-id)")
                .contains("carry the session id only (not the tunnel id)")
                .contains("No session of tunnel 3000 received anything either")
                .contains("Whether anything arrives at UDP port 5000 is unknown: its socket was not read");
    }

    /** No reply, with what reached the tunnel's UDP socket between the samples. */
    private static Verdict noReplyWith(Verdict.Arrived arrived) {
        return Verdicts.judge(PW, Optional.empty(), UDP, Optional.of(UP), Delta.since(counters().sent(5, 500).build()),
                Delta.since(Counters.ZERO), Optional.empty(), Optional.of(arrived));
    }

    @Test
    void aGrowingQueueAtTheTunnelsPortIsDatagramsForNoSessionHere() {
        // idiag_rqueue is buffer memory (each datagram's truesize: 2560 for 2 short ones in the VM), not payload
        Verdict v = noReplyWith(new Verdict.Arrived(2560, OptionalLong.of(0)));

        assertThat(v.cause()).contains("UDP port 5000's receive queue grew by 2560 bytes of buffer memory (0 drops): "
                + "datagrams arrived there for no session here").contains("compare the session ids")
                .doesNotContain("bytes (0 drops) arrived");
        assertThat(noReplyWith(new Verdict.Arrived(0, OptionalLong.of(4))).cause())
                .contains("UDP port 5000's receive queue grew by 0 bytes of buffer memory (4 drops): datagrams");
        assertThat(noReplyWith(new Verdict.Arrived(1280, OptionalLong.empty())).cause())
                .contains("UDP port 5000's receive queue grew by 1280 bytes of buffer memory: datagrams arrived");
    }

    @Test
    void nothingQueuedNorDroppedAtTheTunnelsPortIsNothingArrived() {
        assertThat(noReplyWith(new Verdict.Arrived(0, OptionalLong.of(0))).cause())
                .contains("Nothing arrived at UDP port 5000: the peer's packets do not reach this host");
    }

    @Test
    void nothingQueuedWithoutTheDropsIsUnknownNotNothing() {
        // a full queue grows no more: without the drops, nothing new queued proves nothing
        assertThat(noReplyWith(new Verdict.Arrived(0, OptionalLong.empty())).cause())
                .contains("whether anything arrives there is unknown").doesNotContain("Nothing arrived");
    }

    @Test
    void sentNothingReceivedWhileTheTunnelReceivesPointsAtTheIds() {
        Verdict v = judge(counters().sent(5, 500).build(), counters().received(9, 900).build());

        assertThat(v.cause()).contains("Other sessions of tunnel 3000 receive, so the path works: look at the ids.");
    }

    @Test
    void ipEncapsulationHasNoPortToTalkAbout() {
        Verdict v = Verdicts.judge(PW, Optional.empty(), IP, Optional.of(UP),
                Delta.since(counters().sent(5, 500).build()), Delta.since(Counters.ZERO), Optional.empty(), Optional.empty());

        assertThat(v).isInstanceOfSatisfying(Verdict.NoReply.class, r -> assertThat(r.udpPort()).isEmpty());
        assertThat(v.cause()).doesNotContain("UDP port");
    }

    @Test
    void cookieDiscardsAreACookieMismatchWithTheExpectedCookie() {
        // as 6.1 and 6.12 count it (l2tp_recv_common): a cookie discard is an rx error too, never an rx packet
        Verdict v = judge(counters().sent(3, 300).rxCookieDiscards(7).rxErrors(7).build(), Counters.ZERO);

        assertThat(v).isEqualTo(new Verdict.CookieMismatch(7, PW.peerCookie()));
        assertThat(v.finding()).isEqualTo("7 packets dropped for a wrong cookie");
        assertThat(v.cause()).isEqualTo("the peer's cookie must equal this session's peer-cookie, 0000cafe (4 bytes), "
                + "and the peer's peer-cookie must equal our cookie");
    }

    @Test
    void sequenceDiscardsOnASessionThatRequiresNumbersAreASequencingMismatch() {
        Session both = SessionBuilder.session().tunnelId(3000).sessionId(1000).peerSessionId(2000)
                .interfaceName("l2tpeth0").sequencing(Sequencing.BOTH).l2specTypeUnknown().build();
        Verdict v = Verdicts.judge(both, Optional.empty(), UDP, Optional.of(UP),
                Delta.since(counters().rxSeqDiscards(4).rxErrors(4).build()), Delta.since(Counters.ZERO),
                Optional.empty(), Optional.empty());

        assertThat(v).isEqualTo(new Verdict.SequencingMismatch(4, 0, Sequencing.BOTH));
        assertThat(v.cause()).contains("sequencing both");
    }

    /** A session with sequencing both, its counters moved by {@code session}. */
    private static Verdict judgeSequenced(Counters session) {
        Session both = SessionBuilder.session().tunnelId(3000).sessionId(1000).peerSessionId(2000)
                .interfaceName("l2tpeth0").sequencing(Sequencing.BOTH).l2specTypeUnknown().build();
        return Verdicts.judge(both, Optional.empty(), UDP, Optional.of(UP), Delta.since(session),
                Delta.since(Counters.ZERO), Optional.empty(), Optional.empty());
    }

    @Test
    void theVmsSequencingMismatchStaysOneWhileTheSessionSends() {
        // DiagnoseKernelTest's case (a both, b none, b pings a): rx +0, rx-errors +2, rx-seq-discards +2
        assertThat(judgeSequenced(counters().rxSeqDiscards(2).rxErrors(2).build()))
                .isEqualTo(new Verdict.SequencingMismatch(2, 0, Sequencing.BOTH));
        // a pinging too: what it sends does not make the drops loss
        assertThat(judgeSequenced(counters().sent(10, 1000).rxSeqDiscards(10).rxErrors(10).build()))
                .isEqualTo(new Verdict.SequencingMismatch(10, 0, Sequencing.BOTH));
    }

    @Test
    void sequenceDropsWhileTheSessionReceivesAreLossNotAMismatch() {
        // one loss, no reorder timeout: l2tp_recv_data_seq drops the next 5 (nr_oos_count_max 4), each an rx error
        Verdict v = judgeSequenced(counters().sent(1000, 100000).received(995, 99500).rxSeqDiscards(5).rxErrors(5)
                .build());

        assertThat(v).isEqualTo(new Verdict.Ok(1000, 995, 5, 0, 0));
        assertThat(v.problem()).isFalse();
        assertThat(v.finding()).isEqualTo("OK: sent 1000 packets, received 995; 5 dropped for their sequence numbers, "
                + "0 out of sequence");
        assertThat(v.cause()).startsWith("no sequencing mismatch: this session receives numbered packets")
                .contains("loss or reordering on the path");
    }

    @Test
    void reorderedPacketsAreNoMismatchEvenWithNothingDelivered() {
        // rx_oos_packets counts numbered packets queued for reordering (l2tp_recv_queue_skb): the peer numbers them
        assertThat(judgeSequenced(counters().sent(9, 900).received(9, 900).rxOosPackets(3).build()))
                .isEqualTo(new Verdict.Ok(9, 9, 0, 3, 0));
        assertThat(judgeSequenced(counters().sent(9, 900).rxOosPackets(3).build()))
                .isInstanceOf(Verdict.NoReply.class);
    }

    @Test
    void rxErrorsBeyondTheSequenceDropsOfLossStayUnexplained() {
        assertThat(judgeSequenced(counters().sent(100, 10000).received(90, 9000).rxSeqDiscards(5).rxErrors(8).build()))
                .isEqualTo(new Verdict.L2specSuspect(90, 3, Optional.empty()));
    }

    @Test
    void theConfiguredSequencingCountsNotTheOneTheKernelTurnedOnByItself() {
        // in LAC mode the kernel sets send_seq when a packet looks sequenced: the config says what was meant
        Session kernel = SessionBuilder.session().tunnelId(3000).sessionId(1000).peerSessionId(2000)
                .interfaceName("l2tpeth0").sequencing(Sequencing.SEND).l2specTypeUnknown().build();
        Session configured = SessionBuilder.session().tunnelId(3000).sessionId(1000).peerSessionId(2000)
                .interfaceName("l2tpeth0").sequencing(Sequencing.NONE).l2specType(L2specType.DEFAULT).build();
        Verdict v = Verdicts.judge(kernel, Optional.of(configured), UDP, Optional.of(UP),
                Delta.since(counters().rxSeqDiscards(2).rxErrors(2).build()), Delta.since(Counters.ZERO),
                Optional.empty(), Optional.empty());

        assertThat(v).isEqualTo(new Verdict.L2specSuspect(0, 2, Optional.of(L2specType.DEFAULT)));
        assertThat(v.cause()).contains("this session's is default").contains("Linux defaults to default, Cisco to none");
    }

    @Test
    void rxErrorsNoCounterExplainsAreAnL2specSuspicion() {
        // a broadcast read as a sublayer lies outside the sequence window: rx_errors only (l2tp_recv_data_seq)
        Verdict v = judge(counters().rxErrors(3).build(), Counters.ZERO);

        assertThat(v).isEqualTo(new Verdict.L2specSuspect(0, 3, Optional.empty()));
        assertThat(v.cause()).contains("the kernel does not report this session's");
    }

    @Test
    void receivedButNeverAnsweredIsAnL2specSuspicion() {
        Verdict v = judge(counters().received(6, 600).build(), Counters.ZERO);

        assertThat(v).isEqualTo(new Verdict.L2specSuspect(6, 0, Optional.empty()));
        assertThat(v.finding()).isEqualTo("received 6 packets, sent none back");
    }

    @Test
    void theTunnelsInvalidCountIsMalformedPackets() {
        Verdict v = judge(counters().sent(2, 200).build(), counters().rxInvalid(5).build());

        assertThat(v).isEqualTo(new Verdict.Invalid(5, 0));
        assertThat(v.cause()).contains("wrong L2TP version");
    }

    @Test
    void theVmsWrongVersionSenderIsInvalid() {
        // DiagnoseKernelTest's case: the session moved nothing, the tunnel's rx-invalid +18
        Verdict v = judge(Counters.ZERO, counters().rxInvalid(18).build());

        assertThat(v).isEqualTo(new Verdict.Invalid(18, 0));
        assertThat(v.problem()).isTrue();
        assertThat(v.finding()).isEqualTo("18 malformed packets on the tunnel (rx-invalid)");
    }

    @Test
    void aStrayWrongVersionPacketLeavesASessionThatReceivesOk() {
        // an L2TPv2 probe at the port counts the tunnel's rx_invalid (6.1: before the session id is read)
        Verdict v = judge(counters().sent(1000, 100000).received(1000, 100000).build(),
                counters().rxInvalid(1).build());

        assertThat(v).isEqualTo(new Verdict.Ok(1000, 1000, 0, 0, 1));
        assertThat(v.problem()).isFalse();
        assertThat(v.finding()).isEqualTo("OK: sent 1000 packets, received 1000; 1 malformed packets on the tunnel "
                + "(rx-invalid)");
        assertThat(v.cause()).contains("not this session's");
        // judge() reads the counters as status does (Delta.since): status does not list the probe for ever
        assertThat(new StatusReport.SessionStatus(PW, Optional.of(UP), Counters.ZERO, v).problems()).isEmpty();
        // nor for a session that only receives: its own verdict stands
        assertThat(judge(counters().received(6, 600).build(), counters().rxInvalid(1).build()))
                .isEqualTo(new Verdict.L2specSuspect(6, 0, Optional.empty()));
    }

    @Test
    void txErrorsAskForARoute() {
        assertThat(judge(counters().txErrors(2).build(), Counters.ZERO)).isEqualTo(new Verdict.TxErrors(2));
    }

    @Test
    void interfaceStateComesBeforeTheCounters() {
        Counters moving = counters().sent(5, 500).received(5, 500).build();
        StatusReport.InterfaceStatus down = new StatusReport.InterfaceStatus(false, "down", 1446, Optional.empty(), List.of());
        StatusReport.InterfaceStatus noCarrier = new StatusReport.InterfaceStatus(true, "lowerlayerdown", 1446,
                Optional.empty(), List.of());

        assertThat(Verdicts.judge(PW, Optional.empty(), UDP, Optional.of(down), Delta.since(moving), Delta.since(moving),
                Optional.empty(), Optional.empty()))
                .isEqualTo(new Verdict.InterfaceDown("l2tpeth0", false, "down"));
        assertThat(Verdicts.judge(PW, Optional.empty(), UDP, Optional.of(noCarrier), Delta.since(moving),
                Delta.since(moving), Optional.empty(), Optional.empty())).isEqualTo(new Verdict.InterfaceDown("l2tpeth0", true, "lowerlayerdown"));
        assertThat(Verdicts.judge(PW, Optional.empty(), UDP, Optional.empty(), Delta.since(moving), Delta.since(moving),
                Optional.empty(), Optional.empty()))
                .isEqualTo(new Verdict.InterfaceMissing("l2tpeth0"));
        Session noInterface = SessionBuilder.session().tunnelId(3000).sessionId(1000).peerSessionId(2000)
                .interfaceName(null).l2specTypeUnknown().build();
        assertThat(Verdicts.judge(noInterface, Optional.empty(), UDP, Optional.empty(), Delta.since(moving),
                Delta.since(moving), Optional.empty(), Optional.empty())).isEqualTo(new Verdict.NoInterface());
    }

    @Test
    void countersThatWentBackAreAResetNotANegativeDelta() {
        Counters before = counters().sent(100, 10000).received(90, 9000).build();
        Counters after = counters().sent(3, 300).received(2, 200).build(); // the session was made again

        Delta d = Delta.between(before, after);

        assertThat(d.reset()).isTrue();
        assertThat(d.get(Counter.TX_PACKETS)).as("never negative").isEqualTo(OptionalLong.of(0));
        Verdict v = Verdicts.judge(PW, Optional.empty(), UDP, Optional.of(UP), d, Delta.since(Counters.ZERO),
                Optional.empty(), Optional.empty());
        assertThat(v).isEqualTo(new Verdict.Reset());
        assertThat(v.problem()).isFalse();
        assertThat(v.finding()).contains("made again between the samples");
    }

    @Test
    void aDeltaIsTheDifferenceOfEachCounter() {
        Delta d = Delta.between(counters().sent(10, 1000).rxCookieDiscards(1).build(),
                counters().sent(15, 1600).rxCookieDiscards(4).build());

        assertThat(d.reset()).isFalse();
        assertThat(d.get(Counter.TX_PACKETS)).isEqualTo(OptionalLong.of(5));
        assertThat(d.get(Counter.TX_BYTES)).isEqualTo(OptionalLong.of(600));
        assertThat(d.get(Counter.RX_COOKIE_DISCARDS)).isEqualTo(OptionalLong.of(3));
        assertThat(d.flat(Counter.RX_PACKETS)).isTrue();
    }

    @Test
    void everyCounterUnknownInEitherSampleIsUnknownInTheDelta() {
        for (Counter c : Counter.values()) {
            Counters without = counters().sent(5, 500).received(5, 500).unknown(c).build();
            Counters with = counters().sent(9, 900).received(9, 900).build();

            assertThat(Delta.between(with, without).get(c)).as(c.key()).isEmpty();
            assertThat(Delta.between(without, with).get(c)).as(c.key()).isEmpty();
            assertThat(Delta.between(without, with).unknown()).containsExactly(c);
            assertThat(Delta.between(without, with).moving(c)).as("unknown is not moving").isFalse();
            assertThat(Delta.between(without, with).flat(c)).as("nor flat").isFalse();
        }
    }

    @Test
    void unknownPacketCountersTellNothing() {
        Verdict v = judge(counters().sent(5, 500).unknown(Counter.RX_PACKETS).build(), Counters.ZERO);

        assertThat(v).isEqualTo(new Verdict.CountersUnknown(List.of(Counter.RX_PACKETS)));
        assertThat(v.problem()).isFalse();
        assertThat(v.finding()).isEqualTo("this kernel does not report rx-packets: nothing can be told");
        assertThat(judge(Counters.UNKNOWN, Counters.UNKNOWN))
                .isEqualTo(new Verdict.CountersUnknown(List.of(Counter.TX_PACKETS, Counter.RX_PACKETS)));
    }

    @Test
    void aKernelWithoutCookieDiscardsCannotRuleThemOut() {
        // before 5.10 there is no L2TP_ATTR_RX_COOKIE_DISCARDS: the no-reply verdict says what it cannot see
        Verdict v = judge(counters().sent(5, 500).unknown(Counter.RX_COOKIE_DISCARDS).build(),
                counters().unknown(Counter.RX_INVALID).build());

        assertThat(v).isInstanceOf(Verdict.NoReply.class);
        assertThat(v.cause()).endsWith("This kernel does not report rx-cookie-discards, so drops it would count cannot "
                + "be ruled out.");
    }

    @Test
    void aConfiguredSessionNotInTheKernelIsMissing() {
        Verdict v = new Verdict.Missing(3000, 1000);

        assertThat(v.problem()).isTrue();
        assertThat(v.key()).isEqualTo("missing");
    }
}
