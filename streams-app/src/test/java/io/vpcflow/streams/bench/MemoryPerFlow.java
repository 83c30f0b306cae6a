package io.vpcflow.streams.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vpcflow.streams.FlowLogTopology;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Bytes per pending flow of the flow-log topology's windows store, three ways: the store's RocksDB size (memtables +
 * SST files + table readers, from Kafka Streams' RocksDB metrics), the serialized key + value bytes of the store's
 * live entries (read back from its changelog), and heap used after a GC, before the client started and at the end
 * (noisy: it also counts the clients' buffers, the record cache and the flows {@code FlowStore} holds in memory).
 */
final class MemoryPerFlow {
    private MemoryPerFlow() {
    }

    static String measure(KafkaStreams streams, String bootstrap, String appId, long flows, long heapDelta) {
        Map<String, Double> rocks = rocksDbMetrics(streams, FlowLogTopology.WINDOWS_STORE);
        double rocksBytes = rocks.getOrDefault("size-all-mem-tables", 0.0)
                + rocks.getOrDefault("total-sst-files-size", 0.0)
                + rocks.getOrDefault("estimate-table-readers-mem", 0.0);
        long[] live = liveChangelogEntries(bootstrap, appId + "-" + FlowLogTopology.WINDOWS_STORE + "-changelog");
        return String.format(Locale.ROOT, "%,d flows pending in the last window (ledger); RocksDB %s store %,.0f B"
                + " (memtables %,.0f + SST %,.0f + readers %,.0f; estimate-num-keys %,.0f) = %,.0f B/flow;"
                + " serialized live entries %,d of %,d B = %,.0f B/entry; heap after GC +%,d B = %,.0f B/flow",
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

    /** Keys whose last committed changelog record is not a tombstone, and their key + value bytes. */
    private static long[] liveChangelogEntries(String bootstrap, String changelog) {
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
                    String key = r.partition() + ":" + HexFormat.of().formatHex(r.key());
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

    static long heapUsedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
