package io.vpcflow.streams;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.streams.metrics.FlowLogMeters;
import io.vpcflow.streams.metrics.LabelGuard;

/**
 * Counters of the flow-log topology, shared by all its tasks and threads in one JVM. The plain totals below are read
 * by tests and the demo; the same counts, with labels, are Micrometer meters in the registry given to the constructor
 * ({@link FlowLogMeters}, and a function counter per total here): docs/metrics.md lists every name.
 */
public final class FlowLogCounters {
    private final LongAdder eventsIn = new LongAdder();
    private final LongAdder eventsUncaptured = new LongAdder();
    private final LongAdder eventsInvalid = new LongAdder();
    private final LongAdder lateEvents = new LongAdder();
    private final LongAdder lines = new LongAdder();
    private final LongAdder noDataWindowsSkipped = new LongAdder();
    private final LongAdder indexRebuilds = new LongAdder();
    private final LongAdder subscriptionsInvalid = new LongAdder();
    private final Map<LogStatus, LongAdder> records = new EnumMap<>(LogStatus.class);
    private final FlowLogMeters meters;

    /** Counters whose meters go to a registry of their own (read them through the accessors). */
    public FlowLogCounters() {
        this(new SimpleMeterRegistry());
    }

    public FlowLogCounters(MeterRegistry registry) {
        for (LogStatus status : LogStatus.values()) {
            records.put(status, new LongAdder());
        }
        meters = new FlowLogMeters(registry, new LabelGuard(LabelGuard.DEFAULT_MAX_VALUES));
        register(registry, "vpcflow.streams.late.events", lateEvents,
                "packet events after their window closed (each window's first yields a SKIPDATA record)");
        register(registry, "vpcflow.streams.events.uncaptured", eventsUncaptured,
                "packet events no flow log captures");
        register(registry, "vpcflow.streams.events.invalid", eventsInvalid, "packet-event records without a value");
        register(registry, "vpcflow.streams.lines", lines, "flow-log text lines published");
        register(registry, "vpcflow.streams.nodata.windows.skipped", noDataWindowsSkipped,
                "NODATA windows not written because more than max-nodata-windows were due at once");
        register(registry, "vpcflow.streams.index.rebuilds", indexRebuilds, "subscription index rebuilds");
        register(registry, "vpcflow.streams.subscriptions.invalid", subscriptionsInvalid,
                "subscriptions left out of an index rebuild as invalid, summed over rebuilds");
    }

    private static void register(MeterRegistry registry, String name, LongAdder adder, String description) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).register(registry);
    }

    void eventIn() { eventsIn.increment(); }
    /** A packet event read, with its verdict and (for a reject) its explanation code. */
    void eventIn(Action action, String explanationCode) {
        eventsIn.increment();
        meters.event(action, explanationCode);
    }
    void record(FlowLogRecord r) {
        records.get(r.getLogStatus()).increment();
        meters.published(r);
    }
    void indexRebuilt(SubscriptionIndex index) {
        index.all().forEach(s -> meters.subscriptionInterval(s.id(), s.intervalMs()));
        indexRebuilt(index.invalid());
    }
    void eventUncaptured() { eventsUncaptured.increment(); }
    void eventInvalid() { eventsInvalid.increment(); }
    void lateEvent() { lateEvents.increment(); }
    void record(LogStatus status) { records.get(status).increment(); }
    void line() { lines.increment(); }
    void noDataWindowsSkipped(long n) { noDataWindowsSkipped.add(n); }
    void indexRebuilt(int invalidSubscriptions) {
        indexRebuilds.increment();
        subscriptionsInvalid.add(invalidSubscriptions);
    }

    /** Packet events read. */
    public long eventsIn() { return eventsIn.sum(); }
    /** Packet events no subscription captures (their interface, subnet and VPC have no flow log). */
    public long eventsUncaptured() { return eventsUncaptured.sum(); }
    /** Packet-event records without a value (tombstones), which carry nothing to aggregate. */
    public long eventsInvalid() { return eventsInvalid.sum(); }
    /** Packet events that arrived after their window closed (each yields SKIPDATA, never a silent drop). */
    public long lateEvents() { return lateEvents.sum(); }
    /** Flow-log records published, by log status. */
    public long records(LogStatus status) { return records.get(status).sum(); }
    /** Text lines published. */
    public long lines() { return lines.sum(); }

    /**
     * Every total by its Prometheus name (events and records summed over their labels; the registry has them by
     * label).
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("vpcflow_streams_events_total", eventsIn());
        m.put("vpcflow_streams_events_uncaptured_total", eventsUncaptured());
        m.put("vpcflow_streams_events_invalid_total", eventsInvalid());
        m.put("vpcflow_streams_late_events_total", lateEvents());
        for (LogStatus status : LogStatus.values()) {
            m.put("vpcflow_streams_records_total{log_status=\"" + status + "\"}", records(status));
        }
        m.put("vpcflow_streams_lines_total", lines());
        m.put("vpcflow_streams_nodata_windows_skipped_total", noDataWindowsSkipped.sum());
        m.put("vpcflow_streams_index_rebuilds_total", indexRebuilds.sum());
        m.put("vpcflow_streams_subscriptions_invalid_total", subscriptionsInvalid.sum());
        return m;
    }
}
