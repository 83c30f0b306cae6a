package io.vpcflow.streams;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.model.FlowLog;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.errors.DeadLetterHandler;
import io.vpcflow.testfixtures.KafkaFixture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage between valid packet events on a real broker, through {@link StreamsApp} with exactly-once: each corrupt
 * record lands on {@code <prefix>.dead-letters} with its bytes, reason and offset, the counter rises, and the valid
 * events around it still become a flow-log record.
 */
class DeadLetterIT {
    private static final Instant T = Instant.parse("2024-03-01T12:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void corruptEventsBecomeDeadLettersAndTheValidOnesFlowLogRecords() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "dlq-it-" + UUID.randomUUID().toString().substring(0, 8);
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        FlowLog subnetLog = new FlowLog("fl-1", null, null, "subnet-a", FlowLog.TrafficType.ALL, 60, null, "topic");
        FlowLogConfig flowLog = FlowLogConfig.defaults().withGrace(Duration.ofSeconds(1))
                .withDeliveryDelay(Duration.ofSeconds(1)).withAdvanceOnWallClock(false).withPartitions(1);
        StreamsAppConfig config = new StreamsAppConfig(bootstrap, prefix + "-app", prefix, null, "exactly_once_v2", 1,
                (short) 1, stateDir, null, flowLog);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        byte[] garbage = "\u0000not a packet event".getBytes(StandardCharsets.UTF_8);

        try (NetworkPublisher publisher = new NetworkPublisher(bootstrap, 1, (short) 1, topics);
             StreamsApp app = new StreamsApp(config, registry);
             KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            publisher.start();
            publisher.publish(NetworkPublisherTest.network(subnetLog));
            app.start();
            awaitRunning(app);

            send(raw, topics, event(topics, 1));
            send(raw, topics, garbage);
            send(raw, topics, new byte[0]);
            send(raw, topics, event(topics, 2));
            send(raw, topics, event(topics, 200));

            List<ConsumerRecord<byte[], byte[]>> dead = consume(bootstrap, topics.deadLetters().name(),
                    records -> records.size() >= 2);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly(garbage, new byte[0]);
            assertThat(dead).extracting(r -> header(r, DeadLetterHandler.REASON))
                    .containsExactly(DeadLetterHandler.UNDECODABLE, DeadLetterHandler.EMPTY_VALUE);
            assertThat(dead).extracting(r -> header(r, DeadLetterHandler.OFFSET)).containsExactly("1", "2");
            assertThat(dead).extracting(r -> header(r, DeadLetterHandler.TOPIC))
                    .containsOnly(topics.packetEvents().name());
            assertThat(registry.get(DeadLetterHandler.METRIC).counters()).extracting(c -> c.count())
                    .containsExactlyInAnyOrder(1.0, 1.0);

            List<FlowLogRecord> ok = new ArrayList<>();
            consume(bootstrap, topics.flowLogs().name(), records -> {
                ok.clear();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    FlowLogRecord record = topics.flowLogs().valueSerde().deserializer()
                            .deserialize(topics.flowLogs().name(), r.value());
                    if (record.getLogStatus() == LogStatus.OK) {
                        ok.add(record);
                    }
                }
                return !ok.isEmpty();
            });
            assertThat(ok).as("OK flow-log records").hasSize(1);
            assertThat(ok.get(0).getPackets()).as("the two valid events of the first window").isEqualTo(2);
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private static byte[] event(VpcflowTopics topics, long second) {
        PacketEvent e = FlowLogDriver.event("eni-a1", 0).setEventTime(T.plusSeconds(second))
                .setAccountId("111122223333").setSubnetId("subnet-a").setVpcId("vpc-1").setRegion("eu-west-1")
                .setAzId("euw1-az1").setSrcAddr("203.0.113.9").setDstAddr("10.0.1.10")
                .setFlowDirection(FlowDirection.INGRESS).build();
        return topics.packetEvents().valueSerde().serializer().serialize(topics.packetEvents().name(), e);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, VpcflowTopics topics, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topics.packetEvents().name(), "eni-a1".getBytes(StandardCharsets.UTF_8),
                value)).get();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return r.headers().lastHeader(name) == null ? null
                : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(String bootstrap, String topic,
                                                                Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(done.test(records)).as("expected records on %s, got %d", topic, records.size()).isTrue();
        return records;
    }

    private static void awaitRunning(StreamsApp app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
}
