package io.vpcflow.streams;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.vpcflow.schemas.avro.LogStatus;

/**
 * Counters of the flow-log topology, shared by all its tasks and threads in one JVM. The names in
 * {@link #snapshot()} are the metric names dashboards will use (prefix {@code vpcflow_streams_}, suffix
 * {@code _total}); Micrometer export comes later.
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

    public FlowLogCounters() {
        for (LogStatus status : LogStatus.values()) {
            records.put(status, new LongAdder());
        }
    }

    void eventIn() { eventsIn.increment(); }
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

    /** Every counter by metric name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("vpcflow_streams_packet_events_total", eventsIn());
        m.put("vpcflow_streams_packet_events_uncaptured_total", eventsUncaptured());
        m.put("vpcflow_streams_packet_events_invalid_total", eventsInvalid());
        m.put("vpcflow_streams_late_events_total", lateEvents());
        for (LogStatus status : LogStatus.values()) {
            m.put("vpcflow_streams_flow_log_records_total{log_status=\"" + status + "\"}", records(status));
        }
        m.put("vpcflow_streams_flow_log_lines_total", lines());
        m.put("vpcflow_streams_nodata_windows_skipped_total", noDataWindowsSkipped.sum());
        m.put("vpcflow_streams_index_rebuilds_total", indexRebuilds.sum());
        m.put("vpcflow_streams_subscriptions_invalid_total", subscriptionsInvalid.sum());
        return m;
    }
}
