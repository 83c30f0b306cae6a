package io.vpcflow.streams.findings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.model.Network;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A {@link TopologyTestDriver} around the findings sub-topology alone, with the production topic names: tests write
 * flow-log records and read findings. Time 0 is {@link #T0}, aligned to the 60 s bucket.
 */
final class FindingsDriver implements AutoCloseable {
    static final long T0 = 1_700_000_400_000L;
    static final String ACCOUNT = "123456789010";
    static final String SUBSCRIPTION = "fl-test";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final VpcflowTopics topics;
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, FlowLogRecord> records;
    private final TestOutputTopic<String, Finding> findings;
    private final List<Finding> written = new ArrayList<>();

    FindingsDriver(FindingsConfig config) {
        this(config, null);
    }

    FindingsDriver(FindingsConfig config, Network network) {
        topics = VpcflowTopics.create(VpcflowTopics.DEFAULT_PREFIX, new AvroSerdes(SerdeConfig.withoutRegistry()));
        try {
            stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "state")), "findings");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "findings-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        driver = new TopologyTestDriver(FindingsTopology.build(config, topics, registry, network), props,
                Instant.ofEpochMilli(T0));
        records = driver.createInputTopic(topics.flowLogs().name(), topics.flowLogs().keySerde().serializer(),
                topics.flowLogs().valueSerde().serializer());
        findings = driver.createOutputTopic(topics.findings().name(), topics.findings().keySerde().deserializer(),
                topics.findings().valueSerde().deserializer());
    }

    /** An accepted TCP record at {@code eni}, INGRESS from 198.51.100.7:40000 to 10.0.0.10:443, at T0 + offset. */
    static FlowLogRecord.Builder record(String eni, long offsetMs) {
        return FlowLogRecord.newBuilder().setVersion(5).setAccountId(ACCOUNT).setInterfaceId(eni)
                .setSrcAddr("198.51.100.7").setDstAddr("10.0.0.10").setSrcPort(40000).setDstPort(443).setProtocol(6)
                .setPackets(3L).setBytes(180L).setStart(Instant.ofEpochMilli(T0 + offsetMs))
                .setEnd(Instant.ofEpochMilli(T0 + offsetMs + 500)).setAction(Action.ACCEPT).setLogStatus(LogStatus.OK)
                .setVpcId("vpc-1").setSubnetId("subnet-a").setTcpFlags(3).setFlowDirection(FlowDirection.INGRESS)
                .setSubscriptionId(SUBSCRIPTION);
    }

    /** An egress record from the interface's 10.0.0.10:50000 to {@code dst}:{@code port}, the client's SYN. */
    static FlowLogRecord.Builder egress(String eni, String dst, int port, long offsetMs) {
        return record(eni, offsetMs).setSrcAddr("10.0.0.10").setSrcPort(50000).setDstAddr(dst).setDstPort(port)
                .setFlowDirection(FlowDirection.EGRESS).setTcpFlags(3);
    }

    void send(FlowLogRecord.Builder r) {
        FlowLogRecord v = r.build();
        records.pipeInput(v.getInterfaceId(), v, v.getEnd());
    }

    /** Moves stream time to T0 + offset with a NODATA record, which no detector looks at. */
    void advanceTo(long offsetMs) {
        send(record("eni-time", offsetMs).setAction(null).setLogStatus(LogStatus.NODATA));
    }

    /** Every finding version written so far, in order. */
    List<Finding> written() {
        written.addAll(findings.readValuesToList());
        return List.copyOf(written);
    }

    /** The current state of each finding id. */
    Map<String, Finding> current() {
        Map<String, Finding> out = new LinkedHashMap<>();
        written().forEach(f -> out.put(f.getId(), f));
        return out;
    }

    List<Finding> ofType(String type) {
        return current().values().stream().filter(f -> f.getType().equals(type)).toList();
    }

    double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
