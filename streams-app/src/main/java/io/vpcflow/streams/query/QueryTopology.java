package io.vpcflow.streams.query;

import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.SharedSources;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The stores the query API reads, built from the pipeline's outputs.
 * <ul>
 *   <li>reads {@code <prefix>.flow-logs} (key interface id, String; value {@code FlowLogRecord}, Avro) through the
 *       shared source node and keeps, per partition: {@value #RECORDS} (every record of an interface in time
 *       order), {@value #TRAFFIC} (bytes, packets and records per interface and minute, OK records) and
 *       {@value #REJECTS} (REJECT records per interface, minute, blocking component, rule and explanation code);</li>
 *   <li>reads {@code <prefix>.findings} (key finding id, String; value {@code Finding}, Avro; a null value deletes)
 *       into {@value #FINDINGS}, latest value per id.</li>
 * </ul>
 * Writes no topic. Every store is keyed so that its partition is the partition of the input key (interface id or
 * finding id): the instance that owns a key's input partition owns the key's data, which makes
 * {@code KafkaStreams.queryMetadataForKey(store, key, StringSerializer)} point at the right instance. The stores are
 * persistent with changelogs, so standby replicas ({@code num.standby.replicas}) can serve stale reads.
 * Records are kept for the life of the topics: the stores have no retention of their own yet.
 */
public final class QueryTopology {
    public static final String RECORDS = "query-flow-log-records";
    public static final String TRAFFIC = "query-traffic-minutes";
    public static final String REJECTS = "query-reject-minutes";
    public static final String FINDINGS = "query-findings";
    static final String INDEXER = "query-flow-log-indexer";
    static final String FINDINGS_SOURCE = "query-findings-source";
    static final String FINDINGS_WRITER = "query-findings-writer";

    private QueryTopology() {
    }

    /** Adds the query stores and their processors to {@code topology}. */
    public static Topology addTo(Topology topology, VpcflowTopics topics) {
        String flowLogs = SharedSources.flowLogs(topology, topics);
        topology.addProcessor(INDEXER, FlowLogIndexer::new, flowLogs);
        topology.addStateStore(store(RECORDS, StoredFlowLog.serde(topics.flowLogs().valueSerde())), INDEXER);
        topology.addStateStore(store(TRAFFIC, TrafficTotalsSerde.serde()), INDEXER);
        topology.addStateStore(store(REJECTS, JsonSerde.of(RejectTotals.class)), INDEXER);

        Topic<String, Finding> findings = topics.findings();
        topology.addSource(AutoOffsetReset.earliest(), FINDINGS_SOURCE, findings.keySerde().deserializer(),
                findings.valueSerde().deserializer(), findings.name());
        topology.addProcessor(FINDINGS_WRITER, FindingWriter::new, FINDINGS_SOURCE);
        topology.addStateStore(store(FINDINGS, findings.valueSerde()), FINDINGS_WRITER);
        return topology;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }
}
