package io.vpcflow.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.TrafficType;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.vpcflow.streams.FlowLogDriver.T0;
import static io.vpcflow.streams.FlowLogDriver.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link FlowLogTopology} through {@link org.apache.kafka.streams.TopologyTestDriver}, one test per behaviour of the
 * flow-log issue. Grace is 10 s and the delivery delay 20 s, so a 60-s window ending at T0+60 s publishes when
 * stream time reaches T0+90 s.
 */
class FlowLogTopologyTest {
    private FlowLogDriver d;

    @BeforeEach
    void start() {
        d = new FlowLogDriver(FlowLogDriver.testConfig());
    }

    @AfterEach
    void stop() {
        d.close();
    }

    private static Instant at(long offsetMs) {
        return Instant.ofEpochMilli(T0 + offsetMs);
    }

    private List<FlowLogRecord> ok(List<FlowLogRecord> records) {
        return records.stream().filter(r -> r.getLogStatus() == LogStatus.OK).toList();
    }

    @Test
    void windowBoundariesAreMultiplesOfTheIntervalInEventTime() {
        d.subscribe("fl-1", "eni-a1", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
        d.send(event("eni-a1", 1_000).setPackets(2).setBytes(100));
        d.send(event("eni-a1", 59_999).setPackets(3).setBytes(200));
        d.send(event("eni-a1", 60_000).setPackets(5).setBytes(300));
        d.advanceStreamTime(150_000);

        List<FlowLogRecord> records = ok(d.recordValues());
        assertThat(records).hasSize(2);
        assertThat(records.get(0).getStart()).isEqualTo(at(1_000));
        assertThat(records.get(0).getEnd()).isEqualTo(at(59_999));
        assertThat(records.get(0).getPackets()).isEqualTo(5);
        assertThat(records.get(0).getBytes()).isEqualTo(300);
        assertThat(records.get(1).getStart()).isEqualTo(at(60_000));
        assertThat(records.get(1).getPackets()).isEqualTo(5);
    }

    @Test
    void recordsWaitForGracePlusDeliveryDelayAndLateButInGraceEventsCount() {
        d.subscribe("fl-1", "eni-a1", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
        d.send(event("eni-a1", 5_000));
        d.advanceStreamTime(69_999);
        d.send(event("eni-a1", 30_000));        // stream time 69.999 s: window [0,60) is still within grace
        d.advanceStreamTime(89_999);
        assertThat(d.records()).isEmpty();

        d.advanceStreamTime(90_000);
        List<FlowLogRecord> records = d.recordValues();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getPackets()).isEqualTo(2);
        assertThat(d.counters.lateEvents()).isZero();
    }

    @Test
    void tcpFlagsAreOredAsAwsReportsThem() {
        d.subscribe("fl-1", "subnet-a", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
        d.send(event("eni-a1", 1_000).setTcpFlags(FlowLogRecords.SYN));
        d.send(event("eni-a1", 2_000).setTcpFlags(FlowLogRecords.ACK));
        d.send(event("eni-a1", 3_000).setTcpFlags(FlowLogRecords.ACK | 8));   // PSH-ACK reports nothing
        d.send(event("eni-a1", 4_000).setTcpFlags(FlowLogRecords.FIN | FlowLogRecords.ACK));
        d.send(event("eni-a2", 1_000).setTcpFlags(FlowLogRecords.SYN | FlowLogRecords.ACK));
        d.send(event("eni-a2", 2_000).setTcpFlags(FlowLogRecords.ACK));
        d.send(event("eni-a2", 3_000).setTcpFlags(FlowLogRecords.FIN | FlowLogRecords.ACK));
        d.send(event("eni-b1", 1_000).setTcpFlags(FlowLogRecords.RST));
        d.advanceStreamTime(90_000);

        assertThat(ok(d.recordValues())).extracting(FlowLogRecord::getInterfaceId, FlowLogRecord::getTcpFlags)
                .containsExactlyInAnyOrder(
                        tuple("eni-a1", 3),     // SYN | FIN
                        tuple("eni-a2", 19));   // SYN-ACK | FIN; eni-b1 is not in subnet-a
    }

    @Test
    void noDataForEachCapturedInterfaceWithoutTrafficInAWindow() {
        d.subscribe("fl-1", "subnet-a", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
        d.send(event("eni-a1", 1_000));
        d.send(event("eni-a1", 61_000));
        d.advanceStreamTime(150_000);

        List<FlowLogRecord> noData = d.recordValues().stream()
                .filter(r -> r.getLogStatus() == LogStatus.NODATA).toList();
        assertThat(noData).extracting(FlowLogRecord::getInterfaceId, r -> r.getStart().toEpochMilli() - T0)
                .containsExactly(
                        tuple("eni-a2", 0L),
                        tuple("eni-a2", 60_000L));
        FlowLogRecord first = noData.get(0);
        assertThat(first.getAction()).isNull();
        assertThat(first.getEnd()).isEqualTo(at(60_000));
        assertThat(first.getSubnetId()).isEqualTo("subnet-a");
        assertThat(d.lines()).extracting(kv -> kv.value).contains(
                "2 123456789010 eni-a2 - - - - - - - " + T0 / 1000 + " " + (T0 / 1000 + 60) + " - NODATA");
        assertThat(d.counters.records(LogStatus.NODATA)).isEqualTo(2);
    }

    @Test
    void skipDataForEventsAfterGraceOneRecordPerWindowAndEveryLateEventCounted() {
        d.subscribe("fl-1", "eni-a1", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
        d.send(event("eni-a1", 1_000));
        d.advanceStreamTime(70_000);              // window [0,60) closed at 70 s
        d.send(event("eni-a1", 2_000));
        d.send(event("eni-a1", 3_000).setSrcPort(40001));
        d.advanceStreamTime(150_000);

        List<FlowLogRecord> records = d.recordValues();
        assertThat(records).filteredOn(r -> r.getLogStatus() == LogStatus.SKIPDATA)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getInterfaceId()).isEqualTo("eni-a1");
                    assertThat(r.getStart()).isEqualTo(at(0));
                    assertThat(r.getEnd()).isEqualTo(at(60_000));
                    assertThat(r.getPackets()).isNull();
                });
        assertThat(ok(records)).singleElement().satisfies(r -> assertThat(r.getPackets()).isEqualTo(1));
        assertThat(d.counters.lateEvents()).isEqualTo(2);
        assertThat(d.counters.records(LogStatus.SKIPDATA)).isEqualTo(1);
    }

    @ParameterizedTest(name = "traffic filter {0} keeps {1}")
    @CsvSource({"ACCEPT, ACCEPT", "REJECT, REJECT", "ALL, ACCEPT REJECT"})
    void trafficFilter(TrafficType filter, String expectedActions) {
        d.subscribe("fl-1", "eni-a1", filter, 60, FlowLogDriver.DEFAULT_FORMAT);
        d.send(event("eni-a1", 1_000).setAction(Action.ACCEPT));
        d.send(event("eni-a1", 2_000).setSrcPort(40001).setAction(Action.REJECT)
                .setExplanationCode("ENI_SG_RULES_MISMATCH").setBlockingComponent("sg-1"));
        d.advanceStreamTime(90_000);

        assertThat(ok(d.recordValues())).extracting(r -> r.getAction().name())
                .containsExactly(expectedActions.split(" "));
    }

    @ParameterizedTest(name = "scope {0} captures {1}")
    @CsvSource({"vpc-1, eni-a1 eni-a2 eni-b1", "subnet-a, eni-a1 eni-a2", "eni-b1, eni-b1"})
    void scope(String resourceId, String expectedInterfaces) {
        d.subscribe("fl-1", resourceId, TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
        for (String eni : List.of("eni-a1", "eni-a2", "eni-b1", "eni-c1")) {
            d.send(event(eni, 1_000));
        }
        d.advanceStreamTime(90_000);

        assertThat(d.records()).extracting(kv -> kv.key)
                .containsExactlyInAnyOrder(expectedInterfaces.split(" "));
        // the interfaces outside the scope, and the event that moved stream time
        assertThat(d.counters.eventsUncaptured()).isEqualTo(4 - expectedInterfaces.split(" ").length + 1);
    }

    @Test
    void twoSubscriptionsOnOneInterfaceEachGetTheirOwnRecords() {
        d.subscribe("fl-minute", "eni-a1", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
        d.subscribe("fl-ten", "vpc-1", TrafficType.REJECT, 600, "${version} ${interface-id} ${action} ${log-status}");
        d.send(event("eni-a1", 1_000).setAction(Action.REJECT));
        d.send(event("eni-a1", 61_000).setAction(Action.REJECT));
        d.advanceStreamTime(630_000);

        List<KeyValue<String, String>> lines = d.lines().stream()
                .filter(kv -> kv.key.endsWith("/eni-a1")).toList();
        assertThat(lines).extracting(kv -> kv.key).containsOnly("fl-minute/eni-a1", "fl-ten/eni-a1");
        assertThat(lines).filteredOn(kv -> kv.key.startsWith("fl-ten/"))
                .extracting(kv -> kv.value).containsExactly("2 eni-a1 REJECT OK");
        assertThat(lines).filteredOn(kv -> kv.key.startsWith("fl-minute/") && kv.value.endsWith(" OK")).hasSize(2);
    }

    @Test
    void defaultAndCustomFormatsAreWrittenInTheirOwnFormat() {
        d.subscribe("fl-default", "eni-a1", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
        d.subscribe("fl-v5", "eni-a1", TrafficType.ALL, 60,
                "${version} ${vpc-id} ${tcp-flags} ${az-id} ${flow-direction} ${traffic-path} ${srcaddr}");
        d.send(event("eni-a1", 1_000).setPackets(3).setBytes(180).setTcpFlags(FlowLogRecords.SYN));
        d.send(event("eni-a1", 2_000).setPackets(1).setBytes(40).setTcpFlags(FlowLogRecords.FIN));
        d.advanceStreamTime(90_000);

        long start = T0 / 1000 + 1;
        assertThat(d.lines()).containsExactlyInAnyOrder(
                KeyValue.pair("fl-default/eni-a1", "2 123456789010 eni-a1 198.51.100.7 10.0.0.10 40000 443 6 4 220 "
                        + start + " " + (start + 1) + " ACCEPT OK"),
                KeyValue.pair("fl-v5/eni-a1", "5 vpc-1 3 use1-az1 ingress - 198.51.100.7"));
    }

    @Test
    void subscriptionsAddedOrDeletedAtRunTimeTakeEffectAfterTheIndexRefresh() {
        d.subscribe("fl-1", "eni-a1", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
        d.send(event("eni-a1", 1_000));           // builds the index with fl-1 only
        d.subscribe("fl-2", "subnet-b", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
        d.send(event("eni-b1", 2_000));           // change not yet indexed: within the refresh interval
        d.advanceWallClock(d.config.indexRefreshInterval());
        d.send(event("eni-b1", 3_000).setSrcPort(40001));
        d.unsubscribe("fl-1");
        d.advanceWallClock(d.config.indexRefreshInterval());
        d.send(event("eni-a1", 4_000).setSrcPort(40002));
        d.advanceStreamTime(90_000);

        assertThat(ok(d.recordValues()))
                .extracting(FlowLogRecord::getSubscriptionId, FlowLogRecord::getInterfaceId, FlowLogRecord::getSrcPort)
                .containsExactlyInAnyOrder(
                        tuple("fl-1", "eni-a1", 40000),
                        tuple("fl-2", "eni-b1", 40001));
    }

    @Test
    void rejectRecordsKeepTheExplanationAndTheTextLineStaysAws() {
        d.subscribe("fl-1", "eni-a1", TrafficType.REJECT, 60, FlowLogDriver.DEFAULT_FORMAT);
        d.send(event("eni-a1", 1_000).setAction(Action.REJECT).setExplanationCode("ENI_SG_RULES_MISMATCH")
                .setBlockingComponent("sg-0a1").setRule("sg-0a1 has no ingress rule for tcp 443"));
        d.advanceStreamTime(90_000);

        List<KeyValue<String, FlowLogRecord>> records = d.records();
        assertThat(records).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("eni-a1");
            assertThat(kv.value.getExplanationCode()).isEqualTo("ENI_SG_RULES_MISMATCH");
            assertThat(kv.value.getBlockingComponent()).isEqualTo("sg-0a1");
            assertThat(kv.value.getRule()).isEqualTo("sg-0a1 has no ingress rule for tcp 443");
        });
        assertThat(d.lines()).extracting(kv -> kv.value).containsExactly("2 123456789010 eni-a1 198.51.100.7 "
                + "10.0.0.10 40000 443 6 1 60 " + (T0 / 1000 + 1) + " " + (T0 / 1000 + 1) + " REJECT OK");
    }

    @Test
    void rejectReasonIsBpaOnlyForPacketsBlockPublicAccessRejected() {
        d.subscribe("fl-v8", "eni-a1", TrafficType.ALL, 60,
                "${version} ${interface-id} ${srcport} ${action} ${flow-direction} ${reject-reason}");
        d.send(event("eni-a1", 1_000).setSrcPort(40001).setAction(Action.REJECT).setExplanationCode("BPA_BLOCKED")
                .setBlockingComponent("igw-0a1").setRule("InternetGatewayBlockMode block-bidirectional blocks inbound"
                        + " traffic from igw-0a1; exclusion: none"));
        d.send(event("eni-a1", 1_500).setSrcPort(40002).setAction(Action.REJECT)
                .setExplanationCode("ENI_SG_RULES_MISMATCH").setBlockingComponent("sg-0a1"));
        d.send(event("eni-a1", 2_000).setSrcPort(40003));
        d.advanceStreamTime(90_000);

        assertThat(d.lines()).extracting(kv -> kv.value).containsExactlyInAnyOrder(
                "8 eni-a1 40001 REJECT ingress BPA",
                "8 eni-a1 40002 REJECT ingress -",
                "8 eni-a1 40003 ACCEPT ingress -");
        assertThat(ok(d.recordValues())).extracting(FlowLogRecord::getSrcPort, FlowLogRecord::getRejectReason)
                .containsExactlyInAnyOrder(tuple(40001, "BPA"), tuple(40002, null), tuple(40003, null));
    }

    @Test
    void wallClockFlushesAQuietPartitionWhenEnabled() {
        d.close();
        d = new FlowLogDriver(FlowLogDriver.testConfig().withAdvanceOnWallClock(true));
        d.subscribe("fl-1", "eni-a1", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
        d.send(event("eni-a1", 1_000));
        d.advanceWallClock(Duration.ofSeconds(60 + 10 + 20 - 1).plus(d.config.wallClockLag()));
        assertThat(d.records()).isEmpty();

        d.advanceWallClock(Duration.ofSeconds(1));
        assertThat(ok(d.recordValues())).hasSize(1);
        d.send(event("eni-a1", 2_000));           // its window was flushed: late, not reopened
        assertThat(d.counters.lateEvents()).isEqualTo(1);
    }
}
