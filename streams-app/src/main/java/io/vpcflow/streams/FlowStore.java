package io.vpcflow.streams;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
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
 * The windows store ({@value FlowLogTopology#WINDOWS_STORE}): pending flow-log records, in a changelogged RocksDB
 * key-value store of bytes, with the open flows in memory in front of it.
 *
 * <p>An event changes its flow's {@link FlowAggregate} in memory only. When Kafka Streams flushes its caches before
 * every commit (in the commit's transaction under exactly_once_v2), the flows changed since the last commit are
 * written, per window, as <em>batch</em> entries: key the window's end, a sequence number and a tag
 * ({@value #BATCH_KEY_LENGTH} bytes), value the changed flows' keys, counters and fields
 * ({@link FlowValueFormat.BatchWriter}, at most about {@value #BATCH_BYTES} bytes per entry). So a commit costs one
 * store entry and changelog record per window touched (and per {@value #BATCH_BYTES} bytes), not one per flow, and
 * publishing a window costs one delete per batch entry, not one per flow. A flow's latest state is in the batch with
 * the highest sequence number that holds it. What is in the store at a commit is therefore every event up to the
 * committed offsets, as with Kafka Streams' own record cache. For that flush this class implements Kafka Streams'
 * {@code CachedStateStore}, the interface its own caching layer uses (Kafka Streams 4.4 calls {@code flushCache()} of
 * every such store in {@code StreamTask.prepareCommit}; {@code FlowStoreTest} reads the changelog after each commit).
 *
 * <p>A window written in batches is held whole in memory: its flows are found and published from memory, merged in
 * key order with the NODATA/SKIPDATA records of the store, and its entries deleted by one range scan. After a restart
 * or a dirty close the memory is empty; on first use (restoration is then over) every batch in the store is read
 * back into memory, later batches overriding earlier ones.
 *
 * <p>Memory is bounded: when more than {@code retainedFlows} ({@link FlowLogConfig#maxFlowsInMemory()}) flows are
 * held after a flush, every held flow is written as an entry of its own (key its {@link WindowKey}, value
 * {@link FlowValueFormat}), the batches of those windows are deleted, and the memory is emptied. Those windows (up to
 * {@code completeAfter}) are then read and written one flow at a time, as the store's earlier versions did for every
 * window; their entries and the ones such versions left behind read as before. About 430 bytes of heap per held
 * flow once written (key, encoded fields, counters and map entry); a new flow holds its first event until the next
 * flush. NODATA and SKIPDATA records go straight to the store, one entry each.
 */
final class FlowStore implements StateStore, CachedStateStore<Bytes, byte[]> {
    /** A batch entry is closed once it holds this many bytes. */
    static final int BATCH_BYTES = 256 * 1024;
    static final int BATCH_KEY_LENGTH = 2 * Long.BYTES + 1;
    private static final byte BATCH_TAG = 'B';
    /** The store's order: keys as unsigned bytes, as RocksDB's default comparator and {@code Bytes} order them. */
    private static final Comparator<FlowAggregate> KEY_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.keyBytes(), b.keyBytes());
    /** A batched window is written again once its entries hold this many flow states per flow ... */
    static final int REWRITE_FACTOR = 2;
    /** ... and at least this many. */
    static final int REWRITE_MIN = 1_000;

    private final String name;
    private final KeyValueStore<Bytes, byte[]> inner;
    private final Serde<FlowLogRecord> serde;
    private final int retainedFlows;
    private final NavigableMap<Long, Map<Bytes, FlowAggregate>> byWindowEnd = new TreeMap<>();
    /** The flows changed since they were last written, by window end. */
    private final NavigableMap<Long, List<FlowAggregate>> dirty = new TreeMap<>();
    /** The batch entries in the store, by window end. */
    private final NavigableMap<Long, WindowBatches> batches = new TreeMap<>();
    private TimeOrderedStore<byte[]> queue;
    private String topic;
    private int held;
    private long nextBatch;
    /**
     * Windows ending after this are written in batches and held whole in memory, so a flow not in memory is new and
     * needs no store read; windows up to it are written one flow at a time. Null until the store is first used after
     * (re)initialization, when restoration is over and the batches are read back.
     */
    private Long completeAfter;
    private long highestHeld = Long.MIN_VALUE;
    private Map<Bytes, FlowAggregate> lastWindow;
    private long lastWindowEnd;
    private int lastWindowSize;

    private FlowStore(String name, KeyValueStore<Bytes, byte[]> inner, Serde<FlowLogRecord> serde,
                      int retainedFlows) {
        this.name = name;
        this.inner = inner;
        this.serde = serde;
        this.retainedFlows = retainedFlows;
    }

    /**
     * A persistent, changelogged store of this kind, holding at most {@code retainedFlows} flows in memory after a
     * flush. Kafka Streams' record cache is never used under it: the flows in memory are this store's cache, so
     * {@code withCachingEnabled} is ignored.
     */
    static StoreBuilder<FlowStore> builder(String name, Serde<FlowLogRecord> serde, int retainedFlows) {
        return new Builder(name, serde, retainedFlows, Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled());
    }

    private record Builder(String name, Serde<FlowLogRecord> serde, int retainedFlows,
                           StoreBuilder<KeyValueStore<Bytes, byte[]>> inner) implements StoreBuilder<FlowStore> {
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
            return new Builder(name, serde, retainedFlows, inner.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<FlowStore> withLoggingDisabled() {
            return new Builder(name, serde, retainedFlows, inner.withLoggingDisabled());
        }

        @Override
        public FlowStore build() {
            return new FlowStore(name, inner.build(), serde, retainedFlows);
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
        long complete = completeAfter(); // first: on first use it reads the batches back into memory
        Map<Bytes, FlowAggregate> window = windowAt(windowEnd);
        FlowAggregate flow = window == null ? null : window.get(key);
        if (flow != null || windowEnd > complete) {
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

    /**
     * Removes every record whose window ended at or before {@code windowEnd}, handing each over in key order (window
     * by window): the flows held in memory merged with the records of the store.
     */
    void removeUpTo(long windowEnd, Consumer<FlowLogRecord> action) {
        long complete = completeAfter();
        write(dirty.headMap(Math.min(windowEnd, complete), true));
        dirty.headMap(windowEnd, true).clear();
        List<KeyValue<Bytes, byte[]>> stored = new ArrayList<>();
        queue.removeUpTo(windowEnd, (key, value) -> {
            if (key.get().length != BATCH_KEY_LENGTH) {
                stored.add(KeyValue.pair(key, value));
            }
        });
        NavigableMap<Long, Map<Bytes, FlowAggregate>> due = byWindowEnd.headMap(windowEnd, true);
        List<FlowAggregate> inMemory = new ArrayList<>();
        for (Map.Entry<Long, Map<Bytes, FlowAggregate>> window : due.entrySet()) {
            held -= window.getValue().size();
            lastWindowSize = window.getValue().size();
            if (window.getKey() > complete) {
                List<FlowAggregate> flows = new ArrayList<>(window.getValue().values());
                flows.sort(KEY_ORDER);
                inMemory.addAll(flows);
            }
        }
        due.clear();
        lastWindow = null;
        batches.headMap(windowEnd, true).clear();
        FlowValueFormat.StringReuse reuse = new FlowValueFormat.StringReuse();
        int i = 0;
        for (KeyValue<Bytes, byte[]> entry : stored) {
            while (i < inMemory.size() && Arrays.compareUnsigned(inMemory.get(i).keyBytes(), entry.key.get()) < 0) {
                action.accept(inMemory.get(i++).toRecord(reuse));
            }
            action.accept(FlowAggregate.toRecord(entry.value, serde.deserializer(), topic));
        }
        while (i < inMemory.size()) {
            action.accept(inMemory.get(i++).toRecord(reuse));
        }
    }

    /** How many batch entries the store holds (for tests). */
    int batchEntries() {
        return batches.values().stream().mapToInt(window -> window.keys.size()).sum();
    }

    /** The flows held for the window (null if none), remembering the last window asked for. */
    private Map<Bytes, FlowAggregate> windowAt(long windowEnd) {
        if (lastWindow == null || lastWindowEnd != windowEnd) {
            lastWindow = byWindowEnd.get(windowEnd);
            lastWindowEnd = windowEnd;
        }
        return lastWindow;
    }

    private void hold(FlowAggregate flow) {
        Map<Bytes, FlowAggregate> window = windowAt(flow.windowEnd());
        if (window == null) {
            // sized for as many flows as the last window held, to spare the resizing
            window = new HashMap<>(Math.max(16, (int) (lastWindowSize / 0.75f) + 1));
            byWindowEnd.put(flow.windowEnd(), window);
            lastWindow = window;
        }
        if (window.put(flow.key(), flow) == null) {
            held++;
        }
        highestHeld = Math.max(highestHeld, flow.windowEnd());
    }

    /**
     * On first use after (re)initialization: reads every batch back into memory and finds where the windows written
     * one flow at a time end (the highest window end of a flow entry of its own; NODATA and SKIPDATA records are of
     * closed windows and do not count).
     */
    private long completeAfter() {
        if (completeAfter == null) {
            long single = Long.MIN_VALUE;
            try (KeyValueIterator<Bytes, byte[]> all = inner.all()) {
                while (all.hasNext()) {
                    KeyValue<Bytes, byte[]> entry = all.next();
                    byte[] key = entry.key.get();
                    long end = ByteBuffer.wrap(key).getLong();
                    if (key.length == BATCH_KEY_LENGTH) {
                        WindowBatches window = batches.computeIfAbsent(end, e -> new WindowBatches());
                        window.keys.add(entry.key);
                        nextBatch = Math.max(nextBatch, ByteBuffer.wrap(key).getLong(Long.BYTES) + 1);
                        FlowValueFormat.readBatch(entry.value, (flowKey, counters, fields) -> {
                            hold(FlowAggregate.of(end, flowKey, counters, fields));
                            window.flows++;
                        });
                    } else if (WindowKey.decode(entry.key).logStatus() == LogStatus.OK) {
                        single = Math.max(single, end);
                    }
                }
            }
            completeAfter = single;
        }
        return completeAfter;
    }

    /**
     * Writes every held flow of the batched windows as an entry of its own, deletes those windows' batches and
     * empties the memory: those windows are from now on read and written one flow at a time.
     */
    private void evict() {
        for (Map.Entry<Long, Map<Bytes, FlowAggregate>> window : byWindowEnd.tailMap(completeAfter, false).entrySet()) {
            for (FlowAggregate flow : window.getValue().values()) {
                queue.put(window.getKey(), flow.key(), flow.encode());
            }
            WindowBatches written = batches.get(window.getKey());
            if (written != null) {
                written.keys.forEach(inner::delete);
            }
        }
        batches.clear();
        byWindowEnd.clear();
        lastWindow = null;
        held = 0;
        completeAfter = Math.max(completeAfter, highestHeld);
    }

    /**
     * Writes the given changed flows to the store and forgets them as changed: one batch entry per window (and per
     * {@value #BATCH_BYTES} bytes) for batched windows, one entry per flow for the others.
     *
     * <p>A batched window's entries keep every state its flows were written in until the window is published, so
     * once they hold more than {@value #REWRITE_FACTOR} flow states per flow of the window (and at least
     * {@value #REWRITE_MIN} states), the whole window is written again in new batches and the old ones deleted, in
     * the same commit. That keeps the store and its changelog within about {@value #REWRITE_FACTOR} + 1 times the
     * window's flows (a flow changing in every commit of a 600-s window would otherwise be there thousands of times),
     * at an amortized cost of at most one extra write per flow state written.
     */
    private void write(Map<Long, List<FlowAggregate>> changed) {
        for (Map.Entry<Long, List<FlowAggregate>> entry : changed.entrySet()) {
            long end = entry.getKey();
            if (end <= completeAfter) {
                for (FlowAggregate flow : entry.getValue()) {
                    queue.put(end, flow.key(), flow.encode());
                    flow.markClean();
                }
                continue;
            }
            WindowBatches written = batches.computeIfAbsent(end, e -> new WindowBatches());
            Map<Bytes, FlowAggregate> window = byWindowEnd.get(end);
            Collection<FlowAggregate> flows = entry.getValue();
            List<Bytes> replaced = List.of();
            if (written.flows + flows.size() > Math.max(REWRITE_MIN, (long) REWRITE_FACTOR * window.size())) {
                flows = window.values();
                replaced = written.keys;
                written.keys = new ArrayList<>();
                written.flows = 0;
            }
            FlowValueFormat.BatchWriter batch = new FlowValueFormat.BatchWriter(BATCH_BYTES + 4096);
            for (FlowAggregate flow : flows) {
                batch.add(flow.key(), flow.counters(), flow.fields());
                flow.markClean();
                if (batch.size() >= BATCH_BYTES) {
                    putBatch(end, batch, written);
                    batch = new FlowValueFormat.BatchWriter(BATCH_BYTES + 4096);
                }
            }
            if (!batch.isEmpty()) {
                putBatch(end, batch, written);
            }
            written.flows += flows.size();
            replaced.forEach(inner::delete);
        }
        changed.clear();
    }

    private void putBatch(long windowEnd, FlowValueFormat.BatchWriter batch, WindowBatches written) {
        Bytes key = Bytes.wrap(ByteBuffer.allocate(BATCH_KEY_LENGTH).putLong(windowEnd).putLong(nextBatch++)
                .put(BATCH_TAG).array());
        queue.put(windowEnd, key, batch.toArray());
        written.keys.add(key);
    }

    /** A batched window's entries in the store, and how many flow states they hold. */
    private static final class WindowBatches {
        private List<Bytes> keys = new ArrayList<>();
        private long flows;
    }

    private void forget() {
        dirty.clear();
        byWindowEnd.clear();
        lastWindow = null;
        batches.clear();
        held = 0;
        nextBatch = 0;
        completeAfter = null;
        highestHeld = Long.MIN_VALUE;
    }

    /** Before every commit (and a clean close): the changed flows into the store and its changelog. */
    @Override
    public void flushCache() {
        if (dirty.isEmpty() && completeAfter == null) {
            return; // nothing processed since (re)initialization: possibly still restoring
        }
        write(dirty);
        if (held > retainedFlows) {
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
