package io.vpcflow.streams.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad request gets a 4xx whose message names what to fix, before any store is touched; a good request to an
 * instance whose Kafka Streams is not running is a 503 with Retry-After. The server runs on a real port over a
 * Kafka Streams client that is never started (it connects to nothing).
 */
class QueryParametersTest {
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static KafkaStreams streams;
    private static QueryServer server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        VpcflowTopics topics = VpcflowTopics.create("unit", new AvroSerdes(SerdeConfig.withoutRegistry()));
        port = QueryHttp.freePort();
        QueryConfig config = QueryConfig.defaults().withPort(port);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "query-parameters-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, config.applicationServer());
        p.put("reconnect.backoff.ms", 60_000);
        p.put("reconnect.backoff.max.ms", 60_000);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Files.createDirectories(
                Path.of("target", "state")), "params").toString());
        streams = new KafkaStreams(QueryTopology.addTo(new Topology(), topics), p);
        server = new QueryServer(config, streams, new SourcePartitions(topics.flowLogs().name(), 4,
                topics.findings().name(), 4), null, METERS);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        streams.close();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("unknown parameter", "/v1/flow-logs?interface=eni-1&color=red", 400, "unknown parameter 'color'"),
                bad("repeated parameter", "/v1/flow-logs?interface=eni-1&interface=eni-2", 400, "given twice"),
                bad("missing interface", "/v1/flow-logs", 400, "parameter 'interface' is required"),
                bad("empty interface", "/v1/flow-logs?interface=", 400, "parameter 'interface' is empty"),
                bad("not an interface id", "/v1/flow-logs?interface=i-0abc", 400, "is not an interface id"),
                bad("bad time", "/v1/flow-logs?interface=eni-1&from=yesterday", 400, "parameter 'from' = 'yesterday'"),
                bad("time out of range", "/v1/flow-logs?interface=eni-1&to=99999999999999999", 400, "parameter 'to'"),
                bad("from after to", "/v1/flow-logs?interface=eni-1&from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z",
                        400, "must be before 'to'"),
                bad("from equals to", "/v1/rejects?from=1000&to=1000", 400, "must be before 'to'"),
                bad("limit zero", "/v1/flow-logs?interface=eni-1&limit=0", 400, "parameter 'limit' = '0'"),
                bad("limit above max", "/v1/top-talkers?limit=1001", 400, "from 1 to 1000"),
                bad("limit not a number", "/v1/findings?limit=ten", 400, "parameter 'limit' = 'ten'"),
                bad("negative offset", "/v1/rejects?offset=-1", 400, "parameter 'offset' = '-1'"),
                bad("bad grouping", "/v1/top-talkers?by=region", 400, "must be one of vpc, subnet, interface"),
                bad("bad metric", "/v1/top-talkers?metric=flows", 400, "must be one of bytes, packets"),
                bad("bad severity", "/v1/findings?severity=CRITICAL", 400, "must be one of LOW, MEDIUM, HIGH"),
                bad("stale not boolean", "/v1/findings?stale=maybe", 400, "must be true or false"),
                bad("partition out of range", "/v1/top-talkers?partitions=4", 400, "from 0 to 3"),
                bad("partitions malformed", "/v1/rejects?partitions=1,,2", 400, "parameter 'partitions'"),
                bad("partition repeated", "/v1/findings?partitions=1,1", 400, "distinct partition"),
                bad("two partitions for one key", "/v1/flow-logs?interface=eni-1&partitions=0,1", 400, "one partition"),
                bad("finding without id", "/v1/finding", 400, "parameter 'id' is required"),
                bad("explain without from", "/v1/explain?to=eni-1&port=22", 400, "parameter 'from' is required"),
                bad("explain bad protocol", "/v1/explain?from=eni-1&to=eni-2&protocol=sctpx", 400, "is not a protocol"),
                bad("explain tcp without port", "/v1/explain?from=eni-1&to=eni-2", 400, "'port' is required for tcp"),
                bad("explain port out of range", "/v1/explain?from=eni-1&to=eni-2&port=70000", 400, "'port' = '70000'"),
                bad("explain without a network", "/v1/explain?from=eni-1&to=eni-2&port=22", 404, "without a network"),
                bad("empty type", "/v1/findings?type=", 400, "parameter 'type' is empty"),
                bad("unknown route", "/v1/nothing", 404, "no route /v1/nothing"),
                bad("parameter on a route without any", "/v1/health?verbose=true", 400, "unknown parameter 'verbose'"));
    }

    private static Arguments bad(String name, String request, int status, String message) {
        return Arguments.of(name, request, status, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsA4xxNamingTheProblem(String name, String request, int status, String message) {
        QueryHttp.Answer a = QueryHttp.get(port, request);
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.json().get("error").asText()).contains(message);
        assertThat(a.json().get("status").asInt()).isEqualTo(status);
    }

    @Test
    void writesAreRefusedAsTheApiIsReadOnly() {
        QueryHttp.Answer a = QueryHttp.send(port, "POST", "/v1/findings");
        assertThat(a.status()).isEqualTo(405);
        assertThat(a.json().get("error").asText()).contains("read-only");
        assertThat(QueryHttp.send(port, "DELETE", "/v1/finding?id=f-1").status()).isEqualTo(405);
    }

    @Test
    void aGoodRequestToAnInstanceThatIsNotRunningIs503WithRetryAfter() {
        QueryHttp.Answer a = QueryHttp.get(port, "/v1/top-talkers?by=vpc&from=2024-03-01T12:00:00Z&to=1709298000000");
        assertThat(a.status()).isEqualTo(503);
        assertThat(a.retryAfter()).isEqualTo("1");
        assertThat(a.json().get("error").asText()).contains("is CREATED");
        assertThat(QueryHttp.get(port, "/v1/health").status()).isEqualTo(503);
    }

    @Test
    void everyRequestIsTimedByEndpointAndStatus() {
        QueryHttp.get(port, "/v1/top-talkers?by=nothing");
        assertThat(METERS.find("vpcflow.query").tags("endpoint", "top-talkers", "status", "400").timer())
                .isNotNull().satisfies(t -> assertThat(t.count()).isPositive());
    }

    @Test
    void servesItsOpenApiDocument() {
        QueryHttp.Answer a = QueryHttp.get(port, "/openapi.yaml");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).startsWith("openapi: 3");
    }
}
