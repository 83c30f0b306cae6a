package io.vpcflow.streams;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store used as a queue ordered by window end: every key starts with the window's end as a big-endian
 * long ({@link WindowKey}, {@link MarkerKeys}), so "everything up to time t" is one range scan. Removing what is due
 * leaves RocksDB tombstones behind, and a scan from the very first key would step over all of them every time, so
 * the scan starts at the lowest window end that can still be in the store: where the last removal stopped, or lower
 * when a key for an older window was put since (a late event's SKIPDATA). After a restart the first scan starts at 0.
 */
final class TimeOrderedStore<V> {
    private final KeyValueStore<Bytes, V> store;
    private long lowest;

    private TimeOrderedStore(KeyValueStore<Bytes, V> store) {
        this.store = store;
    }

    static <V> TimeOrderedStore<V> of(ProcessorContext<?, ?> context, String name) {
        KeyValueStore<Bytes, V> store = context.getStateStore(name);
        return new TimeOrderedStore<>(store);
    }

    static <V> TimeOrderedStore<V> over(KeyValueStore<Bytes, V> store) {
        return new TimeOrderedStore<>(store);
    }

    V get(Bytes key) {
        return store.get(key);
    }

    void put(long windowEnd, Bytes key, V value) {
        lowest = Math.min(lowest, windowEnd);
        store.put(key, value);
    }

    void putIfAbsent(long windowEnd, Bytes key, V value) {
        lowest = Math.min(lowest, windowEnd);
        store.putIfAbsent(key, value);
    }

    /** Removes every entry whose window ended at or before {@code windowEnd}. */
    void removeUpTo(long windowEnd) {
        removeUpTo(windowEnd, (key, value) -> { });
    }

    /** Removes every entry whose window ended at or before {@code windowEnd}, handing each to {@code action} first. */
    void removeUpTo(long windowEnd, BiConsumer<Bytes, V> action) {
        if (windowEnd < lowest) {
            return;
        }
        List<KeyValue<Bytes, V>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, V> it = store.range(startOf(lowest), WindowKey.after(windowEnd))) {
            it.forEachRemaining(due::add);
        }
        for (KeyValue<Bytes, V> entry : due) {
            action.accept(entry.key, entry.value);
            store.delete(entry.key);
        }
        lowest = windowEnd + 1;
    }

    private static Bytes startOf(long windowEnd) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(windowEnd).array());
    }
}
