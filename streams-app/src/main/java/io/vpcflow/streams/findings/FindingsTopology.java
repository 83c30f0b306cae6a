package io.vpcflow.streams.findings;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.vpcflow.model.Network;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.SharedSources;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Flow-log records to findings: the anomaly detectors of {@link Detectors}, folded GuardDuty-style.
 *
 * <p>Reads:
 * <ul>
 *   <li>{@code <prefix>.flow-logs}: key interface id (String), value {@code FlowLogRecord} (Avro), through the
 *       shared source node {@link SharedSources#flowLogs}. Written by {@code FlowLogTopology} or by {@code vpcflow
 *       ingest} (real AWS flow logs).</li>
 * </ul>
 * Writes:
 * <ul>
 *   <li>{@code <prefix>.findings}: key finding id (String), value {@code Finding} (Avro), the finding's current
 *       state, on open and on update (at most once per {@code update-interval} per finding).</li>
 *   <li>Changelogs of the task stores: {@value #COUNTS_STORE} and {@value #NOTES_STORE} (per-bucket counters and
 *       notes, window stores), {@value #FACTS_STORE} (baselines, learned ports, chosen subscriptions, pending
 *       decisions), {@value #FINDINGS_STORE} (open findings by id) and {@value #WRITTEN_STORE} (when each finding
 *       was last written).</li>
 * </ul>
 * The flow-logs topic is keyed by interface id, so one interface's records reach one task in window order and no
 * repartition topic is needed. Detectors that compare an actor across interfaces (a sweep seen by many targets)
 * therefore see only the interfaces of one task; each detector's docs say which side it watches.
 */
public final class FindingsTopology {
    public static final String COUNTS_STORE = "findings-counts";
    public static final String NOTES_STORE = "findings-notes";
    public static final String FACTS_STORE = "findings-facts";
    public static final String FINDINGS_STORE = "findings-open";
    public static final String WRITTEN_STORE = "findings-written";
    static final String PROCESSOR = "findings-detectors";
    static final String SINK = "findings-sink";
    /** How long per-bucket counters are kept: long enough for late records of a bucket. */
    static final Duration BUCKET_RETENTION = Duration.ofHours(2);

    private FindingsTopology() {
    }

    /** A topology holding only the findings sub-topology, for tests that feed flow-log records directly. */
    public static Topology build(FindingsConfig config, VpcflowTopics topics, MeterRegistry registry,
                                 Network network) {
        Topology topology = new Topology();
        addTo(topology, config, topics, registry, network);
        return topology;
    }

    /**
     * Adds the detectors to {@code topology}, reading the shared flow-logs source. {@code network} may be null:
     * the detectors that need the model then stay off (docs/findings.md says which).
     */
    public static void addTo(Topology topology, FindingsConfig config, VpcflowTopics topics, MeterRegistry registry,
                             Network network) {
        String source = SharedSources.flowLogs(topology, topics);
        List<Detector> detectors = Detectors.create(config, network == null ? null : NetworkFacts.of(network));
        Topic<String, Finding> findings = topics.findings();
        Duration bucket = config.bucket();
        Duration retention = BUCKET_RETENTION.compareTo(bucket) > 0 ? BUCKET_RETENTION : bucket.multipliedBy(2);
        Set<StoreBuilder<?>> stores = Set.of(
                Stores.windowStoreBuilder(Stores.persistentWindowStore(COUNTS_STORE, retention, bucket, false),
                        Serdes.String(), Serdes.Long()).withCachingEnabled(),
                Stores.windowStoreBuilder(Stores.persistentWindowStore(NOTES_STORE, retention, bucket, false),
                        Serdes.String(), Serdes.String()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FACTS_STORE), Serdes.String(),
                        Serdes.String()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FINDINGS_STORE), Serdes.String(),
                        findings.valueSerde()).withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WRITTEN_STORE), Serdes.String(),
                        Serdes.Long()));
        topology.addProcessor(PROCESSOR, new ProcessorSupplier<String, FlowLogRecord, String, Finding>() {
            @Override
            public Processor<String, FlowLogRecord, String, Finding> get() {
                return new FindingsProcessor(config, detectors, registry);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        }, source);
        topology.addSink(SINK, findings.name(), findings.keySerde().serializer(), findings.valueSerde().serializer(),
                PROCESSOR);
    }
}
