package io.vpcflow.streams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.FlowLogScope;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.avro.TrafficType;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FlowStore} holds open flows in memory: every commit must find them in the store's changelog (a restart
 * from the changelog is {@code FlowStoreRestartIT}), and values of the store's earlier format must still read.
 */
class FlowStoreTest {
    private static final String APP = "flow-store-test";
    private static final String CHANGELOG = APP + "-" + FlowLogTopology.WINDOWS_STORE + "-changelog";

    private final VpcflowTopics topics =
            VpcflowTopics.create(VpcflowTopics.DEFAULT_PREFIX, new AvroSerdes(SerdeConfig.withoutRegistry()));
    private Path stateDir;
    private TopologyTestDriver driver;

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
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        driver = new TopologyTestDriver(FlowLogTopology.build(FlowLogDriver.testConfig(), topics), props,
                Instant.ofEpochMilli(T0));
        input(topics.interfaces()).pipeInput("eni-a1", FlowLogDriver.metadata("eni-a1"));
        input(topics.subscriptions()).pipeInput("fl-1", subscription());
    }

    private static FlowLogSubscription subscription() {
        return FlowLogSubscription.newBuilder().setFlowLogId("fl-1").setScopeType(FlowLogScope.INTERFACE)
                .setResourceId("eni-a1").setTrafficType(TrafficType.ALL).setMaxAggregationIntervalSeconds(60)
                .setLogFormat("").setDestination("topic:flow-log-lines").setAccountId(FlowLogDriver.ACCOUNT)
                .setRegion("us-east-1").build();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private void send(PacketEvent.Builder event) {
        PacketEvent e = event.build();
        input(topics.packetEvents()).pipeInput(e.getInterfaceId(), e, e.getEventTime());
    }

    /** The records the changelog holds for the windows store, each key's last value, as they would be published. */
    private List<FlowLogRecord> changelogRecords(TestOutputTopic<byte[], byte[]> changelog) {
        return changelog.readKeyValuesToMap().values().stream().filter(v -> v != null)
                .map(v -> FlowAggregate.toRecord(v, topics.flowLogs().valueSerde().deserializer(), CHANGELOG))
                .toList();
    }

    @Test
    void everyCommitFindsTheFlowsInTheChangelog() {
        start();
        TestOutputTopic<byte[], byte[]> changelog = driver.createOutputTopic(CHANGELOG, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        send(event("eni-a1", 1_000).setPackets(2).setBytes(100).setTcpFlags(FlowLogRecords.SYN));
        List<FlowLogRecord> afterFirst = changelogRecords(changelog);
        assertThat(afterFirst).hasSize(1);
        assertThat(afterFirst.get(0).getPackets()).isEqualTo(2);
        assertThat(afterFirst.get(0).getTcpFlags()).isEqualTo(FlowLogRecords.SYN);

        send(event("eni-a1", 7_000).setPackets(3).setBytes(150).setTcpFlags(FlowLogRecords.FIN));
        List<FlowLogRecord> afterSecond = changelogRecords(changelog);
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
    void aRecordOfTheEarlierFormatReadsAsAFlow() {
        FlowLogRecord old = FlowLogRecords.first(event("eni-a1", 1_000).setPackets(3).setBytes(90).build(),
                Subscription.compile(subscription()));
        byte[] value = topics.flowLogs().valueSerde().serializer().serialize(CHANGELOG, old);
        FlowAggregate flow = FlowAggregate.decode(T0 + 60_000, WindowKey.FIRST, value,
                topics.flowLogs().valueSerde().deserializer(), CHANGELOG);
        flow.add(event("eni-a1", 2_000).setPackets(1).setBytes(10).build());
        FlowLogRecord r = FlowAggregate.toRecord(flow.encode(topics.flowLogs().valueSerde().serializer(), CHANGELOG),
                topics.flowLogs().valueSerde().deserializer(), CHANGELOG);
        assertThat(r.getPackets()).isEqualTo(4);
        assertThat(r.getBytes()).isEqualTo(100);
        assertThat(r.getEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 2_000));
        assertThat(KeyValue.pair(r.getInterfaceId(), r.getDstPort())).isEqualTo(KeyValue.pair("eni-a1", 443));
    }

    @Test
    void theChangelogHoldsFlowsInTheThirdFormat() {
        start();
        TestOutputTopic<byte[], byte[]> changelog = driver.createOutputTopic(CHANGELOG, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        send(event("eni-a1", 1_000));
        List<byte[]> values = changelog.readValuesToList();
        assertThat(values).hasSize(1);
        assertThat(values.get(0)[0]).isEqualTo(FlowValueFormat.MAGIC);
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
        FlowAggregate flow = FlowAggregate.first(T0 + 60_000, WindowKey.FIRST, first, s);
        byte[] value = flow.encode();
        assertThat(value[0]).isEqualTo(FlowValueFormat.MAGIC);

        FlowLogRecord expected = FlowLogRecords.first(first, s);
        assertThat(FlowAggregate.toRecord(value, null, CHANGELOG)).isEqualTo(expected);

        FlowAggregate readBack = FlowAggregate.decode(T0 + 60_000, WindowKey.FIRST, value, null, CHANGELOG);
        FlowLogRecord r = FlowAggregate.toRecord(readBack.add(later).encode(), null, CHANGELOG);
        expected.setPackets(3L);
        expected.setBytes(160L);
        expected.setEnd(Instant.ofEpochMilli(T0 + 4_000));
        expected.setTcpFlags(FlowLogRecords.SYN | FlowLogRecords.FIN);
        assertThat(r).isEqualTo(expected);
    }

    @Test
    void aFlowOfTheSecondFormatReadsAsAFlowAndAsARecord() {
        Subscription s = Subscription.compile(subscription());
        FlowLogRecord old = FlowLogRecords.first(event("eni-a1", 1_000).setPackets(3).setBytes(90).build(), s);
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
        byte[] rewritten = flow.add(event("eni-a1", 2_000).setPackets(1).setBytes(10).build()).encode();
        assertThat(rewritten[0]).isEqualTo(FlowValueFormat.MAGIC);
        FlowLogRecord r = FlowAggregate.toRecord(rewritten, null, CHANGELOG);
        old.setPackets(6L);
        old.setBytes(160L);
        old.setEnd(Instant.ofEpochMilli(T0 + 3_000));
        old.setTcpFlags(FlowLogRecords.SYN);
        assertThat(r).isEqualTo(old);
    }
}
