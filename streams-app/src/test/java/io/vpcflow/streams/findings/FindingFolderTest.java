package io.vpcflow.streams.findings;

import java.time.Duration;
import java.util.List;

import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogRecord;
import org.junit.jupiter.api.Test;

import static io.vpcflow.streams.findings.FindingsDriver.T0;
import static io.vpcflow.streams.findings.FindingsDriver.egress;
import static io.vpcflow.streams.findings.FindingsDriver.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Folding, rate-limited updates, stable ids, counters, one count per flow across subscriptions, and config. */
class FindingFolderTest {
    private static final long MINUTE = 60_000;

    /** One SSH login burst of {@code count} short connections from {@code from}, starting at {@code offsetMs}. */
    private static void burst(FindingsDriver d, String from, int count, long offsetMs) {
        for (int i = 0; i < count; i++) {
            d.send(record("eni-bastion", offsetMs + i * 1_000L).setSrcAddr(from).setSrcPort(30000 + i)
                    .setDstPort(22).setPackets(5L));
        }
    }

    @Test
    void repeatsFoldIntoOneFindingAndUpdatesAreWrittenAtMostOncePerInterval() {
        try (FindingsDriver d = new FindingsDriver(FindingsConfig.defaults().only(BruteForceDetector.NAME))) {
            burst(d, "203.0.113.77", 20, 0);
            List<Finding> afterFirst = d.written();
            assertThat(afterFirst).as("opened at the 15th attempt; the next five fold within the interval")
                    .hasSize(1);
            assertThat(afterFirst.get(0).getCount()).isEqualTo(15);

            d.advanceTo(2 * MINUTE);
            Finding flushed = d.written().get(1);
            assertThat(flushed.getId()).isEqualTo(afterFirst.get(0).getId());
            assertThat(flushed.getCount()).as("pending update written by stream time").isEqualTo(20);

            burst(d, "203.0.113.77", 20, 10 * MINUTE);
            Finding last = d.current().get(flushed.getId());
            assertThat(d.current()).hasSize(1);
            assertThat(last.getCount()).as("written state: 20, then 15 at the second threshold; 5 still pending")
                    .isEqualTo(35);
            assertThat(last.getFirstSeen().toEpochMilli()).isEqualTo(T0 + 14_000);
            assertThat(last.getLastSeen().toEpochMilli()).isEqualTo(T0 + 10 * MINUTE + 14_000);
            assertThat(last.getEvidence()).hasSizeLessThanOrEqualTo(FindingFolder.MAX_EVIDENCE);
            assertThat(d.counter("vpcflow.findings", "type", BruteForceDetector.SSH, "severity", "MEDIUM"))
                    .isEqualTo(1.0);
            assertThat(d.counter("vpcflow.findings.updates", "type", BruteForceDetector.SSH)).as("5 + 6 folds")
                    .isEqualTo(11.0);
        }
    }

    @Test
    void idsAreStablePerTypeResourceAndActor() {
        String a = FindingFolder.idOf("Recon:EC2/Portscan", "eni-1", "203.0.113.66");
        assertThat(FindingFolder.idOf("Recon:EC2/Portscan", "eni-1", "203.0.113.66")).isEqualTo(a);
        assertThat(FindingFolder.idOf("Recon:EC2/Portscan", "eni-1", "203.0.113.67")).isNotEqualTo(a);
        assertThat(FindingFolder.idOf("Recon:EC2/Portscan", "eni-2", "203.0.113.66")).isNotEqualTo(a);
        assertThat(a).matches("vf-[0-9a-f]{24}");
    }

    private static FlowLogRecord.Builder upload(String subscription, long bytes) {
        return egress("eni-app", "203.0.113.250", 443, 0).setBytes(bytes).setPackets(bytes / 1448)
                .setSubscriptionId(subscription);
    }

    @Test
    void aFlowLoggedByTwoSubscriptionsCountsOnce() {
        try (FindingsDriver d = new FindingsDriver(FindingsConfig.defaults().only(TrafficVolumeDetector.NAME))) {
            d.send(upload("fl-vpc", 60_000_000));
            d.send(upload("fl-subnet", 60_000_000));
            assertThat(d.written()).as("60 MB once, not 120 MB").isEmpty();
            assertThat(d.counter("vpcflow.findings.records", "outcome", "duplicate")).isEqualTo(1.0);
            d.send(upload("fl-vpc", 60_000_000).setDstPort(8443));
            assertThat(d.ofType(TrafficVolumeDetector.TYPE)).hasSize(1);
        }
    }

    @Test
    void configRejectsUnknownDetectorsAndEmptyDurations() {
        assertThatThrownBy(() -> FindingsConfig.defaults().withDisabled(java.util.Set.of("port-scam")))
                .hasMessageContaining("findings.disabled: unknown detector 'port-scam'");
        FindingsConfig d = FindingsConfig.defaults();
        assertThatThrownBy(() -> new FindingsConfig(Duration.ZERO, d.updateInterval(), d.disabled(), d.portScan(),
                d.portSweep(), d.bruteForce(), d.portProbe(), d.unusualPort(), d.trafficVolume(),
                d.denialOfService(), d.rejectSpike(), d.internalReject(), d.natInbound())).hasMessageContaining("findings.bucket");
        assertThat(FindingsConfig.defaults().only(PortScanDetector.NAME).disabled())
                .hasSize(Detectors.NAMES.size() - 1);
    }
}
