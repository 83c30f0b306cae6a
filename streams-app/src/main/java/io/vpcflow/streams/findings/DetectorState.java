package io.vpcflow.streams.findings;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The detectors' view of their stores. Keys are strings that start with the detector's own prefix. Per-bucket
 * counters and notes live in window stores (one window per bucket, expired after the stores' retention); long-lived
 * facts (baselines, learned ports, pending decisions) in a key-value store.
 */
public final class DetectorState {
    private final WindowStore<String, Long> counts;
    private final WindowStore<String, String> notes;
    private final KeyValueStore<String, String> facts;
    private final long bucketMs;

    DetectorState(WindowStore<String, Long> counts, WindowStore<String, String> notes,
                  KeyValueStore<String, String> facts, long bucketMs) {
        this.counts = counts;
        this.notes = notes;
        this.facts = facts;
        this.bucketMs = bucketMs;
    }

    /** Start of the bucket holding {@code timeMs}. */
    public long bucketOf(long timeMs) {
        return Math.floorDiv(timeMs, bucketMs) * bucketMs;
    }

    public long bucketMs() {
        return bucketMs;
    }

    /** Adds {@code delta} to a counter of one bucket and returns the new value. */
    public long add(String key, long bucket, long delta) {
        Long old = counts.fetch(key, bucket);
        long value = (old == null ? 0 : old) + delta;
        counts.put(key, value, bucket);
        return value;
    }

    public long count(String key, long bucket) {
        Long v = counts.fetch(key, bucket);
        return v == null ? 0 : v;
    }

    /** True the first time {@code key} is marked in {@code bucket}: counts distinct values. */
    public boolean markFirst(String key, long bucket) {
        if (counts.fetch(key, bucket) != null) {
            return false;
        }
        counts.put(key, 1L, bucket);
        return true;
    }

    public String note(String key, long bucket) {
        return notes.fetch(key, bucket);
    }

    public void note(String key, long bucket, String value) {
        notes.put(key, value, bucket);
    }

    public String fact(String key) {
        return facts.get(key);
    }

    public void fact(String key, String value) {
        facts.put(key, value);
    }

    public void forget(String key) {
        facts.delete(key);
    }

    /** Every fact whose key starts with {@code prefix}. */
    public List<KeyValue<String, String>> facts(String prefix) {
        List<KeyValue<String, String>> out = new ArrayList<>();
        try (KeyValueIterator<String, String> it = facts.prefixScan(prefix, new StringSerializer())) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
