package io.vpcflow.streams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.Properties;
import java.util.stream.Stream;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.vpcflow.streams.FlowLogDriver.T0;
import static io.vpcflow.streams.FlowLogDriver.event;
import static io.vpcflow.streams.FlowStoreFixture.subscription;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FlowStore} holds open flows in memory and writes them in batches: every commit must find them in the store's
 * changelog (a restart from the changelog is {@code FlowStoreRestartIT}; the test driver wipes its state when
 * closed), beyond the retained flows the store falls back to an entry per flow, and values of the earlier formats must
 * still read.
 */
class FlowStoreTest {
    private static final String APP = "flow-store-test";
    private static final String CHANGELOG = APP + "-" + FlowLogTopology.WINDOWS_STORE + "-changelog";

    private final VpcflowTopics topics =
            VpcflowTopics.create(VpcflowTopics.DEFAULT_PREFIX, new AvroSerdes(SerdeConfig.withoutRegistry()));
    private final NavigableMap<Bytes, byte[]> restored = new TreeMap<>();
    private Path stateDir;
    private TopologyTestDriver driver;
    private TestOutputTopic<byte[], byte[]> changelog;

    @BeforeEach
    void createStateDir() throws IOException {
        stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "state")), "flow-store");
    }

    @AfterEach
    void stop() throws IOException {
        if (driver != null) {
            driver.close();
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void start() {
        start(FlowLogDriver.testConfig().maxFlowsInMemory());
    }

    private void start(int retainedFlows) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        driver = new TopologyTestDriver(FlowLogTopology.build(FlowLogDriver.testConfig()
                .withMaxFlowsInMemory(retainedFlows), topics), props, Instant.ofEpochMilli(T0));
        input(topics.interfaces()).pipeInput("eni-a1", FlowLogDriver.metadata("eni-a1"));
        input(topics.subscriptions()).pipeInput("fl-1", subscription());
        changelog = driver.createOutputTopic(CHANGELOG, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private void send(PacketEvent.Builder event) {
        PacketEvent e = event.build();
        input(topics.packetEvents()).pipeInput(e.getInterfaceId(), e, e.getEventTime());
    }

    /**
     * The open flows the changelog holds, as a restore from it would find them: each key's last value (the store's
     * content), then each flow's latest state, from its own entry or the batch with the highest sequence number.
     */
    private List<FlowLogRecord> changelogRecords() {
        for (KeyValue<byte[], byte[]> r : changelog.readKeyValuesToList()) {
            if (r.value == null) {
                restored.remove(Bytes.wrap(r.key));
            } else {
                restored.put(Bytes.wrap(r.key), r.value);
            }
        }
        Map<Bytes, FlowLogRecord> flows = new TreeMap<>();
        restored.forEach((key, value) -> {
            if (key.get().length == FlowStore.BATCH_KEY_LENGTH) {
                FlowValueFormat.readBatch(value, (flow, counters, fields) ->
                        flows.put(flow, FlowValueFormat.toRecord(counters, fields)));
            } else if (value[0] == FlowValueFormat.MAGIC) {
                flows.put(key, FlowAggregate.toRecord(value, topics.flowLogs().valueSerde().deserializer(),
                        CHANGELOG));
            }
        });
        return List.copyOf(flows.values());
    }

    private List<FlowLogRecord> publishedFlows() {
        return driver.createOutputTopic(topics.flowLogs().name(), topics.flowLogs().keySerde().deserializer(),
                topics.flowLogs().valueSerde().deserializer()).readValuesToList().stream()
                .filter(r -> r.getLogStatus() == LogStatus.OK).toList();
    }

    /** How many batch entries the changelog holds now. */
    private long batchEntries() {
        changelogRecords();
        return restored.keySet().stream().filter(key -> key.get().length == FlowStore.BATCH_KEY_LENGTH).count();
    }

    /** Moves stream time to T0 + {@code offsetMs} with an event of an interface no subscription captures. */
    private void advanceStreamTime(long offsetMs) {
        send(event("eni-x9", offsetMs).setVpcId("vpc-9").setSubnetId("subnet-9"));
    }

    @Test
    void everyCommitFindsTheFlowsInTheChangelog() {
        start();
        send(event("eni-a1", 1_000).setPackets(2).setBytes(100).setTcpFlags(FlowLogRecords.SYN));
        List<FlowLogRecord> afterFirst = changelogRecords();
        assertThat(afterFirst).hasSize(1);
        assertThat(afterFirst.get(0).getPackets()).isEqualTo(2);
        assertThat(afterFirst.get(0).getTcpFlags()).isEqualTo(FlowLogRecords.SYN);

        send(event("eni-a1", 7_000).setPackets(3).setBytes(150).setTcpFlags(FlowLogRecords.FIN));
        List<FlowLogRecord> afterSecond = changelogRecords();
        assertThat(afterSecond).hasSize(1);
        FlowLogRecord r = afterSecond.get(0);
        assertThat(r.getPackets()).isEqualTo(5);
        assertThat(r.getBytes()).isEqualTo(250);
        assertThat(r.getStart()).isEqualTo(Instant.ofEpochMilli(T0 + 1_000));
        assertThat(r.getEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 7_000));
        assertThat(r.getTcpFlags()).isEqualTo(FlowLogRecords.SYN | FlowLogRecords.FIN);
        assertThat(r.getSrcAddr()).isEqualTo("198.51.100.7");
        assertThat(r.getSubscriptionId()).isEqualTo("fl-1");
    }

    @Test
    void publishingAWindowDeletesItsBatchesNotEachFlow() {
        start();
        send(event("eni-a1", 1_000).setSrcPort(40002));
        send(event("eni-a1", 2_000).setSrcPort(40001));
        send(event("eni-a1", 3_000).setSrcPort(40002));
        assertThat(changelogRecords()).hasSize(2);
        assertThat(restored).hasSize(3);
        assertThat(batchEntries()).isEqualTo(3);

        advanceStreamTime(90_000);
        List<FlowLogRecord> records = publishedFlows();
        assertThat(records).extracting(FlowLogRecord::getSrcPort).containsExactly(40001, 40002);
        assertThat(records).extracting(FlowLogRecord::getPackets).containsExactly(1L, 2L);
        assertThat(changelogRecords()).isEmpty();
        assertThat(batchEntries()).isZero();
    }

    @Test
    void aWindowIsWrittenAgainOnceItsBatchesHoldTooManyStates() {
        start();
        for (int i = 0; i < FlowStore.REWRITE_MIN; i++) {
            send(event("eni-a1", 1_000 + i));
        }
        assertThat(batchEntries()).isEqualTo(FlowStore.REWRITE_MIN);
        send(event("eni-a1", 50_000).setSrcPort(40001));
        // 1,001 states of two flows: the window's two flows in one new batch, the old batches deleted
        assertThat(batchEntries()).isEqualTo(1);
        assertThat(changelogRecords()).extracting(FlowLogRecord::getPackets)
                .containsExactly((long) FlowStore.REWRITE_MIN, 1L);
        send(event("eni-a1", 51_000));
        assertThat(batchEntries()).isEqualTo(2);
        assertThat(changelogRecords()).extracting(FlowLogRecord::getPackets)
                .containsExactly(FlowStore.REWRITE_MIN + 1L, 1L);
    }

    @Test
    void beyondTheRetainedFlowsTheWindowIsWrittenOneFlowAtATime() {
        start(2);
        send(event("eni-a1", 1_000).setSrcPort(40001));
        send(event("eni-a1", 2_000).setSrcPort(40002));
        assertThat(batchEntries()).isEqualTo(2);
        send(event("eni-a1", 2_500).setSrcPort(40003));
        // three flows held after the flush: each written as an entry of its own, the window's batches deleted
        assertThat(changelogRecords()).extracting(FlowLogRecord::getSrcPort).containsExactly(40001, 40002, 40003);
        assertThat(batchEntries()).isZero();

        send(event("eni-a1", 3_000).setSrcPort(40001).setPackets(5));
        assertThat(changelogRecords()).extracting(FlowLogRecord::getPackets).containsExactly(6L, 1L, 1L);
        assertThat(batchEntries()).isZero();
        send(event("eni-a1", 61_000).setSrcPort(40009));
        assertThat(batchEntries()).isEqualTo(1);

        advanceStreamTime(90_000);
        List<FlowLogRecord> records = publishedFlows();
        assertThat(records).extracting(FlowLogRecord::getSrcPort).containsExactly(40001, 40002, 40003);
        assertThat(records).extracting(FlowLogRecord::getPackets).containsExactly(6L, 1L, 1L);
        advanceStreamTime(150_000);
        assertThat(publishedFlows()).extracting(FlowLogRecord::getSrcPort).containsExactly(40009);
        assertThat(changelogRecords()).isEmpty();
    }

    @Test
    void aRecordOfTheEarlierFormatReadsAsAFlow() {
        FlowLogRecord old = FlowStoreFixture.firstRecord(event("eni-a1", 1_000).setPackets(3).setBytes(90).build(),
                Subscription.compile(subscription()));
        byte[] value = topics.flowLogs().valueSerde().serializer().serialize(CHANGELOG, old);
        FlowAggregate flow = FlowAggregate.decode(T0 + 60_000, WindowKey.FIRST, value,
                topics.flowLogs().valueSerde().deserializer(), CHANGELOG);
        flow.add(PacketEventBytes.of(event("eni-a1", 2_000).setPackets(1).setBytes(10).build()));
        FlowLogRecord r = FlowAggregate.toRecord(flow.encode(),
                topics.flowLogs().valueSerde().deserializer(), CHANGELOG);
        assertThat(r.getPackets()).isEqualTo(4);
        assertThat(r.getBytes()).isEqualTo(100);
        assertThat(r.getEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 2_000));
        assertThat(KeyValue.pair(r.getInterfaceId(), r.getDstPort())).isEqualTo(KeyValue.pair("eni-a1", 443));
    }

    @Test
    void theChangelogHoldsOneBatchOfThirdFormatFlowsPerCommit() {
        start();
        send(event("eni-a1", 1_000));
        List<KeyValue<byte[], byte[]>> entries = changelog.readKeyValuesToList();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).key).hasSize(FlowStore.BATCH_KEY_LENGTH);
        assertThat(entries.get(0).value[0]).isEqualTo(FlowValueFormat.BATCH);
        List<FlowLogRecord> flows = new ArrayList<>();
        FlowValueFormat.readBatch(entries.get(0).value, (key, counters, fields) -> {
            assertThat(FlowValueFormat.encode(counters, fields)[0]).isEqualTo(FlowValueFormat.MAGIC);
            flows.add(FlowValueFormat.toRecord(counters, fields));
        });
        assertThat(flows).extracting(FlowLogRecord::getSrcPort).containsExactly(40000);
    }

    @Test
    void aFlowOfTheThirdFormatReadsBackAsTheRecordItStandsFor() {
        Subscription s = Subscription.compile(subscription());
        PacketEvent first = event("eni-a1", 1_000).setPackets(2).setBytes(120).setTcpFlags(FlowLogRecords.SYN)
                .setAction(Action.REJECT).setExplanationCode("SG_NO_INGRESS_RULE")
                .setBlockingComponent("sg-0a1").setRule("no inbound rule allows tcp/443 from 198.51.100.7")
                .setPktSrcAddr("203.0.113.9").setPktSrcAwsService("S3").setTrafficPath(2)
                .setFlowDirection(FlowDirection.INGRESS).setSublocationType("outpost").setSublocationId("op-1")
                .build();
        PacketEvent later = event("eni-a1", 4_000).setPackets(1).setBytes(40).setTcpFlags(FlowLogRecords.FIN)
                .setAction(Action.REJECT).build();
        FlowAggregate flow = FlowAggregate.first(T0 + 60_000, WindowKey.FIRST, PacketEventBytes.of(first), s);
        byte[] value = flow.encode();
        assertThat(value[0]).isEqualTo(FlowValueFormat.MAGIC);

        FlowLogRecord expected = FlowStoreFixture.firstRecord(first, s);
        assertThat(FlowAggregate.toRecord(value, null, CHANGELOG)).isEqualTo(expected);

        FlowAggregate readBack = FlowAggregate.decode(T0 + 60_000, WindowKey.FIRST, value, null, CHANGELOG);
        FlowLogRecord r = FlowAggregate.toRecord(readBack.add(PacketEventBytes.of(later)).encode(), null, CHANGELOG);
        expected.setPackets(3L);
        expected.setBytes(160L);
        expected.setEnd(Instant.ofEpochMilli(T0 + 4_000));
        expected.setTcpFlags(FlowLogRecords.SYN | FlowLogRecords.FIN);
        assertThat(r).isEqualTo(expected);
    }

    @Test
    void aFlowOfTheSecondFormatReadsAsAFlowAndAsARecord() {
        Subscription s = Subscription.compile(subscription());
        FlowLogRecord old = FlowStoreFixture.firstRecord(event("eni-a1", 1_000).setPackets(3).setBytes(90).build(), s);
        byte[] record = topics.flowLogs().valueSerde().serializer().serialize(CHANGELOG, old);
        byte[] value = ByteBuffer.allocate(1 + 4 * Long.BYTES + Integer.BYTES + record.length)
                .put(FlowAggregate.MAGIC).putLong(5).putLong(150).putLong(T0 + 1_000).putLong(T0 + 3_000)
                .putInt(FlowLogRecords.SYN).put(record).array();

        FlowLogRecord asRecord = FlowAggregate.toRecord(value, topics.flowLogs().valueSerde().deserializer(),
                CHANGELOG);
        assertThat(asRecord.getPackets()).isEqualTo(5);
        assertThat(asRecord.getEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 3_000));

        FlowAggregate flow = FlowAggregate.decode(T0 + 60_000, WindowKey.FIRST, value,
                topics.flowLogs().valueSerde().deserializer(), CHANGELOG);
        byte[] rewritten = flow.add(PacketEventBytes.of(event("eni-a1", 2_000).setPackets(1).setBytes(10).build()))
                .encode();
        assertThat(rewritten[0]).isEqualTo(FlowValueFormat.MAGIC);
        FlowLogRecord r = FlowAggregate.toRecord(rewritten, null, CHANGELOG);
        old.setPackets(6L);
        old.setBytes(160L);
        old.setEnd(Instant.ofEpochMilli(T0 + 3_000));
        old.setTcpFlags(FlowLogRecords.SYN);
        assertThat(r).isEqualTo(old);
    }
}
