package io.vpcflow.streams.query;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.Severity;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.TopicSetup;
import io.vpcflow.testfixtures.KafkaFixture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.vpcflow.streams.query.QueryData.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two (then three, then one) streams instances of one application on the embedded broker, each with its own state
 * directory and HTTP port, and a single instance of another application on the same input: keyed queries for keys
 * the other instance owns return that key's data; fanned-out answers equal the single instance's; while an
 * instance joins or leaves, every answer is the complete one or a 503 with Retry-After.
 */
class QueryMultiInstanceIT {
    private static final int PARTITIONS = 4;
    private static final int INTERFACES = 16;
    private static final int MINUTES = 10;
    private static final String RANGE = "from=" + T0 + "&to=" + T0.plusSeconds(60L * MINUTES);

    /**
     * Answers compared between instances: every route over all keys, with grouping, filters and paging, and two
     * keyed routes (each instance owns some of these keys and forwards the others).
     */
    private static final List<String> FAN_OUT = List.of(
            "/v1/top-talkers?by=interface&" + RANGE,
            "/v1/top-talkers?by=vpc&metric=packets&" + RANGE,
            "/v1/top-talkers?by=subnet&vpc=vpc-1&limit=1&offset=1&" + RANGE,
            "/v1/rejects?" + RANGE,
            "/v1/rejects?vpc=vpc-2&" + RANGE,
            "/v1/findings",
            "/v1/findings?severity=HIGH&limit=3",
            "/v1/findings?type=Recon:EC2/Portscan&from=" + T0.plusSeconds(300),
            "/v1/flow-logs?interface=eni-3&limit=4&offset=2&" + RANGE,
            "/v1/flow-logs?interface=eni-6&" + RANGE,
            "/v1/finding?id=f-5",
            "/v1/finding?id=f-8");

    @TempDir
    Path stateRoot;

    @Test
    void keyedAndFannedOutQueriesAreRightAndRebalancesNeverGiveAWrongAnswer() throws Exception {
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "qit-" + UUID.randomUUID().toString().substring(0, 8);
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        SourcePartitions sources = createTopics(bootstrap, topics);
        List<FlowLogRecord> records = QueryData.workload(INTERFACES, MINUTES);
        List<Finding> findings = findings();
        produce(bootstrap, topics.flowLogs(), records.stream().map(r -> Map.entry(r.getInterfaceId().toString(), r))
                .toList());
        produce(bootstrap, topics.findings(), findings.stream().map(f -> Map.entry(f.getId().toString(), f))
                .toList());

        try (QueryInstance single = new QueryInstance(bootstrap, prefix + "-single", topics, sources, 0, stateRoot);
             QueryInstance a = new QueryInstance(bootstrap, prefix + "-multi", topics, sources, 1, stateRoot);
             QueryInstance b = new QueryInstance(bootstrap, prefix + "-multi", topics, sources, 1, stateRoot)) {
            awaitComplete(single);
            awaitComplete(a, b);
            Map<String, String> expected = answers(single.port);
            assertTopTalkersByVpc(expected.get(FAN_OUT.get(1)), records);

            keyedQueriesForKeysTheOtherInstanceOwns(a, b, records);
            for (QueryInstance i : List.of(a, b)) {
                assertThat(answers(i.port)).as("fanned out from port %d", i.port).isEqualTo(expected);
            }

            RebalanceLog joining;
            try (QueryInstance c = new QueryInstance(bootstrap, prefix + "-multi", topics, sources, 1, stateRoot)) {
                joining = queryWhile(expected, false, () -> awaitComplete(a, b, c), a, b);
                assertThat(answers(c.port)).isEqualTo(expected);
            }
            RebalanceLog leaving = queryWhile(expected, false, () -> awaitComplete(a, b), a, b);
            awaitStandbysCaughtUp(a);
            RebalanceLog staleLeaving = queryWhile(expected, true, () -> {
                b.close();
                awaitComplete(a);
            }, a);
            System.out.printf("rebalance answers: joining %s, leaving %s, leaving with stale reads %s%n", joining,
                    leaving, staleLeaving);
            assertThat(joining.complete + leaving.complete + staleLeaving.complete).isPositive();
            assertThat(answers(a.port)).isEqualTo(expected);
        }
    }

    private void keyedQueriesForKeysTheOtherInstanceOwns(QueryInstance a, QueryInstance b,
                                                        List<FlowLogRecord> records) {
        int forwarded = 0;
        for (int i = 0; i < INTERFACES; i++) {
            String iface = "eni-" + i;
            KeyQueryMetadata owner = a.streams.queryMetadataForKey(QueryTopology.RECORDS, iface,
                    Serdes.String().serializer());
            QueryInstance asked = owner.activeHost().port() == a.port ? b : a;
            JsonNode page = QueryHttp.get(asked.port, "/v1/flow-logs?interface=" + iface + "&" + RANGE).json();
            List<Long> bytes = new ArrayList<>();
            page.get("items").forEach(item -> bytes.add(item.get("bytes").asLong()));
            assertThat(bytes).as(iface).isEqualTo(records.stream()
                    .filter(r -> r.getInterfaceId().toString().equals(iface)).map(FlowLogRecord::getBytes).toList());
            assertThat(page.get("total").asInt()).isEqualTo(MINUTES);
            forwarded++;
        }
        assertThat(forwarded).isEqualTo(INTERFACES);
        for (Finding f : findings()) {
            String id = f.getId().toString();
            int ownerPort = a.streams.queryMetadataForKey(QueryTopology.FINDINGS, id, Serdes.String().serializer())
                    .activeHost().port();
            QueryHttp.Answer answer = QueryHttp.get(ownerPort == a.port ? b.port : a.port, "/v1/finding?id=" + id);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("count").asLong()).isEqualTo(f.getCount());
        }
        assertThat(QueryHttp.get(a.port, "/v1/finding?id=f-none").status()).isEqualTo(404);
        boolean bothOwnKeys = java.util.stream.IntStream.range(0, INTERFACES).mapToObj(i -> a.streams
                .queryMetadataForKey(QueryTopology.RECORDS, "eni-" + i, Serdes.String().serializer())
                .activeHost().port()).distinct().count() == 2;
        assertThat(bothOwnKeys).as("each instance owns some interfaces").isTrue();
    }

    private static void assertTopTalkersByVpc(String json, List<FlowLogRecord> records) throws Exception {
        JsonNode items = QueryHttp.JSON.readTree(json).get("items");
        for (JsonNode item : items) {
            long packets = records.stream().filter(r -> r.getVpcId().toString().equals(item.get("vpc").asText()))
                    .mapToLong(FlowLogRecord::getPackets).sum();
            assertThat(item.get("packets").asLong()).isEqualTo(packets);
        }
        assertThat(items).hasSize(2);
    }

    /** What the instances answered while {@code change} ran: complete answers and refusals. */
    private record RebalanceLog(int complete, int refused) {
        @Override
        public String toString() {
            return complete + " complete, " + refused + " refused (503)";
        }
    }

    private interface Change {
        void run() throws Exception;
    }

    /** Queries {@code asked} in a loop while {@code change} runs; any answer but the expected one or a 503 fails. */
    private static RebalanceLog queryWhile(Map<String, String> expected, boolean stale, Change change,
                                           QueryInstance... asked) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<RebalanceLog> log = pool.submit(() -> {
            int complete = 0;
            int refused = 0;
            while (!done.get()) {
                for (QueryInstance i : asked) {
                    for (String q : FAN_OUT) {
                        QueryHttp.Answer answer = QueryHttp.get(i.port, q + (q.contains("?") ? "&" : "?")
                                + "stale=" + stale);
                        if (answer.status() == 503) {
                            assertThat(answer.retryAfter()).isEqualTo("1");
                            refused++;
                        } else {
                            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                            assertThat(answer.body()).as(q).isEqualTo(expected.get(q));
                            complete++;
                        }
                    }
                }
            }
            return new RebalanceLog(complete, refused);
        });
        try {
            change.run();
            Thread.sleep(500);
        } finally {
            done.set(true);
            pool.shutdown();
        }
        return log.get();
    }

    private static Map<String, String> answers(int port) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String q : FAN_OUT) {
            QueryHttp.Answer answer = QueryHttp.get(port, q);
            assertThat(answer.status()).as(q + ": " + answer.body()).isEqualTo(200);
            out.put(q, answer.body());
        }
        return out;
    }

    /**
     * Waits until every instance (all of one application) runs, the group has exactly them and every store holds
     * all the input.
     */
    private static void awaitComplete(QueryInstance... instances) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String last = "";
        while (true) {
            boolean ok = groupSize(instances[0]) == instances.length;
            last = "group size " + groupSize(instances[0]);
            for (QueryInstance i : instances) {
                ok &= i.streams.state() == KafkaStreams.State.RUNNING;
                QueryHttp.Answer talkers = ok ? QueryHttp.get(i.port, FAN_OUT.get(0)) : null;
                QueryHttp.Answer found = ok ? QueryHttp.get(i.port, "/v1/findings") : null;
                ok &= talkers != null && talkers.status() == 200 && records(talkers.json()) == INTERFACES * MINUTES
                        && found.status() == 200 && found.json().get("total").asInt() == findings().size();
                last += "; port " + i.port + " " + i.streams.state() + " "
                        + (talkers == null ? "" : talkers.status() + " " + abbreviate(talkers.body()));
            }
            if (ok) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instances did not settle with all the input within 180 s: " + last);
            }
            Thread.sleep(200);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static long groupSize(QueryInstance i) {
        if (!i.streams.state().isRunningOrRebalancing()) {
            return 0;
        }
        return i.streams.metadataForAllStreamsClients().stream().filter(m -> !m.topicPartitions().isEmpty()).count();
    }

    private static long records(JsonNode talkers) {
        long n = 0;
        for (JsonNode item : talkers.get("items")) {
            n += item.get("records").asLong();
        }
        return n;
    }

    private static void awaitStandbysCaughtUp(QueryInstance i) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Map<Integer, LagInfo>> lags = i.streams.allLocalStorePartitionLags();
            boolean all = lags.values().stream().allMatch(m -> m.size() == PARTITIONS
                    && m.values().stream().allMatch(l -> l.offsetLag() == 0));
            if (all && lags.size() == 4) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("standby stores did not catch up: " + i.streams.allLocalStorePartitionLags());
    }

    private static List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            Severity severity = Severity.values()[n % 3];
            String type = n % 2 == 0 ? "Recon:EC2/Portscan" : "UnauthorizedAccess:EC2/SSHBruteForce";
            out.add(QueryData.finding("f-" + n, type, severity, "eni-" + n, n, n + 1 + n % 4, 10L * n + 1));
        }
        return out;
    }

    private static SourcePartitions createTopics(String bootstrap, VpcflowTopics topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topics.flowLogs().name(), PARTITIONS, (short) 1),
                    new NewTopic(topics.findings().name(), PARTITIONS, (short) 1))).all().get();
            TopicSetup.awaitLeaders(admin, List.of(topics.flowLogs().name(), topics.findings().name()));
        }
        return QueryTopics.ensure(bootstrap, topics, PARTITIONS, (short) 1);
    }

    private static <V> void produce(String bootstrap, Topic<String, V> topic, List<Map.Entry<String, V>> values)
            throws Exception {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (Map.Entry<String, V> e : values) {
                producer.send(new ProducerRecord<>(topic.name(), e.getKey(), e.getValue()));
            }
            producer.flush();
        }
    }
}
