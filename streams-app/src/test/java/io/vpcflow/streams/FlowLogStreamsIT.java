package io.vpcflow.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.vpcflow.model.FlowLog;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.testfixtures.KafkaFixture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streams app on a real broker with exactly-once: the network's flow log is published to the compacted topics,
 * packet events go in, flow-log records and AWS lines come out; a flow log published while the app runs takes
 * effect without a restart.
 */
class FlowLogStreamsIT {
    private static final Instant T = Instant.parse("2024-03-01T12:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void recordsLinesAndARunTimeSubscription() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        FlowLog subnetLog = new FlowLog("fl-1", null, null, "subnet-a", FlowLog.TrafficType.ALL, 60, null, "topic");
        FlowLogConfig flowLog = FlowLogConfig.defaults().withGrace(Duration.ofSeconds(1))
                .withDeliveryDelay(Duration.ofSeconds(1)).withAdvanceOnWallClock(false).withPartitions(1);
        StreamsAppConfig config = new StreamsAppConfig(bootstrap, prefix + "-app", prefix, null, "exactly_once_v2", 1,
                (short) 1, stateDir, null, flowLog);

        try (NetworkPublisher publisher = new NetworkPublisher(bootstrap, 1, (short) 1, topics);
             StreamsApp app = new StreamsApp(config);
             KafkaProducer<String, PacketEvent> events = producer(bootstrap, topics.packetEvents())) {
            publisher.start();
            publisher.publish(NetworkPublisherTest.network(subnetLog));
            app.start();
            awaitRunning(app);

            send(events, topics, event("eni-a1", 1, Action.ACCEPT));
            send(events, topics, event("eni-a1", 2, Action.ACCEPT));
            send(events, topics, event("eni-a1", 200, Action.ACCEPT));
            List<FlowLogRecord> records = consumeUntil(bootstrap, topics.flowLogs(), list -> list.stream()
                    .anyMatch(r -> r.getInterfaceId().equals("eni-a2") && r.getLogStatus() == LogStatus.NODATA));
            assertThat(records).filteredOn(r -> r.getLogStatus() == LogStatus.OK).first()
                    .satisfies(r -> assertThat(r.getPackets()).isEqualTo(2));

            FlowLog interfaceLog = new FlowLog("fl-2", null, null, "eni-a2", FlowLog.TrafficType.REJECT, 60,
                    "${interface-id} ${action} ${log-status}", "topic");
            publisher.publish(NetworkPublisherTest.network(subnetLog, interfaceLog));
            Thread.sleep(3_000);   // global thread applies it; the index refreshes within 1 s of wall clock
            send(events, topics, event("eni-a2", 300, Action.REJECT));
            send(events, topics, event("eni-a1", 500, Action.ACCEPT));
            List<String> lines = consumeUntil(bootstrap, topics.flowLogLines(),
                    list -> list.contains("eni-a2 REJECT OK"));
            assertThat(lines).contains("2 111122223333 eni-a1 203.0.113.9 10.0.1.10 40000 443 6 2 120 "
                    + (T.getEpochSecond() + 1) + " " + (T.getEpochSecond() + 2) + " ACCEPT OK");
            assertThat(app.counters().eventsIn()).isEqualTo(5);
        }
    }

    private static PacketEvent event(String eni, long second, Action action) {
        return FlowLogDriver.event(eni, 0).setEventTime(T.plusSeconds(second)).setAccountId("111122223333")
                .setSubnetId("subnet-a").setVpcId("vpc-1").setRegion("eu-west-1").setAzId("euw1-az1")
                .setSrcAddr("203.0.113.9").setDstAddr("10.0.1.10").setFlowDirection(FlowDirection.INGRESS)
                .setAction(action).build();
    }

    private static void send(KafkaProducer<String, PacketEvent> producer, VpcflowTopics topics, PacketEvent e)
            throws Exception {
        producer.send(new ProducerRecord<>(topics.packetEvents().name(), e.getInterfaceId(), e)).get();
    }

    private static <V> KafkaProducer<String, V> producer(String bootstrap, Topic<String, V> topic) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private static void awaitRunning(StreamsApp app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    private static <V> List<V> consumeUntil(String bootstrap, Topic<String, V> topic, Predicate<List<V>> done) {
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!done.test(values) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        assertThat(done.test(values)).as("expected records on %s, got %s", topic.name(), values).isTrue();
        return values;
    }
}
