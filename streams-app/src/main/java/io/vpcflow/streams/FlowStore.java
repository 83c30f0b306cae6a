package io.vpcflow.streams;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.vpcflow.schemas.avro.FlowLogRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The windows store ({@value FlowLogTopology#WINDOWS_STORE}): pending flow-log records by {@link WindowKey}, values
 * in {@link FlowAggregate}'s format, in a changelogged RocksDB key-value store, with the open flows in memory in
 * front of it.
 *
 * <p>An event changes its flow's {@link FlowAggregate} in memory only; the changed flows are written to the RocksDB
 * store (and so to its changelog) when Kafka Streams flushes its caches before every commit, in the commit's
 * transaction under exactly_once_v2. So what is in the store at a commit is every event up to the committed offsets,
 * as with Kafka Streams' own record cache, but an event costs no serialization and no store call when its flow is in
 * memory, and a flow is written once per commit however many events it had. A window that began after the store was
 * opened (and whose flows were never evicted) is complete in memory, so a new flow there costs no store read either.
 * For that flush this class implements
 * Kafka Streams' {@code CachedStateStore}, the interface its own caching layer uses (Kafka Streams 4.4 calls
 * {@code flushCache()} of every such store in {@code StreamTask.prepareCommit}; {@code FlowStoreTest} checks that the
 * changelog has each flow after each commit). After a restart or a dirty close the memory starts empty and flows are
 * read back from the store on first use.
 *
 * <p>Flows stay in memory after they are written, until their window is published or more than
 * {@value #RETAINED_FLOWS} flows are held after a flush, which then empties the memory (about 430 bytes of heap per
 * held flow once written: key, encoded fields, counters and map entry; a new flow holds its first event until
 * the next flush). NODATA and SKIPDATA records go straight to the store.
 */
final class FlowStore implements StateStore, CachedStateStore<Bytes, byte[]> {
    /** Most flows held in memory after a flush. */
    static final int RETAINED_FLOWS = 100_000;

    private final String name;
    private final KeyValueStore<Bytes, byte[]> inner;
    private final Serde<FlowLogRecord> serde;
    private final NavigableMap<Long, Map<Bytes, FlowAggregate>> byWindowEnd = new TreeMap<>();
    /** The flows changed since they were last written, by window end. */
    private final NavigableMap<Long, List<FlowAggregate>> dirty = new TreeMap<>();
    private TimeOrderedStore<byte[]> queue;
    private String topic;
    private int held;
    /**
     * Windows ending after this hold all their flows in memory, so a flow not in memory is new and needs no store
     * read; null until the first read after (re)initialization, when restoration is over.
     */
    private Long completeAfter;
    private long highestHeld = Long.MIN_VALUE;

    private FlowStore(String name, KeyValueStore<Bytes, byte[]> inner, Serde<FlowLogRecord> serde) {
        this.name = name;
        this.inner = inner;
        this.serde = serde;
    }

    /**
     * A persistent, changelogged store of this kind. Kafka Streams' record cache is never used under it: the flows in
     * memory are this store's cache, so {@code withCachingEnabled} is ignored.
     */
    static StoreBuilder<FlowStore> builder(String name, Serde<FlowLogRecord> serde) {
        return new Builder(name, serde, Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled());
    }

    private record Builder(String name, Serde<FlowLogRecord> serde, StoreBuilder<KeyValueStore<Bytes, byte[]>> inner)
            implements StoreBuilder<FlowStore> {
        @Override
        public StoreBuilder<FlowStore> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<FlowStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<FlowStore> withLoggingEnabled(Map<String, String> config) {
            return new Builder(name, serde, inner.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<FlowStore> withLoggingDisabled() {
            return new Builder(name, serde, inner.withLoggingDisabled());
        }

        @Override
        public FlowStore build() {
            return new FlowStore(name, inner.build(), serde);
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }
    }

    /** The flow, from memory or the store; null if the window has no such flow yet. */
    FlowAggregate flow(long windowEnd, Bytes key) {
        Map<Bytes, FlowAggregate> window = byWindowEnd.get(windowEnd);
        FlowAggregate flow = window == null ? null : window.get(key);
        if (flow != null || windowEnd > completeAfter()) {
            return flow;
        }
        byte[] stored = inner.get(key);
        if (stored == null) {
            return null;
        }
        flow = FlowAggregate.decode(windowEnd, key, stored, serde.deserializer(), topic);
        hold(flow);
        return flow;
    }

    /** A flow new to the store. */
    void add(FlowAggregate flow) {
        hold(flow);
        changed(flow);
    }

    /** Queues the flow for the next flush. */
    void changed(FlowAggregate flow) {
        if (flow.markDirty()) {
            dirty.computeIfAbsent(flow.windowEnd(), end -> new ArrayList<>()).add(flow);
        }
    }

    /** A whole record (NODATA, SKIPDATA), written to the store at once. */
    void putRecord(long windowEnd, Bytes key, FlowLogRecord record) {
        queue.put(windowEnd, key, serde.serializer().serialize(topic, record));
    }

    /** Removes every record whose window ended at or before {@code windowEnd}, in key order, handing each over. */
    void removeUpTo(long windowEnd, Consumer<FlowLogRecord> action) {
        write(dirty.headMap(windowEnd, true));
        Map<Long, Map<Bytes, FlowAggregate>> due = byWindowEnd.headMap(windowEnd, true);
        due.values().forEach(window -> held -= window.size());
        due.clear();
        queue.removeUpTo(windowEnd, (key, value) -> action.accept(FlowAggregate.toRecord(value,
                serde.deserializer(), topic)));
    }

    private void hold(FlowAggregate flow) {
        byWindowEnd.computeIfAbsent(flow.windowEnd(), end -> new HashMap<>()).put(flow.key(), flow);
        held++;
        highestHeld = Math.max(highestHeld, flow.windowEnd());
    }

    /** The highest window end in the store when first asked: windows after it are new to this instance. */
    private long completeAfter() {
        if (completeAfter == null) {
            completeAfter = Long.MIN_VALUE;
            try (KeyValueIterator<Bytes, byte[]> last = inner.reverseAll()) {
                if (last.hasNext()) {
                    completeAfter = ByteBuffer.wrap(last.next().key.get()).getLong();
                }
            }
        }
        return completeAfter;
    }

    /** Drops the flows held in memory; their windows are no longer complete in memory. */
    private void evict() {
        byWindowEnd.clear();
        held = 0;
        if (completeAfter != null) {
            completeAfter = Math.max(completeAfter, highestHeld);
        }
    }

    /**
     * Writes the given changed flows to the store and forgets them as changed. Publication writes only the flows
     * it is about to publish (a stream-time punctuation can come many times per commit in a replay, and a flow is
     * best written once per commit), the flush before a commit all of them.
     */
    private void write(Map<Long, List<FlowAggregate>> changed) {
        for (List<FlowAggregate> window : changed.values()) {
            for (FlowAggregate flow : window) {
                queue.put(flow.windowEnd(), flow.key(), flow.encode());
                flow.markClean();
            }
        }
        changed.clear();
    }

    private void forget() {
        dirty.clear();
        byWindowEnd.clear();
        held = 0;
        completeAfter = null;
        highestHeld = Long.MIN_VALUE;
    }

    /** Before every commit (and a clean close): the changed flows into the store and its changelog. */
    @Override
    public void flushCache() {
        write(dirty);
        if (held > RETAINED_FLOWS) {
            evict();
        }
    }

    /** After a dirty close or a corrupted task: what is in memory was never committed. */
    @Override
    public void clearCache() {
        forget();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        forget();
        topic = context.applicationId() + "-" + name + "-changelog";
        inner.init(context, root);
        queue = TimeOrderedStore.over(inner);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public long approximateNumUncommittedBytes() {
        return inner.approximateNumUncommittedBytes();
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }

    @Override
    public void close() {
        forget();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
