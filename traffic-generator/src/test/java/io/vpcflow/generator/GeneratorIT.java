package io.vpcflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.testfixtures.KafkaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates several simulated minutes of every scenario into a real broker, consumes every event back and checks
 * the counts per ledger key against the ledger file, and that each interface's events sit in one partition in order.
 */
class GeneratorIT {
    private static final int PARTITIONS = 4;

    @TempDir
    Path dir;

    @Test
    void everyEventComesBackAndMatchesTheLedger() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
        Path ledgerFile = dir.resolve("ledger.jsonl");
        KafkaSinkConfig sinkConfig = KafkaSinkConfig.defaults(bootstrap).withTopicPrefix(prefix)
                .withPartitions(PARTITIONS).withLedgerTopic(true);
        GeneratorConfig config = GeneratorConfig.defaults().withStart(Generated.START).withSeed(99)
                .simulated(Duration.ofMinutes(4));
        KafkaEventSink sink = new KafkaEventSink(sinkConfig, null);
        Ledger ledger = new Ledger(List.of(new LedgerFile(ledgerFile)));
        TrafficGenerator generator = new TrafficGenerator(config, Generated.SAMPLE, sink, ledger);
        try (generator) {
            generator.start();
            generator.await();
        }
        long produced = generator.stats().events();
        assertThat(produced).isGreaterThan(10_000);

        Map<String, long[]> expected = readLedger(ledgerFile);
        Map<String, long[]> consumed = new HashMap<>();
        Map<String, Integer> partitionOf = new HashMap<>();
        Map<String, Long> lastTime = new HashMap<>();
        Topic<String, PacketEvent> topic = VpcflowTopics.create(prefix,
                new AvroSerdes(SerdeConfig.withoutRegistry())).packetEvents();
        long count = 0;
        try (KafkaConsumer<String, PacketEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, prefix,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (count < produced && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, PacketEvent> r : consumer.poll(Duration.ofMillis(500))) {
                    PacketEvent e = r.value();
                    assertThat(r.key()).isEqualTo(e.getInterfaceId());
                    assertThat(partitionOf.computeIfAbsent(r.key(), k -> r.partition())).isEqualTo(r.partition());
                    long t = e.getEventTime().toEpochMilli();
                    assertThat(t).as("order within " + r.key()).isGreaterThanOrEqualTo(
                            lastTime.getOrDefault(r.key(), Long.MIN_VALUE));
                    lastTime.put(r.key(), t);
                    assertThat(r.timestamp()).isEqualTo(t);
                    long[] totals = consumed.computeIfAbsent(key(e), k -> new long[3]);
                    totals[0]++;
                    totals[1] += e.getPackets();
                    totals[2] += e.getBytes();
                    count++;
                }
            }
        }
        assertThat(count).isEqualTo(produced);
        assertThat(consumed.keySet()).isEqualTo(expected.keySet());
        expected.forEach((k, v) -> assertThat(consumed.get(k)).as(k).containsExactly(v));
        assertTopicsCreated(bootstrap, prefix);
    }

    private static void assertTopicsCreated(String bootstrap, String prefix) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            String name = prefix + ".packet-events";
            TopicDescription d = admin.describeTopics(List.of(name)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(name);
            assertThat(d.partitions()).hasSize(PARTITIONS);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
            assertThat(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get("retention.ms").value()).isEqualTo("-1");
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(prefix + ".ledger");
        }
    }

    private static Map<String, long[]> readLedger(Path file) throws Exception {
        Map<String, long[]> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            Map<String, Object> m = LedgerJson.read(line);
            if (!"flow".equals(m.get("kind"))) {
                continue;
            }
            String key = m.get("interfaceId") + "|" + m.get("windowStart") + "|" + m.get("srcAddr") + "|"
                    + m.get("dstAddr") + "|" + m.get("srcPort") + "|" + m.get("dstPort") + "|" + m.get("protocol")
                    + "|" + m.get("action");
            assertThat(out.put(key, new long[] {num(m, "events"), num(m, "packets"), num(m, "bytes")})).isNull();
        }
        return out;
    }

    private static String key(PacketEvent e) {
        return e.getInterfaceId() + "|" + (e.getEventTime().getEpochSecond() / 60 * 60) + "|" + e.getSrcAddr() + "|"
                + e.getDstAddr() + "|" + e.getSrcPort() + "|" + e.getDstPort() + "|" + e.getProtocol() + "|"
                + e.getAction();
    }

    private static long num(Map<String, Object> m, String field) {
        return ((Number) m.get(field)).longValue();
    }
}
