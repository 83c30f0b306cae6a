package io.vpcflow.streams;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vpcflow.model.FlowLog;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.metrics.MetricsConfig;
import io.vpcflow.testfixtures.KafkaFixture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.vpcflow.streams.metrics.PrometheusText.samples;
import static io.vpcflow.streams.metrics.PrometheusText.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streams app on a real broker with its metrics endpoint on: a scrape over HTTP has Kafka Streams', the JVM's and
 * vpcflow's own meters with non-zero values after a few events went through.
 */
class StreamsAppMetricsIT {
    private static final Instant T = Instant.parse("2024-03-01T12:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path stateDir;

    @Test
    void scrapeHasKafkaStreamsJvmAndVpcflowMeters() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        FlowLog subnetLog = new FlowLog("fl-1", null, null, "subnet-a", FlowLog.TrafficType.ALL, 60, null, "topic");
        FlowLogConfig flowLog = FlowLogConfig.defaults().withGrace(Duration.ofSeconds(1))
                .withDeliveryDelay(Duration.ofSeconds(1)).withAdvanceOnWallClock(false).withPartitions(1);
        StreamsAppConfig config = new StreamsAppConfig(bootstrap, prefix + "-app", prefix, null, "exactly_once_v2", 1,
                (short) 1, stateDir, null, flowLog).withMetrics(MetricsConfig.on("127.0.0.1", 0));

        try (NetworkPublisher publisher = new NetworkPublisher(bootstrap, 1, (short) 1, topics);
             StreamsApp app = new StreamsApp(config);
             KafkaProducer<String, PacketEvent> events = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                     topics.packetEvents().keySerde().serializer(), topics.packetEvents().valueSerde().serializer())) {
            publisher.start();
            publisher.publish(NetworkPublisherTest.network(subnetLog));
            app.start();
            String url = app.metricsUrl();
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/metrics");
            awaitRunning(app);
            for (PacketEvent e : List.of(event(1, Action.ACCEPT), event(2, Action.REJECT), event(200, Action.ACCEPT))) {
                events.send(new ProducerRecord<>(topics.packetEvents().name(), e.getInterfaceId(), e)).get();
            }

            // the window [T, T+60 s) holds two flows (one rejected) of eni-a1 and nothing of eni-a2 (NODATA)
            String text = scrapeUntil(url, t -> samples(t, "vpcflow_streams_records_total", "log_status", "OK")
                    .stream().anyMatch(l -> l.endsWith(" 2.0"))
                    && !samples(t, "vpcflow_streams_records_total", "log_status", "NODATA").isEmpty());
            assertThat(value(text, "vpcflow_streams_events_total", "action", "ACCEPT", "explanation_code", "none"))
                    .isEqualTo(2);
            assertThat(value(text, "vpcflow_streams_events_total", "action", "REJECT",
                    "explanation_code", "ENI_SG_RULES_MISMATCH")).isEqualTo(1);
            assertThat(value(text, "vpcflow_streams_records_total", "subscription", "fl-1", "log_status", "OK"))
                    .isEqualTo(2);
            assertThat(value(text, "vpcflow_traffic_packets_total", "interface", "eni-a1", "action", "ACCEPT"))
                    .isEqualTo(1);
            assertThat(value(text, "vpcflow_streams_publication_delay_seconds_count")).isGreaterThan(0);
            assertThat(positive(text, "kafka_stream_")).as("Kafka Streams meters with a value").isNotEmpty();
            assertThat(positive(text, "kafka_consumer_")).as("its consumer's meters").isNotEmpty();
            assertThat(value(text, "jvm_memory_used_bytes", "area", "heap", "id", "G1 Eden Space"))
                    .isGreaterThan(0);
            assertThat(value(text, "process_uptime_seconds")).isGreaterThan(0);
            assertThat(value(text, "jvm_threads_live_threads")).isGreaterThan(0);

            HttpResponse<String> health = get(url.replace("/metrics", "/healthz"));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok\n");
            assertThat(get(url.replace("/metrics", "/nothing")).statusCode()).isEqualTo(404);
        }
    }

    private static List<String> positive(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix))
                .filter(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) > 0).toList();
    }

    private String scrapeUntil(String url, java.util.function.Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String text = get(url).body();
        while (!done.test(text) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            text = get(url).body();
        }
        assertThat(done.test(text)).as("scrape never had the expected samples:%n%s", text).isTrue();
        return text;
    }

    private HttpResponse<String> get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (url.endsWith("/metrics")) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/plain"));
        }
        return r;
    }

    private static PacketEvent event(long second, Action action) {
        PacketEvent.Builder b = PacketEvent.newBuilder().setEventTime(T.plusSeconds(second)).setInterfaceId("eni-a1")
                .setAccountId("111122223333").setVpcId("vpc-1").setSubnetId("subnet-a").setInstanceId("i-a1")
                .setAzId("euw1-az1").setRegion("eu-west-1").setSrcAddr("203.0.113.9").setDstAddr("10.0.1.10")
                .setSrcPort(40000).setDstPort(443).setProtocol(6).setPackets(1).setBytes(60).setTcpFlags(0)
                .setFlowDirection(FlowDirection.INGRESS).setAction(action).setScenario("it");
        if (action == Action.REJECT) {
            b.setSrcPort(40001).setExplanationCode("ENI_SG_RULES_MISMATCH").setBlockingComponent("sg-0a1");
        }
        return b.build();
    }

    private static void awaitRunning(StreamsApp app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
}
