package io.vpcflow.cli;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.query.QueryConfig;
import io.vpcflow.streams.query.QueryServer;
import io.vpcflow.streams.query.QueryTopology;
import io.vpcflow.streams.query.SourcePartitions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vpcflow query} against a real query server whose Kafka Streams client is never started: the API's 4xx
 * messages become exit code 2, its 503 and an unreachable URL exit code 1.
 */
class QueryCommandTest {
    private static KafkaStreams streams;
    private static QueryServer server;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        VpcflowTopics topics = VpcflowTopics.create("cli", new AvroSerdes(SerdeConfig.withoutRegistry()));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        QueryConfig config = QueryConfig.defaults().withPort(port);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "query-command-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.applicationServer());
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("query-cli").toString());
        p.put("reconnect.backoff.ms", 60_000);
        p.put("reconnect.backoff.max.ms", 60_000);
        streams = new KafkaStreams(QueryTopology.addTo(new Topology(), topics), p);
        server = new QueryServer(config, streams, new SourcePartitions(topics.flowLogs().name(), 2,
                topics.findings().name(), 2), null, new SimpleMeterRegistry());
        server.start();
        url = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        server.close();
        streams.close();
    }

    @Test
    void anUnknownEndpointIsBadInput() {
        CliRun run = CliRun.of("query", "talkers", "--url", url);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown endpoint 'talkers'").contains("top-talkers");
    }

    @Test
    void aParameterWithoutNameAndValueIsBadInput() {
        CliRun run = CliRun.of("query", "flow-logs", "eni-1", "--url", url);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'eni-1' is not NAME=VALUE");
    }

    @Test
    void theApisBadRequestMessageIsPrintedWithExitCode2() {
        CliRun run = CliRun.of("query", "top-talkers", "by=region", "--url", url);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("parameter 'by' = 'region' must be one of vpc, subnet, interface");
    }

    @Test
    void anUnavailableInstanceExitsWith1AndSaysToRetry() {
        CliRun run = CliRun.of("query", "health", "--url", url);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("unavailable now, retry in 1 s");
    }

    @Test
    void instanceMetadataIsPrintedAsJson() {
        CliRun run = CliRun.of("query", "instance", "--url", url);
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("\"application_server\" : \"127.0.0.1:").contains("\"state\" : \"CREATED\"");
    }

    @Test
    void anUnreachableUrlExitsWith1() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CliRun run = CliRun.of("query", "health", "--url", "http://127.0.0.1:" + closed);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach the query API");
    }

    @Test
    void aMalformedUrlIsBadInput() {
        CliRun run = CliRun.of("query", "health", "--url", "127.0.0.1:7070");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--url '127.0.0.1:7070' is not usable");
    }
}
