package io.vpcflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.kafka.EmbeddedKafkaBroker;
import io.vpcflow.kafka.EmbeddedKafkaConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The broker stopped for 15 s and restarted on the same port and storage while the generator produces in real time:
 * the generator reports the outage and resumes, and every event it generated is in the topic exactly once in count
 * (the idempotent producer's retries lose nothing and duplicate nothing).
 *
 * <p>The test runs its own broker ({@link EmbeddedKafkaBroker#stop()} / {@link EmbeddedKafkaBroker#restart()}),
 * not the shared fixture, since it takes the broker away.
 */
class BrokerOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    @Test
    void theGeneratorRidesOutABrokerRestartWithNoEventLostOrDuplicated() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults()
                .withPreferredPort(0))) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            String prefix = "outage-" + UUID.randomUUID().toString().substring(0, 8);
            KafkaEventSink sink = new KafkaEventSink(KafkaSinkConfig.defaults(bootstrap).withTopicPrefix(prefix)
                    .withPartitions(2), null);
            GeneratorConfig config = GeneratorConfig.defaults().withSeed(3).realTime(100, Duration.ofSeconds(35));
            TrafficGenerator generator = new TrafficGenerator(config, Generated.SAMPLE, sink,
                    new Ledger(List.of()));
            try (generator) {
                generator.start();
                Thread.sleep(8_000);
                long before = generator.stats().events();
                broker.stop();
                Thread.sleep(OUTAGE.toMillis());
                broker.restart();
                generator.await();
                assertThat(before).as("events before the outage").isPositive();
            }
            long produced = generator.stats().events();
            System.out.printf("BrokerOutageIT: %,d events, %d outage(s) reported, %d send errors%n", produced,
                    sink.outages(), generator.stats().sendErrors());
            assertThat(sink.outages()).as("outages the generator reported").isPositive();
            assertThat(generator.stats().sendErrors()).as("sends that failed").isZero();
            assertThat(count(bootstrap, sink.topicName(), produced)).as("events in the topic").isEqualTo(produced);
        }
    }

    /** Reads the topic until {@code expected} records came, then 3 s more to catch any duplicate. */
    private static long count(String bootstrap, String topic, long expected) {
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outage-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            long settle = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settle)) {
                count += consumer.poll(Duration.ofMillis(200)).count();
                if (count >= expected && settle == Long.MAX_VALUE) {
                    settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return count;
    }
}
