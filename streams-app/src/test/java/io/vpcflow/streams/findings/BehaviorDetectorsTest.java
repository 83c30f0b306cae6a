package io.vpcflow.streams.findings;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.Severity;
import org.junit.jupiter.api.Test;

import static io.vpcflow.streams.findings.FindingsDriver.egress;
import static io.vpcflow.streams.findings.FindingsDriver.record;
import static org.assertj.core.api.Assertions.assertThat;

/** Unusual remote port, unusual volume, outbound flood and rejected-traffic spikes against their baselines. */
class BehaviorDetectorsTest {
    private static final long MINUTE = 60_000;

    private static FindingsDriver driver(String detector) {
        return new FindingsDriver(FindingsConfig.defaults().only(detector));
    }

    /** The app's usual ports, used in every minute from 0 to {@code minutes} - 1. */
    private static void usualTraffic(FindingsDriver d, int minutes) {
        for (int m = 0; m < minutes; m++) {
            d.send(egress("eni-app", "10.0.21.10", 5432, m * MINUTE));
            d.send(egress("eni-app", "8.8.8.8", 53, m * MINUTE + 10_000).setProtocol(17).setTcpFlags(null));
        }
    }

    @Test
    void unusualPortFiresAfterLearningAndFoldsRepeatsDuringQuarantine() {
        try (FindingsDriver d = driver(UnusualPortDetector.NAME)) {
            usualTraffic(d, 11);
            d.send(egress("eni-app", "10.0.1.20", 22, 10 * MINUTE + 1));
            d.send(egress("eni-app", "10.0.1.21", 22, 12 * MINUTE));
            assertThat(d.ofType(UnusualPortDetector.TYPE)).singleElement().satisfies(f -> {
                assertThat(f.getResourceId()).isEqualTo("eni-app");
                assertThat(f.getTarget()).isEqualTo("10.0.1.21 port 6/22");
                assertThat(f.getCount()).isEqualTo(2);
            });
        }
    }

    @Test
    void aOneOffWhileLearningDoesNotBecomeHistory() {
        try (FindingsDriver d = driver(UnusualPortDetector.NAME)) {
            d.send(egress("eni-app", "10.0.1.20", 445, 2 * MINUTE));
            usualTraffic(d, 16);
            assertThat(d.written()).as("nothing reported while learning, nor on the usual ports after").isEmpty();
            d.send(egress("eni-app", "10.0.1.20", 445, 15 * MINUTE));
            assertThat(d.ofType(UnusualPortDetector.TYPE)).hasSize(1);
        }
    }

    @Test
    void unusualPortStaysSilentOnPortsUsedSteadilyAndOnReplies() {
        try (FindingsDriver d = driver(UnusualPortDetector.NAME)) {
            for (int m = 0; m <= 20; m++) {
                d.send(egress("eni-app", "10.0.21.10", 5432, m * MINUTE));
                d.send(egress("eni-app", "10.0.1.20", 22, m * MINUTE + 30_000));
            }
            d.send(egress("eni-app", "192.0.2.10", 41234, 20 * MINUTE + 40_000).setSrcPort(443).setTcpFlags(19));
            assertThat(d.written()).isEmpty();
        }
    }

    private static FlowLogRecord.Builder upload(String eni, String dst, long bytes, long offsetMs) {
        return egress(eni, dst, 443, offsetMs).setBytes(bytes).setPackets(bytes / 1448 + 1);
    }

    @Test
    void trafficVolumeFiresOnAHugeUploadAgainstASmallBaseline() {
        try (FindingsDriver d = driver(TrafficVolumeDetector.NAME)) {
            for (int m = 0; m < 10; m++) {
                d.send(upload("eni-app", "8.8.8.8", 10_000, m * MINUTE));
            }
            d.send(upload("eni-app", "203.0.113.250", 400_000_000, 10 * MINUTE));
            d.send(upload("eni-app", "203.0.113.250", 400_000_000, 11 * MINUTE));
            assertThat(d.ofType(TrafficVolumeDetector.TYPE)).singleElement().satisfies(f -> {
                assertThat(f.getTarget()).isEqualTo("203.0.113.250");
                assertThat(f.getCount()).as("the second bucket folds in").isEqualTo(2);
            });
        }
    }

    @Test
    void trafficVolumeStaysSilentBelowTheMinimumAndWithinTenTimesTheBaseline() {
        try (FindingsDriver d = driver(TrafficVolumeDetector.NAME)) {
            d.send(upload("eni-app", "203.0.113.250", 99_000_000, 0));
            for (int m = 0; m < 30; m++) {
                d.send(upload("eni-backup", "198.51.100.9", 50_000_000, m * MINUTE));
            }
            d.send(upload("eni-backup", "198.51.100.9", 400_000_000, 30 * MINUTE));
            assertThat(d.written()).isEmpty();
        }
    }

    @Test
    void denialOfServiceFiresOnAnUnansweredUdpFloodOnceTheBucketIsOver() {
        try (FindingsDriver d = driver(DenialOfServiceDetector.NAME)) {
            d.send(egress("eni-web2", "192.0.2.25", 80, 0).setProtocol(17).setTcpFlags(null).setSrcPort(40000)
                    .setPackets(300_000L).setBytes(162_000_000L));
            assertThat(d.written()).as("undecided until the bucket is over").isEmpty();
            d.advanceTo(MINUTE + 1_000);
            assertThat(d.ofType("Backdoor:EC2/DenialOfService.Udp")).singleElement().satisfies(f -> {
                assertThat(f.getSeverity()).isEqualTo(Severity.HIGH);
                assertThat(f.getTarget()).isEqualTo("192.0.2.25");
                assertThat(f.getResourceId()).isEqualTo("eni-web2");
            });
        }
    }

    @Test
    void denialOfServiceStaysSilentOnAnAnsweredUploadAndASmallStream() {
        try (FindingsDriver d = driver(DenialOfServiceDetector.NAME)) {
            d.send(upload("eni-app", "203.0.113.250", 434_400_000, 0));
            d.send(record("eni-app", 500).setSrcAddr("203.0.113.250").setSrcPort(443).setDstPort(50000)
                    .setPackets(150_000L).setTcpFlags(19));
            d.send(egress("eni-web2", "192.0.2.25", 80, 0).setProtocol(17).setTcpFlags(null)
                    .setPackets(49_999L));
            d.advanceTo(3 * MINUTE);
            assertThat(d.written()).isEmpty();
        }
    }

    private static void rejects(FindingsDriver d, String eni, String code, String blocker, int count, long offset) {
        for (int i = 0; i < count; i++) {
            d.send(record(eni, offset + i * 100L).setSrcPort(20000 + i).setAction(Action.REJECT).setTcpFlags(2)
                    .setExplanationCode(code).setBlockingComponent(blocker));
        }
    }

    @Test
    void rejectSpikeFiresPerInterfaceAndPerSecurityGroup() {
        try (FindingsDriver d = driver(RejectSpikeDetector.NAME)) {
            rejects(d, "eni-web", "ENI_SG_RULES_MISMATCH", "sg-web", 25, 0);
            d.advanceTo(3 * MINUTE);
            assertThat(d.ofType(RejectSpikeDetector.INTERFACE_TYPE)).singleElement().satisfies(f -> {
                assertThat(f.getResourceId()).isEqualTo("eni-web");
                assertThat(f.getCount()).isEqualTo(25);
            });
            assertThat(d.ofType(RejectSpikeDetector.GROUP_TYPE)).singleElement()
                    .satisfies(f -> assertThat(f.getResourceId()).isEqualTo("sg-web"));
        }
    }

    @Test
    void rejectSpikeStaysSilentOnASteadyRateOnItsBaselineAndOnAclRejects() {
        try (FindingsDriver d = driver(RejectSpikeDetector.NAME)) {
            for (int m = 0; m < 30; m++) {
                rejects(d, "eni-db", "ENI_SG_RULES_MISMATCH", "sg-db", 12, m * MINUTE);
            }
            rejects(d, "eni-db", "ENI_SG_RULES_MISMATCH", "sg-db", 40, 30 * MINUTE);
            rejects(d, "eni-web", "SUBNET_ACL_RESTRICTION", "acl-public", 100, 31 * MINUTE);
            rejects(d, "eni-web", "ENI_SG_RULES_MISMATCH", "sg-web", 19, 32 * MINUTE);
            assertThat(d.written()).isEmpty();
        }
    }
}
