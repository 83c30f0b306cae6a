package io.vpcflow.streams.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
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

/**
 * Query latency at a fixed request rate; a benchmark, not a test (its name matches neither *Test nor *IT). Starts
 * the embedded broker, two instances of one application (4 partitions, 64 interfaces x 60 minutes of records) and
 * then, for each kind of request, sends {@code rate} requests per second for {@code seconds} seconds from a
 * scheduler that fires at fixed times, open loop: latency is measured from the time a request was due, so a slow
 * answer cannot hold back the requests after it (no coordinated omission). Prints p50/p99/max per kind. With
 * {@code --serve} it writes the paths for wrk to {@code target/query-bench-{local,forwarded,fanout,health}.txt}, and after
 * its own runs keeps serving (see docs/performance.md); {@code seconds = 0} skips its own runs but for a 5 s warm-up.
 * Arguments: {@code [rate=500] [seconds=20] [--serve]}.
 */
public final class QueryLatencyBenchmark {
    private static final int PARTITIONS = 4;
    private static final int INTERFACES = 64;
    private static final int MINUTES = 60;

    private QueryLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 20;
        boolean serve = Arrays.asList(args).contains("--serve");
        String bootstrap = KafkaFixture.shared().bootstrapServers();
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        VpcflowTopics topics = VpcflowTopics.create(prefix, new AvroSerdes(SerdeConfig.withoutRegistry()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topics.flowLogs().name(), PARTITIONS, (short) 1),
                    new NewTopic(topics.findings().name(), PARTITIONS, (short) 1))).all().get();
            TopicSetup.awaitLeaders(admin, List.of(topics.flowLogs().name(), topics.findings().name()));
        }
        SourcePartitions sources = QueryTopics.ensure(bootstrap, topics, PARTITIONS, (short) 1);
        try (KafkaProducer<String, FlowLogRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), Serdes.String().serializer(),
                topics.flowLogs().valueSerde().serializer())) {
            for (FlowLogRecord r : QueryData.workload(INTERFACES, MINUTES)) {
                producer.send(new ProducerRecord<>(topics.flowLogs().name(), r.getInterfaceId().toString(), r));
            }
        }
        Path state = Files.createTempDirectory("query-bench");
        try (QueryInstance a = new QueryInstance(bootstrap, prefix, topics, sources, 0, state);
             QueryInstance b = new QueryInstance(bootstrap, prefix, topics, sources, 0, state)) {
            a.awaitRunning();
            b.awaitRunning();
            awaitLoaded(a);
            List<String> local = new ArrayList<>();
            List<String> forwarded = new ArrayList<>();
            String range = "&from=" + QueryData.T0 + "&to=" + QueryData.T0.plusSeconds(60L * MINUTES);
            for (int i = 0; i < INTERFACES; i++) {
                String iface = "eni-" + i;
                boolean onA = a.streams.queryMetadataForKey(QueryTopology.RECORDS, iface, Serdes.String()
                        .serializer()).activeHost().port() == a.port;
                (onA ? local : forwarded).add("/v1/flow-logs?interface=" + iface + range + "&limit=10");
            }
            System.out.printf("instance A http://127.0.0.1:%d, instance B http://127.0.0.1:%d; %d interfaces on A,"
                    + " %d on B%n", a.port, b.port, local.size(), forwarded.size());
            String fanOut = "/v1/top-talkers?by=vpc" + range;
            if (serve) {
                Files.createDirectories(Path.of("target"));
                Files.write(Path.of("target", "query-bench-local.txt"), local);
                Files.write(Path.of("target", "query-bench-forwarded.txt"), forwarded);
                Files.write(Path.of("target", "query-bench-fanout.txt"), List.of(fanOut));
                // the baseline of the same run: the same server, threads and connections, an answer with no store
                Files.write(Path.of("target", "query-bench-health.txt"), List.of("/v1/health"));
            }
            run("warm-up", a.port, List.of(local.get(0), forwarded.get(0), fanOut), rate, 5);
            if (seconds > 0) {
                run("flow-logs, key on the asked instance", a.port, local, rate, seconds);
                run("flow-logs, key forwarded to the other instance", a.port, forwarded, rate, seconds);
                run("top-talkers by vpc, fanned out to both", a.port, List.of(fanOut), rate, seconds);
            }
            if (serve) {
                System.out.println("serving on port " + a.port + "; paths in target/query-bench-{local,forwarded,"
                        + "fanout,health}.txt; Ctrl-C stops");
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }

    private static void awaitLoaded(QueryInstance a) throws InterruptedException {
        String q = "/v1/top-talkers?by=vpc&from=" + QueryData.T0 + "&to=" + QueryData.T0.plusSeconds(60L * MINUTES);
        while (true) {
            QueryHttp.Answer answer = QueryHttp.get(a.port, q);
            if (answer.status() == 200 && a.streams.state() == KafkaStreams.State.RUNNING) {
                long records = 0;
                for (var item : answer.json().get("items")) {
                    records += item.get("records").asLong();
                }
                if (records == (long) INTERFACES * MINUTES) {
                    return;
                }
            }
            Thread.sleep(500);
        }
    }

    /** Sends {@code rate} requests a second for {@code seconds}, open loop, and prints the latency percentiles. */
    private static void run(String name, int port, List<String> paths, int rate, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(16)).build();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(total);
        for (int n = 0; n < total; n++) {
            long due = start + n * periodNanos;
            String path = paths.get(n % paths.size());
            ticks.schedule(() -> {
                client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> {
                            latencies.add(System.nanoTime() - due);
                            if (e != null || r.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                            done.countDown();
                        });
            }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await(seconds + 60L, TimeUnit.SECONDS);
        ticks.shutdownNow();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-50s rate %d/s for %d s: %d answers (%d not 200) p50 %.2f ms p99 %.2f ms max %.2f ms"
                        + " (%.0f s)%n", name, rate, seconds, sorted.length, errors.get(), ms(sorted, 0.50),
                ms(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, elapsed);
    }

    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
