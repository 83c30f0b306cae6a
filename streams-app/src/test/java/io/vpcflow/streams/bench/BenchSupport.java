package io.vpcflow.streams.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.vpcflow.model.FlowLog;
import io.vpcflow.model.Network;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.schemas.topic.TopicReadiness;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;

/** What the benchmarks share: the sample network, topics, the minimal topology, Kafka Streams settings, offsets. */
final class BenchSupport {
    static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);
    /**
     * The stream threads' transactions may stay open this long. Kafka Streams' default under exactly_once_v2 is 10 s;
     * on this shared machine (load averages above 10 on 2 cores) a commit cycle sometimes took longer, the broker
     * aborted the transaction and the client died with {@code InvalidTxnStateException}.
     */
    static final int TRANSACTION_TIMEOUT_MS = 60_000;

    private BenchSupport() {
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /**
     * Creates a topic that keeps its records however old their timestamps: the generator stamps events with its
     * simulated clock (January 2026), and with the broker's default 7-day retention the log cleaner's first pass
     * (5 minutes after the broker started) deleted every segment of the input topic; a streams client then reset to
     * the new log start and waited in poll with its committed offsets short of the end (the "stalls" of the first
     * benchmark runs).
     */
    static void createTopic(String bootstrap, String name, int partitions) throws Exception {
        createTopic(bootstrap, name, partitions, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
    }

    /** An output topic: stamped with the broker's append time, see {@link #streamsProperties}. */
    static void createOutputTopic(String bootstrap, String name, int partitions) throws Exception {
        createTopic(bootstrap, name, partitions, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
    }

    private static void createTopic(String bootstrap, String name, int partitions, Map<String, String> configs)
            throws Exception {
        try (Admin admin = admin(bootstrap)) {
            NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            TopicReadiness.awaitLeaders(admin, List.of(name), LEADER_TIMEOUT);
        }
    }

    /**
     * exactly_once_v2, one stream thread, the given commit interval, default record cache, RocksDB stores. The
     * internal topics (changelogs) are stamped with the broker's append time: with the records' own timestamps
     * (January 2026) the broker takes a transactional producer whose last batch on a partition is older than
     * {@code producer.id.expiration.ms} (1 day) as expired at its periodic check, forgets its sequence numbers, and
     * rejects its next batch there with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} (seen mid-run, retried, slowing it).
     */
    static Properties streamsProperties(String bootstrap, String appId, Path stateDir, int commitMs) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitMs);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), TRANSACTION_TIMEOUT_MS);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG), "LogAppendTime");
        return p;
    }

    /**
     * The smallest windowed aggregation Kafka Streams offers: count per interface and 60-s window, suppressed until
     * the window closes, to {@code output}.
     */
    static Topology minimalTopology(VpcflowTopics topics, String output, long graceSeconds, String storeName) {
        return minimalTopology(topics, output, 60, graceSeconds, storeName);
    }

    /** The same with windows of {@code windowSeconds}. */
    static Topology minimalTopology(VpcflowTopics topics, String output, long windowSeconds, long graceSeconds,
                                    String storeName) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.packetEvents().name(), Consumed.with(Serdes.String(),
                        topics.packetEvents().valueSerde()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(windowSeconds),
                        Duration.ofSeconds(graceSeconds)))
                .count(Materialized.as(storeName))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName(storeName + "-suppress"))
                .toStream()
                .map((window, count) -> KeyValue.pair(window.key() + "@" + window.window().start(), count))
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The group's committed offsets of the partitions in {@code end}, summed, each capped at its end offset. */
    static long committed(Admin admin, String appId, Map<TopicPartition, Long> end) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return end.entrySet().stream().mapToLong(e -> committed.get(e.getKey()) == null ? 0
                : Math.min(e.getValue(), committed.get(e.getKey()).offset())).sum();
    }

    static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** CPU time so far of the application's stream threads (not its producer, consumer or global threads). */
    static long streamThreadCpuNanos(String appId) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(appId + "-") && t.getName().matches(".*-StreamThread-\\d+$")) {
                nanos += Math.max(0, mx.getThreadCpuTime(t.getId()));
            }
        }
        return nanos;
    }

    /** Stacks of the Kafka Streams threads, to tell a stalled run's cause. */
    static String streamThreadStacks() {
        StringBuilder out = new StringBuilder();
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            if (t.getThreadName().contains("StreamThread") || t.getThreadName().contains("GlobalStreamThread")) {
                out.append(t.getThreadName()).append(' ').append(t.getThreadState()).append('\n');
                for (StackTraceElement e : t.getStackTrace()) {
                    out.append("    at ").append(e).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** What the global tables need: the VPCs, subnets and interfaces, and one flow log per VPC (ALL, 60 s). */
    static Network subscriptionsOf(Network n) {
        return subscriptionsOf(n, 60);
    }

    /** The same with aggregation interval {@code intervalSeconds} (60 or 600). */
    static Network subscriptionsOf(Network n, int intervalSeconds) {
        Network.Builder b = Network.builder();
        n.vpcs().forEach(b::add);
        n.subnets().forEach(b::add);
        n.networkInterfaces().forEach(b::add);
        n.vpcs().forEach(v -> b.add(new FlowLog("fl-bench-" + v.id(), null, null, v.id(), FlowLog.TrafficType.ALL,
                intervalSeconds, null, "kafka")));
        return b.build();
    }

    static Path samplePath() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("examples/sample-network.yaml");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("run the benchmark inside the vpcflow checkout");
    }

    static Network loadSample() {
        LoadedNetwork loaded = NetworkLoader.load(samplePath());
        if (loaded.hasErrors()) {
            throw new IllegalStateException("sample network has errors: " + loaded.problems());
        }
        return loaded.network();
    }

    static Map<String, String> args(String[] argv, Map<String, String> defaults) {
        Map<String, String> a = new HashMap<>(defaults);
        for (String arg : argv) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !defaults.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: " + defaults.keySet());
            }
            a.put(kv[0], kv[1]);
        }
        return a;
    }
}
