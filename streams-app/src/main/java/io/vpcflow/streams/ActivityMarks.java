package io.vpcflow.streams;

import java.util.HashSet;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Which interface had traffic in which window (for NODATA): the activity store ({@value
 * FlowLogTopology#ACTIVITY_STORE}, changelogged) with, in memory, the marks this task already wrote, so an event of
 * an interface already marked in its window costs no store call. The memory is only a record of writes that are in
 * the store: it starts empty with the processor (after a restart the first event per interface and window writes its
 * mark again, which changes nothing).
 */
final class ActivityMarks {
    private record Mark(int intervalSeconds, String interfaceId) {
    }

    private final TimeOrderedStore<Long> store;
    private final NavigableMap<Long, Set<Mark>> written = new TreeMap<>();

    private ActivityMarks(TimeOrderedStore<Long> store) {
        this.store = store;
    }

    static ActivityMarks of(ProcessorContext<?, ?> context) {
        return new ActivityMarks(TimeOrderedStore.of(context, FlowLogTopology.ACTIVITY_STORE));
    }

    /** Marks the interface active in the window ending at {@code windowEnd}; {@code time} is the event's time. */
    void mark(long windowEnd, int intervalSeconds, String interfaceId, long time) {
        if (written.computeIfAbsent(windowEnd, end -> new HashSet<>()).add(new Mark(intervalSeconds, interfaceId))) {
            store.putIfAbsent(windowEnd, MarkerKeys.activity(windowEnd, intervalSeconds, interfaceId), time);
        }
    }

    boolean active(long windowEnd, int intervalSeconds, String interfaceId) {
        return store.get(MarkerKeys.activity(windowEnd, intervalSeconds, interfaceId)) != null;
    }

    /** Forgets every window that ended at or before {@code windowEnd}. */
    void removeUpTo(long windowEnd) {
        written.headMap(windowEnd, true).clear();
        store.removeUpTo(windowEnd);
    }
}
