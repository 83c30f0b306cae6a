package io.vpcflow.streams.query;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.FlowLogConfig;
import io.vpcflow.streams.StreamsApp;
import io.vpcflow.streams.StreamsAppConfig;
import io.vpcflow.testfixtures.KafkaFixture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streams app with its query API on: the query stores run beside the flow-log topology (sharing the flow-logs
 * source), the app creates the findings topic, and a record ingested into flow-logs can be asked for over HTTP.
 */
class StreamsAppQueryIT {
    @TempDir
    Path stateDir;

    @Test
    void theAppServesQueriesOverItsOwnFlowLogTopic() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "qapp-" + UUID.randomUUID().toString().substring(0, 8);
        int port = QueryHttp.freePort();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StreamsAppConfig config = new StreamsAppConfig(bootstrap, prefix + "-app", prefix, null, "exactly_once_v2", 1,
                (short) 1, stateDir, null, FlowLogConfig.defaults().withAdvanceOnWallClock(false).withPartitions(2))
                .withQuery(QueryConfig.defaults().withPort(port));
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        try (StreamsApp app = new StreamsApp(config, meters)) {
            app.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (app.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(QueryHttp.get(port, "/v1/health").status()).isEqualTo(200);

            FlowLogRecord r = QueryData.record("eni-0a1", "vpc-1", "subnet-1", 0, 1234, 5, Action.ACCEPT);
            try (KafkaProducer<String, FlowLogRecord> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), topics.flowLogs().keySerde().serializer(),
                    topics.flowLogs().valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(topics.flowLogs().name(), "eni-0a1", r)).get();
            }
            String query = "/v1/flow-logs?interface=eni-0a1&from=" + QueryData.T0 + "&to="
                    + QueryData.T0.plusSeconds(60);
            QueryHttp.Answer answer = QueryHttp.get(port, query);
            while (answer.json().path("total").asInt() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                answer = QueryHttp.get(port, query);
            }
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("items").get(0).get("bytes").asLong()).isEqualTo(1234);
            assertThat(QueryHttp.get(port, "/v1/findings").json().get("total").asInt()).isZero();
            assertThat(meters.find("vpcflow.query").tag("endpoint", "flow-logs").timer()).isNotNull();
        }
    }
}
