package io.vpcflow.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.vpcflow.model.FlowLog;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.testfixtures.KafkaFixture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart on an empty state directory loses no event of an open flow: the flows {@link FlowStore} held in memory
 * were in the changelog's batch entries at each commit, so the second instance restores them (a flow written in two
 * commits from the later batch) and adds to them (exactly-once, real broker).
 */
class FlowStoreRestartIT {
    private static final Instant T = Instant.parse("2024-03-01T12:00:00Z");

    @TempDir
    Path firstStateDir;
    @TempDir
    Path secondStateDir;

    @Test
    void aRestartFromTheChangelogKeepsTheOpenFlows() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        FlowLog subnetLog = new FlowLog("fl-1", null, null, "subnet-a", FlowLog.TrafficType.ALL, 60, null, "topic");
        FlowLogConfig flowLog = FlowLogConfig.defaults().withGrace(Duration.ofSeconds(1))
                .withDeliveryDelay(Duration.ofSeconds(1)).withAdvanceOnWallClock(false).withPartitions(1);
        String appId = prefix + "-app";

        try (NetworkPublisher publisher = new NetworkPublisher(bootstrap, 1, (short) 1, topics);
             KafkaProducer<String, PacketEvent> events = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                     topics.packetEvents().keySerde().serializer(), topics.packetEvents().valueSerde().serializer())) {
            publisher.start();
            publisher.publish(NetworkPublisherTest.network(subnetLog));
            try (StreamsApp first = app(bootstrap, appId, prefix, firstStateDir, flowLog)) {
                // flow A changes in two commits, so it is in two batch entries; flow B in the second only
                send(events, topics, event(1, 3, 180));
                awaitCommitted(bootstrap, appId, topics.packetEvents().name(), 1);
                send(events, topics, event(2, 1, 40));
                send(events, topics, PacketEvent.newBuilder(event(3, 5, 500)).setSrcPort(40001).build());
                awaitCommitted(bootstrap, appId, topics.packetEvents().name(), 3);
            }
            try (StreamsApp second = app(bootstrap, appId, prefix, secondStateDir, flowLog)) {
                send(events, topics, event(30, 2, 100));
                send(events, topics, event(200, 1, 60));
                List<FlowLogRecord> ok = new ArrayList<>();
                try (KafkaConsumer<String, FlowLogRecord> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                        topics.flowLogs().keySerde().deserializer(), topics.flowLogs().valueSerde().deserializer())) {
                    consumer.subscribe(List.of(topics.flowLogs().name()));
                    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                    while (ok.size() < 2 && System.nanoTime() < deadline) {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                            if (r.value().getLogStatus() == LogStatus.OK) {
                                ok.add(r.value());
                            }
                        });
                    }
                }
                assertThat(ok).as("the first window's two records").hasSize(2);
                FlowLogRecord r = ok.get(0);
                assertThat(r.getSrcPort()).isEqualTo(40000);
                assertThat(r.getPackets()).isEqualTo(6);
                assertThat(r.getBytes()).isEqualTo(320);
                assertThat(r.getStart()).isEqualTo(T.plusSeconds(1));
                assertThat(r.getEnd()).isEqualTo(T.plusSeconds(30));
                FlowLogRecord b = ok.get(1);
                assertThat(b.getSrcPort()).isEqualTo(40001);
                assertThat(b.getPackets()).isEqualTo(5);
                assertThat(b.getBytes()).isEqualTo(500);
            }
        }
    }

    private static StreamsApp app(String bootstrap, String appId, String prefix, Path stateDir, FlowLogConfig flowLog)
            throws InterruptedException {
        StreamsApp app = new StreamsApp(new StreamsAppConfig(bootstrap, appId, prefix, null, "exactly_once_v2", 1,
                (short) 1, stateDir, null, flowLog));
        app.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
        return app;
    }

    private static PacketEvent event(long second, long packets, long bytes) {
        return FlowLogDriver.event("eni-a1", 0).setEventTime(T.plusSeconds(second)).setAccountId("111122223333")
                .setSubnetId("subnet-a").setVpcId("vpc-1").setRegion("eu-west-1").setAzId("euw1-az1")
                .setSrcAddr("203.0.113.9").setDstAddr("10.0.1.10").setFlowDirection(FlowDirection.INGRESS)
                .setAction(Action.ACCEPT).setPackets(packets).setBytes(bytes).build();
    }

    private static void send(KafkaProducer<String, PacketEvent> producer, VpcflowTopics topics, PacketEvent e)
            throws Exception {
        producer.send(new ProducerRecord<>(topics.packetEvents().name(), e.getInterfaceId(), e)).get();
    }

    /** Waits until the application committed {@code offsets} input records (its first commit with both events). */
    private static void awaitCommitted(String bootstrap, String appId, String topic, long offsets) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long committed = 0;
            while (committed < offsets && System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(appId)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                OffsetAndMetadata o = m.get(new TopicPartition(topic, 0));
                committed = o == null ? 0 : o.offset();
                Thread.sleep(100);
            }
            assertThat(committed).isEqualTo(offsets);
        }
    }
}
