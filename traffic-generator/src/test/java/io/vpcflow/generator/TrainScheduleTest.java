package io.vpcflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.generator.TrainSchedule.Outcome;
import io.vpcflow.generator.scenario.Shape;
import org.junit.jupiter.api.Test;

/** Packet trains of one flow, per shape and outcome. */
class TrainScheduleTest {

    @Test
    void acceptedSessionOpensWithSynAndSynAckAndClosesWithFinBothWays() {
        TrainSchedule s = TrainSchedule.of(new Shape.TcpSession(2, 10_000, 100_000, false), Outcome.ACCEPTED, 3);
        assertThat(s.size).isEqualTo(3);
        assertThat(s.offsets).startsWith(0L, 1000L, 2000L);
        assertThat(new int[] {s.fwdFlags[0], s.fwdFlags[1], s.fwdFlags[2]}).containsExactly(2, 0, 1);
        assertThat(new int[] {s.repFlags[0], s.repFlags[1], s.repFlags[2]}).containsExactly(18, 0, 1);
        long payload = 0;
        for (int i = 0; i < s.size; i++) {
            payload += s.repBytes[i] - s.repPackets[i] * TrainSchedule.ACK_BYTES;
        }
        assertThat(payload).as("response payload, headers aside").isBetween(100_000L, 100_000L + 2 * 60);
    }

    @Test
    void oneTickSessionOrsItsFlagsAsFlowLogsDo() {
        TrainSchedule s = TrainSchedule.of(new Shape.TcpSession(0, 500, 500, false), Outcome.ACCEPTED, 3);
        assertThat(s.size).isEqualTo(1);
        assertThat(s.fwdFlags[0]).isEqualTo(3);
        assertThat(s.repFlags[0]).isEqualTo(19);
    }

    @Test
    void blockedSynIsRetransmittedWithDoublingGapsAndNoReply() {
        TrainSchedule s = TrainSchedule.of(new Shape.TcpSession(5, 1, 1, false), Outcome.FORWARD_BLOCKED, 3);
        assertThat(s.size).isEqualTo(4);
        assertThat(s.offsets).startsWith(0L, 1000L, 3000L, 7000L);
        assertThat(s.repPackets).containsOnly(0L);
        assertThat(s.fwdFlags).startsWith(2, 2, 2, 2);
    }

    @Test
    void rejectedReplyAnswersEveryRetry() {
        TrainSchedule s = TrainSchedule.of(new Shape.TcpSession(5, 1, 1, false), Outcome.REPLY_BLOCKED, 2);
        assertThat(s.size).isEqualTo(3);
        assertThat(s.repFlags).startsWith(18, 18, 18);
    }

    @Test
    void openPortProbeIsSynSynAckRst() {
        TrainSchedule s = TrainSchedule.of(new Shape.SynProbe(), Outcome.ACCEPTED, 3);
        assertThat(s.size).isEqualTo(1);
        assertThat(s.fwdFlags[0]).isEqualTo(6);
        assertThat(s.repFlags[0]).isEqualTo(18);
    }

    @Test
    void floodHasNoReplyAndDnsHasOne() {
        TrainSchedule flood = TrainSchedule.of(new Shape.Udp(9, 5000, 540, 0), Outcome.ACCEPTED, 3);
        assertThat(flood.size).isEqualTo(10);
        assertThat(flood.fwdPackets[0]).isEqualTo(5000);
        assertThat(flood.repPackets).containsOnly(0L);
        TrainSchedule dns = TrainSchedule.of(new Shape.Udp(0, 1, 70, 150), Outcome.ACCEPTED, 3);
        assertThat(dns.repBytes[0]).isEqualTo(150);
    }
}
