package io.vpcflow.streams.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.vpcflow.generator.GeneratorConfig;
import io.vpcflow.generator.KafkaEventSink;
import io.vpcflow.generator.KafkaSinkConfig;
import io.vpcflow.generator.Ledger;
import io.vpcflow.generator.TrafficGenerator;
import io.vpcflow.kafka.EmbeddedKafkaBroker;
import io.vpcflow.kafka.EmbeddedKafkaConfig;
import io.vpcflow.model.FlowLog;
import io.vpcflow.model.Network;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.TopicReadiness;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.FlowLogConfig;
import io.vpcflow.streams.FlowLogTopology;
import io.vpcflow.streams.NetworkPublisher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * Not a test (no *Test or *IT name, so {@code verify} never runs it): how fast {@link FlowLogTopology} consumes a
 * packet-events topic beside a minimal windowed count over the same topic, in the same JVM, broker and run. The
 * command and the results are in docs/performance.md.
 *
 * <p>The generator fills {@code bench.packet-events} on an embedded broker once (every scenario on the sample
 * network, simulated clock). Then each round runs, one after the other, (a) the flow-log topology (one flow log per
 * VPC, traffic ALL, 60 s; demo grace and delivery delay, stream time only) and (b) {@code groupByKey} +
 * {@code windowedBy(TimeWindows.ofSizeAndGrace(60 s, grace))} + {@code count()} +
 * {@code suppress(untilWindowCloses)} to an output topic. Both read with the same Avro value serde, exactly_once_v2,
 * one stream thread, the same commit interval and record cache, a new application id and an empty state directory,
 * from the earliest offset. A run's rate is the event count over the time from the client's RUNNING state to the
 * moment the application's committed offsets reach the topic's end offsets (lag 0, polled every {@code poll-ms}).
 * A run whose committed offsets stand still for a minute fails with the offsets it reached: on this shared machine
 * a run sometimes stopped fetching mid-topic (state RUNNING, consumer idle in poll, input end offsets as expected);
 * docs/performance.md has the cases.
 *
 * <p>Memory per active flow, for the flow-log topology: when a run has consumed everything, the windows store still
 * holds the last window's flows (published only after grace + delivery delay of stream time). It is measured three
 * ways and divided by that window's distinct (interface, 5-tuple, action) keys from the generator's ledger: the
 * store's RocksDB size (memtables + SST files + table readers, from Kafka Streams' RocksDB metrics); the serialized
 * key + value bytes of the store's live entries (read back from its changelog); and heap used after a GC, before the
 * client started and at the end (noisy: it also counts the clients' buffers and the record cache).
 *
 * <p>Arguments (all optional, {@code key=value}): {@code minutes=10 intensity=20 partitions=2 rounds=2 grace-s=5
 * commit-ms=100 seed=1 poll-ms=200}.
 */
public final class TopologyBenchmark {
    private static final String PREFIX = "bench";
    private static final String MINIMAL_COUNTS = "minimal-counts";
    private static final String MINIMAL_SUPPRESS = "minimal-suppress";
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** A run whose committed offsets stand still this long has stalled (seen on the shared machine; see docs). */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, String> args;
    private final int partitions;
    private final VpcflowTopics topics = VpcflowTopics.create(PREFIX, new AvroSerdes(SerdeConfig.withoutRegistry()));
    private final Map<Long, Long> flowsPerWindow = new HashMap<>();
    private String bootstrap;
    private long lastProgressNanos = System.nanoTime();

    private TopologyBenchmark(Map<String, String> args) {
        this.args = args;
        this.partitions = Integer.parseInt(args.get("partitions"));
    }

    /** One run's outcome: rate and, for the flow-log topology, the memory figures. */
    private record Run(String name, long events, double seconds, double secondsFromStart, String memory) {
        double rate() {
            return events / seconds;
        }
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>(Map.of("minutes", "10", "intensity", "20", "partitions", "2",
                "rounds", "2", "grace-s", "5", "commit-ms", "100", "seed", "1", "poll-ms", "200"));
        for (String arg : argv) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv[1]);
        }
        new TopologyBenchmark(a).run();
    }

    private void run() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults()
                .withPreferredPort(0))) {
            broker.start();
            bootstrap = broker.bootstrapServers();
            Network sample = loadSample();
            createTopics();
            try (NetworkPublisher publisher = new NetworkPublisher(bootstrap, 1, (short) 1, topics)) {
                publisher.start();
                publisher.publish(subscriptionsOf(sample));
            }
            long events = generate(sample);
            List<Run[]> rounds = new ArrayList<>();
            for (int round = 1; round <= Integer.parseInt(args.get("rounds")); round++) {
                // alternate which one runs first, so that neither always gets the colder JVM
                Run flowLog = round % 2 == 0 ? flowLogRun(round, events) : null;
                Run minimal = minimalRun(round, events);
                flowLog = flowLog == null ? flowLogRun(round, events) : flowLog;
                print(round, flowLog, minimal);
                rounds.add(new Run[] {flowLog, minimal});
            }
            Run[] last = rounds.get(rounds.size() - 1);
            System.out.printf(Locale.ROOT, "RESULT %,d events, %d partitions: flow-log %,.0f events/s, minimal"
                    + " windowed count %,.0f events/s, ratio %.2f (last round)%n", events, partitions,
                    last[0].rate(), last[1].rate(), last[0].rate() / last[1].rate());
            System.out.println("RESULT memory per active flow (flow-log topology, last round): " + last[0].memory());
        }
    }

    private void print(int round, Run flowLog, Run minimal) {
        for (Run r : List.of(flowLog, minimal)) {
            System.out.printf(Locale.ROOT, "round %d %-9s %,d events in %.2f s from RUNNING (%.2f s from start):"
                    + " %,.0f events/s%n", round, r.name(), r.events(), r.seconds(), r.secondsFromStart(), r.rate());
        }
        System.out.printf(Locale.ROOT, "round %d ratio flow-log / minimal: %.2f%n", round,
                flowLog.rate() / minimal.rate());
    }

    /** Fills packet-events; records the distinct ledger keys per 60 s window. */
    private long generate(Network sample) throws InterruptedException {
        GeneratorConfig config = GeneratorConfig.defaults().withStart(Instant.parse("2026-01-05T10:00:00Z"))
                .withSeed(Long.parseLong(args.get("seed"))).withIntensity(Double.parseDouble(args.get("intensity")))
                .simulated(Duration.ofMinutes(Long.parseLong(args.get("minutes"))));
        KafkaSinkConfig sink = KafkaSinkConfig.defaults(bootstrap).withTopicPrefix(PREFIX).withPartitions(partitions);
        Ledger.Listener counter = new Ledger.Listener() {
            @Override
            public void window(long windowStart, Map<Ledger.FlowKey, Ledger.Totals> flows) {
                flowsPerWindow.merge(windowStart, (long) flows.size(), Long::sum);
            }

            @Override
            public void attacks(List<Ledger.AttackEpisode> attacks) {
            }
        };
        TrafficGenerator generator = new TrafficGenerator(config, new Evaluator(CompiledNetwork.of(sample)),
                new KafkaEventSink(sink, null), new Ledger(List.of(counter)));
        try (generator) {
            generator.start();
            generator.await();
        }
        long events = generator.stats().events();
        long flows = flowsPerWindow.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "generated %,d events (%d simulated minutes, intensity %s) in %.1f s;"
                + " %,d distinct (interface, 5-tuple, action, window) keys, %,d in the last window%n", events,
                Long.parseLong(args.get("minutes")), args.get("intensity"), generator.generationNanos() / 1e9, flows,
                lastWindowFlows());
        return events;
    }

    private long lastWindowFlows() {
        return flowsPerWindow.entrySet().stream().max(Map.Entry.comparingByKey()).map(Map.Entry::getValue)
                .orElse(0L);
    }

    private Run flowLogRun(int round, long events) throws Exception {
        FlowLogConfig config = FlowLogConfig.defaults().withAdvanceOnWallClock(false).withPartitions(partitions)
                .withGrace(Duration.ofSeconds(Long.parseLong(args.get("grace-s"))));
        String appId = PREFIX + "-flowlog-" + round;
        long heapBefore = heapUsedAfterGc();
        return measure("flow-log", FlowLogTopology.build(config, topics), appId, events, streams -> {
            long heapAfter = heapUsedAfterGc();
            return memoryPerFlow(streams, appId, heapAfter - heapBefore);
        });
    }

    private Run minimalRun(int round, long events) throws Exception {
        String output = PREFIX + ".minimal-counts-" + round;
        createTopic(output, partitions);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.packetEvents().name(), Consumed.with(Serdes.String(),
                        topics.packetEvents().valueSerde()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(60),
                        Duration.ofSeconds(Long.parseLong(args.get("grace-s")))))
                .count(Materialized.as(MINIMAL_COUNTS))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName(MINIMAL_SUPPRESS))
                .toStream()
                .map((window, count) -> KeyValue.pair(window.key() + "@" + window.window().start(), count))
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return measure("minimal", builder.build(), PREFIX + "-minimal-" + round, events, streams -> "");
    }

    private interface AtEnd {
        String measure(KafkaStreams streams) throws Exception;
    }

    /** Runs {@code topology} from the earliest offset until its committed offsets reach the end offsets. */
    private Run measure(String name, Topology topology, String appId, long events, AtEnd atEnd) throws Exception {
        Path stateDir = Files.createTempDirectory("topology-bench-");
        KafkaStreams streams = new KafkaStreams(topology, streamsProperties(appId, stateDir));
        AtomicLong runningAt = new AtomicLong();
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                runningAt.compareAndSet(0, System.nanoTime());
            }
        });
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> end = endOffsets(admin);
            long start = System.nanoTime();
            streams.start();
            long deadline = start + RUN_TIMEOUT.toNanos();
            long target = end.values().stream().mapToLong(Long::longValue).sum();
            long committed = -1;
            long progressAt = System.nanoTime();
            while (committed < target) {
                long now = committed(admin, appId, end, streams);
                progressAt = now > committed ? System.nanoTime() : progressAt;
                committed = now;
                if (streams.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline
                        || System.nanoTime() - progressAt > STALL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException(name + " did not consume the topic: state " + streams.state()
                            + ", committed " + committed + " of " + target + " offsets, no progress for "
                            + (System.nanoTime() - progressAt) / 1_000_000 + " ms");
                }
                Thread.sleep(Long.parseLong(args.get("poll-ms")));
            }
            long done = System.nanoTime();
            String memory = atEnd.measure(streams);
            return new Run(name, events, (done - runningAt.get()) / 1e9, (done - start) / 1e9, memory);
        } finally {
            streams.close(Duration.ofSeconds(60));
            streams.cleanUp();
        }
    }

    private Properties streamsProperties(String appId, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.parseInt(args.get("commit-ms")));
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return p;
    }

    private String memoryPerFlow(KafkaStreams streams, String appId, long heapDelta) {
        long flows = lastWindowFlows();
        Map<String, Double> rocks = rocksDbMetrics(streams, FlowLogTopology.WINDOWS_STORE);
        double rocksBytes = rocks.getOrDefault("size-all-mem-tables", 0.0)
                + rocks.getOrDefault("total-sst-files-size", 0.0)
                + rocks.getOrDefault("estimate-table-readers-mem", 0.0);
        long[] live = liveChangelogEntries(appId + "-" + FlowLogTopology.WINDOWS_STORE + "-changelog");
        return String.format(Locale.ROOT, "%,d flows pending in the last window (ledger); RocksDB %s store %,.0f B"
                + " (memtables %,.0f + SST %,.0f + readers %,.0f; estimate-num-keys %,.0f) = %,.0f B/flow;"
                + " serialized live entries %,d of %,d B = %,.0f B/flow; heap after GC +%,d B = %,.0f B/flow",
                flows, FlowLogTopology.WINDOWS_STORE, rocksBytes, rocks.getOrDefault("size-all-mem-tables", 0.0),
                rocks.getOrDefault("total-sst-files-size", 0.0),
                rocks.getOrDefault("estimate-table-readers-mem", 0.0),
                rocks.getOrDefault("estimate-num-keys", 0.0), rocksBytes / flows, live[0], live[1],
                (double) live[1] / Math.max(1, live[0]), heapDelta, (double) heapDelta / flows);
    }

    /** The store's RocksDB property metrics, summed over its tasks. */
    private static Map<String, Double> rocksDbMetrics(KafkaStreams streams, String store) {
        Map<String, Double> out = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName n = e.getKey();
            if (store.equals(n.tags().get("rocksdb-state-id")) && e.getValue().metricValue() instanceof Number v) {
                out.merge(n.name(), v.doubleValue(), Double::sum);
            }
        }
        return out;
    }

    /** Keys whose last changelog record is not a tombstone, and their key + value bytes. */
    private long[] liveChangelogEntries(String changelog) {
        Map<String, Integer> lastSize = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(changelog).stream()
                    .map(p -> new TopicPartition(changelog, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    String key = r.partition() + ":" + java.util.HexFormat.of().formatHex(r.key());
                    if (r.value() == null) {
                        lastSize.remove(key);
                    } else {
                        lastSize.put(key, r.key().length + r.value().length);
                    }
                });
            }
        }
        return new long[] {lastSize.size(), lastSize.values().stream().mapToLong(Integer::longValue).sum()};
    }

    private static long heapUsedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Committed offsets of the input summed over its partitions (each capped at its end offset). */
    private long committed(Admin admin, String appId, Map<TopicPartition, Long> end, KafkaStreams streams)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        if (System.nanoTime() - lastProgressNanos > PROGRESS_EVERY.toNanos()) {
            lastProgressNanos = System.nanoTime();
            System.out.printf(Locale.ROOT, "  %s (%s): committed %s of %s%n", appId, streams.state(),
                    committed.values().stream()
                    .mapToLong(OffsetAndMetadata::offset).sum(), end.values().stream().mapToLong(Long::longValue)
                    .sum());
        }
        return end.entrySet().stream().mapToLong(e -> committed.get(e.getKey()) == null ? 0
                : Math.min(e.getValue(), committed.get(e.getKey()).offset())).sum();
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        String topic = topics.packetEvents().name();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private void createTopics() throws Exception {
        for (String name : List.of(topics.packetEvents().name(), topics.flowLogs().name(),
                topics.flowLogLines().name())) {
            createTopic(name, partitions);
        }
    }

    private void createTopic(String name, int count) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, count, (short) 1))).all().get(30, TimeUnit.SECONDS);
            TopicReadiness.awaitLeaders(admin, List.of(name), LEADER_TIMEOUT);
        }
    }


    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** What the global tables need: the VPCs, subnets and interfaces, and one flow log per VPC (ALL, 60 s). */
    private static Network subscriptionsOf(Network n) {
        Network.Builder b = Network.builder();
        n.vpcs().forEach(b::add);
        n.subnets().forEach(b::add);
        n.networkInterfaces().forEach(b::add);
        n.vpcs().forEach(v -> b.add(new FlowLog("fl-bench-" + v.id(), null, null, v.id(), FlowLog.TrafficType.ALL,
                60, null, "kafka")));
        return b.build();
    }

    private static Network loadSample() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("examples/sample-network.yaml");
            if (Files.isRegularFile(file)) {
                LoadedNetwork loaded = NetworkLoader.load(file);
                if (loaded.hasErrors()) {
                    throw new IllegalStateException("sample network has errors: " + loaded.problems());
                }
                return loaded.network();
            }
        }
        throw new IllegalStateException("run the benchmark inside the vpcflow checkout");
    }
}
