package io.vpcflow.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.FlowLogScope;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.NetworkInterfaceMetadata;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.avro.TrafficType;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A {@link TopologyTestDriver} around {@link FlowLogTopology} with the production topic names, a small network
 * (vpc-1: subnet-a with eni-a1 and eni-a2, subnet-b with eni-b1; vpc-2: subnet-c with eni-c1) and builders for
 * subscriptions and packet events. Time 0 of a test is {@link #T0}, aligned to 600 s.
 */
final class FlowLogDriver implements AutoCloseable {
    static final long T0 = 1_700_000_400_000L;
    static final String ACCOUNT = "123456789010";
    static final String DEFAULT_FORMAT = "";

    final FlowLogConfig config;
    final VpcflowTopics topics;
    final FlowLogCounters counters;
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, PacketEvent> events;
    private final TestInputTopic<String, FlowLogSubscription> subscriptions;
    private final TestInputTopic<String, NetworkInterfaceMetadata> interfaces;
    private final TestOutputTopic<String, FlowLogRecord> records;
    private final TestOutputTopic<String, String> lines;

    FlowLogDriver(FlowLogConfig config) {
        this(config, new FlowLogCounters());
    }

    FlowLogDriver(FlowLogConfig config, FlowLogCounters counters) {
        this(config, counters, new Properties());
    }

    /** With {@code extra} Kafka Streams properties on top of the driver's own (an exception handler, say). */
    FlowLogDriver(FlowLogConfig config, Properties extra) {
        this(config, new FlowLogCounters(), extra);
    }

    FlowLogDriver(FlowLogConfig config, FlowLogCounters counters, Properties extra) {
        this.config = config;
        this.counters = counters;
        this.topics = VpcflowTopics.create(VpcflowTopics.DEFAULT_PREFIX, new AvroSerdes(SerdeConfig.withoutRegistry()));
        try {
            Path parent = Files.createDirectories(Path.of("target", "state"));
            stateDir = Files.createTempDirectory(parent, "flow-log-driver");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "flow-log-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.putAll(extra);
        driver = new TopologyTestDriver(FlowLogTopology.build(config, topics, counters), props,
                Instant.ofEpochMilli(T0));
        events = input(topics.packetEvents());
        subscriptions = input(topics.subscriptions());
        interfaces = input(topics.interfaces());
        records = driver.createOutputTopic(topics.flowLogs().name(), topics.flowLogs().keySerde().deserializer(),
                topics.flowLogs().valueSerde().deserializer());
        lines = driver.createOutputTopic(topics.flowLogLines().name(),
                topics.flowLogLines().keySerde().deserializer(), topics.flowLogLines().valueSerde().deserializer());
        for (String eni : List.of("eni-a1", "eni-a2", "eni-b1", "eni-c1")) {
            interfaces.pipeInput(eni, metadata(eni));
        }
    }

    /** Grace 10 s, delivery delay 20 s, stream time only, one partition. */
    static FlowLogConfig testConfig() {
        return FlowLogConfig.defaults().withGrace(Duration.ofSeconds(10)).withDeliveryDelay(Duration.ofSeconds(20))
                .withAdvanceOnWallClock(false).withPartitions(1);
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    static String subnetOf(String eni) {
        return "subnet-" + eni.charAt(4);
    }

    static String vpcOf(String eni) {
        return eni.startsWith("eni-c") ? "vpc-2" : "vpc-1";
    }

    static NetworkInterfaceMetadata metadata(String eni) {
        return NetworkInterfaceMetadata.newBuilder().setInterfaceId(eni).setAccountId(ACCOUNT).setVpcId(vpcOf(eni))
                .setSubnetId(subnetOf(eni)).setInstanceId("i-" + eni.substring(4)).setAzId("use1-az1")
                .setRegion("us-east-1").setPrimaryPrivateIp("10.0.0." + (eni.charAt(4) - 'a' + 10))
                .setInterfaceType("interface").build();
    }

    void subscribe(String id, String resourceId, TrafficType traffic, int intervalSeconds, String format) {
        FlowLogScope scope = resourceId.startsWith("vpc-") ? FlowLogScope.VPC
                : resourceId.startsWith("subnet-") ? FlowLogScope.SUBNET : FlowLogScope.INTERFACE;
        subscriptions.pipeInput(id, FlowLogSubscription.newBuilder().setFlowLogId(id).setScopeType(scope)
                .setResourceId(resourceId).setTrafficType(traffic).setMaxAggregationIntervalSeconds(intervalSeconds)
                .setLogFormat(format).setDestination("topic:flow-log-lines").setAccountId(ACCOUNT)
                .setRegion("us-east-1").build());
    }

    void publish(FlowLogSubscription subscription) {
        subscriptions.pipeInput(subscription.getFlowLogId(), subscription);
    }

    void publish(NetworkInterfaceMetadata metadata) {
        interfaces.pipeInput(metadata.getInterfaceId(), metadata);
    }

    void unsubscribe(String id) {
        subscriptions.pipeInput(id, (FlowLogSubscription) null);
    }

    /** A TCP event from 198.51.100.7:40000 to the interface's port 443 at T0 + {@code offsetMs}. */
    static PacketEvent.Builder event(String eni, long offsetMs) {
        return PacketEvent.newBuilder().setEventTime(Instant.ofEpochMilli(T0 + offsetMs)).setInterfaceId(eni)
                .setAccountId(ACCOUNT).setVpcId(vpcOf(eni)).setSubnetId(subnetOf(eni))
                .setInstanceId("i-" + eni.substring(4)).setAzId("use1-az1").setRegion("us-east-1")
                .setSrcAddr("198.51.100.7").setDstAddr("10.0.0.10").setSrcPort(40000).setDstPort(443)
                .setProtocol(6).setPackets(1).setBytes(60).setTcpFlags(0).setFlowDirection(FlowDirection.INGRESS)
                .setAction(Action.ACCEPT).setScenario("test");
    }

    void send(PacketEvent.Builder event) {
        PacketEvent e = event.build();
        events.pipeInput(e.getInterfaceId(), e, e.getEventTime());
    }

    /** Moves stream time to T0 + {@code offsetMs} with an event of an interface no subscription captures. */
    void advanceStreamTime(long offsetMs) {
        send(event("eni-x9", offsetMs).setVpcId("vpc-9").setSubnetId("subnet-9"));
    }

    /** Raw bytes onto packet-events, as a broken producer would write them. */
    void sendRaw(String key, byte[] value) {
        driver.createInputTopic(topics.packetEvents().name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, value);
    }

    TestOutputTopic<byte[], byte[]> deadLetters() {
        return driver.createOutputTopic(topics.deadLetters().name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    void advanceWallClock(Duration d) {
        driver.advanceWallClockTime(d);
    }

    List<KeyValue<String, FlowLogRecord>> records() {
        return records.readKeyValuesToList();
    }

    List<FlowLogRecord> recordValues() {
        return records.readValuesToList();
    }

    List<KeyValue<String, String>> lines() {
        return lines.readKeyValuesToList();
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
