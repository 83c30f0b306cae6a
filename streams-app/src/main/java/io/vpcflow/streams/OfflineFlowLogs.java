package io.vpcflow.streams;

import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.NetworkInterfaceMetadata;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production {@link FlowLogTopology}, run offline in one JVM without a broker (Kafka's TopologyTestDriver), for
 * {@code vpcflow simulate}: the same code turns the same events into the same records, only the topics are in
 * memory. Time is the events' time: the driver's wall clock starts at {@code start} and {@link #finish} moves it past
 * the last window's close and delivery delay.
 */
public final class OfflineFlowLogs implements AutoCloseable {
    private final FlowLogConfig config;
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, PacketEvent> events;
    private final TestInputTopic<String, FlowLogSubscription> subscriptions;
    private final TestInputTopic<String, NetworkInterfaceMetadata> interfaces;
    private final TestOutputTopic<String, FlowLogRecord> records;
    private final TestOutputTopic<String, String> lines;
    private long lastEventMs;
    private long wallClockMs;
    private boolean indexed;
    private long longestIntervalMs = 60_000;

    public OfflineFlowLogs(FlowLogConfig config, Instant start) {
        this.config = config.withPartitions(1);
        VpcflowTopics topics = VpcflowTopics.create(VpcflowTopics.DEFAULT_PREFIX,
                new AvroSerdes(SerdeConfig.withoutRegistry()));
        try {
            stateDir = Files.createTempDirectory("vpcflow-simulate");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary state directory", e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vpcflow-simulate");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(FlowLogTopology.build(this.config, topics), props, start);
        events = input(topics.packetEvents());
        subscriptions = input(topics.subscriptions());
        interfaces = input(topics.interfaces());
        records = driver.createOutputTopic(topics.flowLogs().name(), topics.flowLogs().keySerde().deserializer(),
                topics.flowLogs().valueSerde().deserializer());
        lines = driver.createOutputTopic(topics.flowLogLines().name(),
                topics.flowLogLines().keySerde().deserializer(), topics.flowLogLines().valueSerde().deserializer());
        lastEventMs = start.toEpochMilli();
        wallClockMs = start.toEpochMilli();
    }

    private void advanceWallClock(Duration step) {
        driver.advanceWallClockTime(step);
        wallClockMs += step.toMillis();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public void subscribe(FlowLogSubscription subscription) {
        subscriptions.pipeInput(subscription.getFlowLogId(), subscription);
        longestIntervalMs = Math.max(longestIntervalMs, subscription.getMaxAggregationIntervalSeconds() * 1000L);
    }

    public void capture(NetworkInterfaceMetadata metadata) {
        interfaces.pipeInput(metadata.getInterfaceId(), metadata);
    }

    /**
     * Events must come in time order, as a partition delivers them. Before the first, the clock moves on by the
     * subscription index's refresh interval, as the running app's would, so the subscriptions sent so far apply.
     */
    public void send(PacketEvent event) {
        if (!indexed) {
            advanceWallClock(config.indexRefreshInterval().plusMillis(1));
            indexed = true;
        }
        events.pipeInput(event.getInterfaceId(), event, event.getEventTime());
        lastEventMs = Math.max(lastEventMs, event.getEventTime().toEpochMilli());
    }

    /**
     * Moves the clock to just after the last event's window (of the longest interval subscribed) has closed and been
     * delivered, so every record is out, without reaching the close of the window after it (no trailing NODATA).
     */
    public void finish() {
        long windowEnd = (lastEventMs / longestIntervalMs + 1) * longestIntervalMs;
        long flushAt = windowEnd + config.grace().toMillis() + config.deliveryDelay().toMillis()
                + config.wallClockLag().toMillis() + config.wallClockInterval().toMillis() + 1;
        while (wallClockMs < flushAt) {
            advanceWallClock(config.wallClockInterval());
        }
    }

    /** The flow-log records published so far, keyed by interface id. */
    public List<KeyValue<String, FlowLogRecord>> records() {
        return records.readKeyValuesToList();
    }

    /** The text lines published so far, keyed by {@code <flow log id>/<interface id>}. */
    public List<KeyValue<String, String>> lines() {
        return lines.readKeyValuesToList();
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + stateDir, e);
        }
    }
}
