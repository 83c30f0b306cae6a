package io.vpcflow.streams;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.avro.TrafficType;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.errors.DeadLetterHandler;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.vpcflow.streams.FlowLogDriver.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Corrupt packet events through {@link FlowLogTopology} with {@link DeadLetterHandler}: each goes to the
 * dead-letter topic with its reason, source position and original bytes, is counted, and the valid events around
 * it still become flow-log records.
 */
class DeadLetterTopologyTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private FlowLogDriver d;

    @BeforeEach
    void start() {
        Properties extra = new Properties();
        DeadLetterHandler.configure(extra, VpcflowTopics.DEFAULT_PREFIX + ".dead-letters", registry);
        d = new FlowLogDriver(FlowLogDriver.testConfig(), extra);
    }

    @AfterEach
    void stop() {
        d.close();
    }

    @Test
    void corruptEventsGoToTheDeadLetterTopicAndProcessingGoesOn() {
        d.subscribe("fl-1", "eni-a1", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
        byte[] garbage = "not a packet event".getBytes(StandardCharsets.UTF_8);
        byte[] valid = d.topics.packetEvents().valueSerde().serializer().serialize(d.topics.packetEvents().name(),
                event("eni-a1", 2_000).setPackets(3).build());
        byte[] truncated = Arrays.copyOf(valid, valid.length / 2);

        d.send(event("eni-a1", 1_000).setPackets(2));
        d.sendRaw("eni-a1", garbage);
        d.sendRaw("eni-a1", new byte[0]);
        d.sendRaw("eni-a1", valid);
        d.sendRaw("eni-a1", truncated);
        d.advanceStreamTime(150_000);

        List<TestRecord<byte[], byte[]>> dead = d.deadLetters().readRecordsToList();
        assertThat(dead).hasSize(3);
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHandler.REASON))
                .containsExactly(DeadLetterHandler.UNDECODABLE, DeadLetterHandler.EMPTY_VALUE,
                        DeadLetterHandler.UNDECODABLE);
        assertThat(dead).extracting(TestRecord::value).containsExactly(garbage, new byte[0], truncated);
        assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsOnly("eni-a1");
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHandler.OFFSET))
                .containsExactly("1", "2", "4");
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHandler.TOPIC))
                .containsOnly(d.topics.packetEvents().name());
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHandler.PARTITION)).containsOnly("0");
        assertThat(header(dead.get(0).headers(), DeadLetterHandler.MESSAGE)).contains("cannot decode");

        assertThat(registry.get(DeadLetterHandler.METRIC).tag("reason", DeadLetterHandler.UNDECODABLE).counter()
                .count()).isEqualTo(2.0);
        assertThat(registry.get(DeadLetterHandler.METRIC).tag("reason", DeadLetterHandler.EMPTY_VALUE).counter()
                .count()).isEqualTo(1.0);

        List<FlowLogRecord> ok = d.recordValues().stream().filter(r -> r.getLogStatus() == LogStatus.OK).toList();
        assertThat(ok).hasSize(1);
        assertThat(ok.get(0).getPackets()).as("the two valid events, around the corrupt ones").isEqualTo(5);
    }

    /**
     * A value Avro refuses (the instanceId union index in six bytes: "Invalid int encoding") is a dead letter, also
     * when it would be late: the flow-log topology reads events from their bytes, and must refuse what Avro refuses.
     */
    @Test
    void aLateValueAvroRefusesIsADeadLetter() {
        d.subscribe("fl-1", "eni-a1", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
        d.send(event("eni-a1", 1_000));
        d.advanceStreamTime(150_000);
        PacketEvent late = event("eni-a1", 2_000).build();
        byte[] canonical = d.topics.packetEvents().valueSerde().serializer()
                .serialize(d.topics.packetEvents().name(), late);
        byte[] refused = PacketEventBytesEncodingTest.encode(canonical, late, Map.of(
                PacketEvent.getClassSchema().getField("instanceId").pos(),
                new byte[] {(byte) 0x82, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00}));

        d.sendRaw("eni-a1", refused);

        List<TestRecord<byte[], byte[]>> dead = d.deadLetters().readRecordsToList();
        assertThat(dead).extracting(TestRecord::value).containsExactly(refused);
    }

    @Test
    void withoutTheHandlerACorruptEventIsFatal() {
        d.close();
        d = new FlowLogDriver(FlowLogDriver.testConfig());
        assertThatThrownBy(() -> d.sendRaw("eni-a1", new byte[] {1, 2, 3}))
                .hasStackTraceContaining("cannot decode");
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
