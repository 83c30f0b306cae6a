package io.vpcflow.streams;

import java.util.Set;

import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Packet events to AWS VPC flow-log records, per flow-log subscription and aggregation window.
 *
 * <p>Reads:
 * <ul>
 *   <li>{@code <prefix>.packet-events}: key interface id (String), value {@code PacketEvent} (Avro). Must be keyed
 *       by interface id with the producer's default partitioner: one interface's events stay in one partition and
 *       the topology needs no repartition topic.</li>
 *   <li>{@code <prefix>.subscriptions} (compacted, global store {@value #SUBSCRIPTIONS_STORE}): key flow-log id
 *       (String), value {@code FlowLogSubscription} (Avro); null value deletes.</li>
 *   <li>{@code <prefix>.interfaces} (compacted, global store {@value #INTERFACES_STORE}): key interface id
 *       (String), value {@code NetworkInterfaceMetadata} (Avro); null value deletes.</li>
 * </ul>
 * Writes:
 * <ul>
 *   <li>{@code <prefix>.flow-logs}: key interface id (String), value {@code FlowLogRecord} (Avro) with the
 *       subscription id and, on REJECT, vpcflow's explanation code, blocking component and rule. One interface's
 *       records in window order, as in its CloudWatch log stream.</li>
 *   <li>{@code <prefix>.flow-log-lines}: key {@code <subscriptionId>/<interfaceId>} (String), value the AWS text
 *       line in the subscription's log format (String, byte-exact, no vpcflow fields).</li>
 *   <li>Changelogs of the four task stores, {@code <application.id>-<store>-changelog}, which Kafka Streams creates
 *       with the partition count of packet-events: {@value #WINDOWS_STORE} (pending records: key
 *       {@link WindowKey}, value a flow's counters and the fields of its first event in a binary layout
 *       ({@link FlowValueFormat}), or a NODATA/SKIPDATA record; open flows are written in batches, one entry per
 *       window and commit, see {@link FlowAggregate}; the open flows are
 *       held in memory and written before each commit, see
 *       {@link FlowStore}), {@value #ACTIVITY_STORE} (which interface had traffic in which window, for NODATA),
 *       {@value #SKIPDATA_STORE} (windows that already have a SKIPDATA record) and {@value #PROGRESS_STORE}
 *       (watermark, windows closed).</li>
 * </ul>
 * See {@link FlowLogProcessor} for the time semantics and {@link FlowLogConfig} for every setting.
 */
public final class FlowLogTopology {
    public static final String SUBSCRIPTIONS_STORE = "flow-log-subscriptions";
    public static final String INTERFACES_STORE = "flow-log-interfaces";
    public static final String WINDOWS_STORE = "flow-log-windows";
    public static final String ACTIVITY_STORE = "flow-log-activity";
    public static final String SKIPDATA_STORE = "flow-log-skipdata";
    public static final String PROGRESS_STORE = "flow-log-progress";

    static final String EVENTS_SOURCE = "packet-events";
    static final String PROCESSOR = "flow-log-aggregator";
    static final String RECORDS_SINK = "flow-logs";
    static final String LINES_SINK = "flow-log-lines";

    private FlowLogTopology() {
    }

    /** The topology with its own counters (read them through the three-argument form). */
    public static Topology build(FlowLogConfig config, VpcflowTopics topics) {
        return build(config, topics, new FlowLogCounters());
    }

    public static Topology build(FlowLogConfig config, VpcflowTopics topics, FlowLogCounters counters) {
        ChangeSignal signal = new ChangeSignal();
        Topology topology = new Topology();
        addGlobalTable(topology, topics.subscriptions(), SUBSCRIPTIONS_STORE, signal);
        addGlobalTable(topology, topics.interfaces(), INTERFACES_STORE, signal);

        Topic<String, PacketEvent> events = topics.packetEvents();
        // the key (the interface id, also in the value) is only for partitioning: it is left undecoded; the value is
        // read from its bytes (PacketEventBytes), not decoded into a PacketEvent
        topology.addSource(AutoOffsetReset.earliest(), EVENTS_SOURCE, new PacketEventTimestamps(),
                new ByteArrayDeserializer(), PacketEventBytes.deserializer(events.valueSerde().deserializer()),
                events.name());
        Set<StoreBuilder<?>> stores = Set.of(
                FlowStore.builder(WINDOWS_STORE, topics.flowLogs().valueSerde(), config.maxFlowsInMemory()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACTIVITY_STORE), Serdes.Bytes(),
                        Serdes.Long()).withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SKIPDATA_STORE), Serdes.Bytes(),
                        Serdes.Long()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROGRESS_STORE), Serdes.String(),
                        Serdes.Long()));
        topology.addProcessor(PROCESSOR, new ProcessorSupplier<byte[], PacketEventBytes, String, Object>() {
            @Override
            public Processor<byte[], PacketEventBytes, String, Object> get() {
                return new FlowLogProcessor(config, counters, signal);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        }, EVENTS_SOURCE);

        Topic<String, FlowLogRecord> records = topics.flowLogs();
        topology.addSink(RECORDS_SINK, records.name(), records.keySerde().serializer(),
                records.valueSerde().serializer(), PROCESSOR);
        Topic<String, String> lines = topics.flowLogLines();
        topology.addSink(LINES_SINK, lines.name(), lines.keySerde().serializer(), lines.valueSerde().serializer(),
                PROCESSOR);
        return topology;
    }

    private static <V> void addGlobalTable(Topology topology, Topic<String, V> topic, String storeName,
                                           ChangeSignal signal) {
        StoreBuilder<KeyValueStore<String, V>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(storeName), topic.keySerde(), topic.valueSerde()).withLoggingDisabled();
        topology.addGlobalStore(store, storeName + "-source", topic.keySerde().deserializer(),
                topic.valueSerde().deserializer(), topic.name(), storeName + "-updater",
                () -> new GlobalTableUpdater<V>(storeName, signal));
    }
}
