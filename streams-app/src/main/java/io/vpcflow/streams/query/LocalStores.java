package io.vpcflow.streams.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads the query stores of given partitions on this instance, unmerged with other instances. */
final class LocalStores {
    private final StoreSource source;

    LocalStores(StoreSource source) {
        this.source = source;
    }

    /** The records at {@code [offset, offset + limit)} of a range, in start order, and how many the range holds. */
    record RecordPage(List<FlowLogRecord> records, int total) {
    }

    /** Records of {@code interfaceId} whose start lies in {@code [from, to)}, in start order. */
    List<FlowLogRecord> records(String interfaceId, Instant from, Instant to, int partition) {
        return records(interfaceId, from, to, partition, 0, Integer.MAX_VALUE).records();
    }

    /**
     * One page of the records of {@code interfaceId} whose start lies in {@code [from, to)}. Every record of the
     * range is counted, only those of the page are decoded.
     */
    RecordPage records(String interfaceId, Instant from, Instant to, int partition, int offset, int limit) {
        ReadOnlyKeyValueStore<String, StoredFlowLog> store = source.store(QueryTopology.RECORDS, partition);
        List<FlowLogRecord> page = new ArrayList<>();
        int total = 0;
        try (KeyValueIterator<String, StoredFlowLog> it = store.range(
                StoreKeys.recordsFrom(interfaceId, from.toEpochMilli()),
                StoreKeys.recordsBefore(interfaceId, to.toEpochMilli()))) {
            while (it.hasNext()) {
                StoredFlowLog stored = it.next().value;
                if (total >= offset && total - offset < limit) {
                    page.add(stored.record());
                }
                total++;
            }
        } catch (InvalidStateStoreException e) {
            throw QueryException.unavailable("a store moved while it was read: " + e.getMessage());
        }
        return new RecordPage(page, total);
    }

    /** Traffic per interface, summed over the minutes that start in {@code [from, to)}. */
    List<TrafficTotals> traffic(Instant from, Instant to, Collection<Integer> partitions) {
        Map<String, TrafficTotals> sums = new LinkedHashMap<>();
        for (int p : partitions) {
            ReadOnlyKeyValueStore<String, TrafficTotals> store = source.store(QueryTopology.TRAFFIC, p);
            for (TrafficTotals t : values(() -> minutes(store, from, to))) {
                sums.merge(t.interfaceId(), t, TrafficTotals::plus);
            }
        }
        return new ArrayList<>(sums.values());
    }

    /** Rejects per (component, rule, explanation code), over minutes in {@code [from, to)}, of {@code vpcId} or all. */
    List<RejectTotals> rejects(Instant from, Instant to, String vpcId, Collection<Integer> partitions) {
        Map<String, RejectTotals> sums = new LinkedHashMap<>();
        for (int p : partitions) {
            ReadOnlyKeyValueStore<String, RejectTotals> store = source.store(QueryTopology.REJECTS, p);
            for (RejectTotals r : values(() -> minutes(store, from, to))) {
                if (vpcId == null || vpcId.equals(r.vpcId())) {
                    sums.merge(r.group(), r, RejectTotals::plus);
                }
            }
        }
        return new ArrayList<>(sums.values());
    }

    /** Findings of the partitions that {@code filter} accepts. */
    List<Finding> findings(FindingFilter filter, Collection<Integer> partitions) {
        List<Finding> out = new ArrayList<>();
        for (int p : partitions) {
            ReadOnlyKeyValueStore<String, Finding> store = source.store(QueryTopology.FINDINGS, p);
            for (Finding f : values(store::all)) {
                if (filter.test(f)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** The finding {@code id}, or {@code null}. */
    Finding finding(String id, int partition) {
        ReadOnlyKeyValueStore<String, Finding> store = source.store(QueryTopology.FINDINGS, partition);
        try {
            return store.get(id);
        } catch (InvalidStateStoreException e) {
            throw QueryException.unavailable("the findings store moved while it was read: " + e.getMessage());
        }
    }

    private static <V> KeyValueIterator<String, V> minutes(ReadOnlyKeyValueStore<String, V> store, Instant from,
                                                            Instant to) {
        return store.range(StoreKeys.minutesFrom(StoreKeys.minute(from.toEpochMilli())),
                StoreKeys.minutesBefore(to.toEpochMilli()));
    }

    private interface Scan<V> {
        KeyValueIterator<String, V> open();
    }

    /** Drains a scan; a store that closes under it (the task migrated away) is a 503, not a partial answer. */
    private static <V> List<V> values(Scan<V> scan) {
        List<V> out = new ArrayList<>();
        try (KeyValueIterator<String, V> it = scan.open()) {
            while (it.hasNext()) {
                KeyValue<String, V> kv = it.next();
                out.add(kv.value);
            }
        } catch (InvalidStateStoreException e) {
            throw QueryException.unavailable("a store moved while it was read: " + e.getMessage());
        }
        return out;
    }
}
