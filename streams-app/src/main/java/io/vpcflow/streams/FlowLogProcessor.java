package io.vpcflow.streams;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.NetworkInterfaceMetadata;
import io.vpcflow.schemas.flowlog.FlowLogFormat;
import io.vpcflow.schemas.flowlog.FlowLogText;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Aggregates one partition's packet events into flow-log records per (subscription, interface, window, 5-tuple,
 * action) and publishes them once the window is closed and the delivery delay has passed.
 *
 * <p>Time is stream time (the highest event time the task has seen), not the wall clock: the records then depend
 * only on the events, so a replay, a simulated-clock run faster than real time, a restart and a
 * {@code TopologyTestDriver} test all give the same records. A stream-time punctuation (every
 * {@code punctuateInterval} of stream time) closes windows at end + grace, writes their NODATA records, and publishes
 * every record whose window ended at least grace + delivery delay ago. Stream time stands still on a partition that
 * receives nothing, so with {@code advanceOnWallClock} a wall-clock punctuation runs the same step at
 * (wall clock − wallClockLag) when that is ahead; the highest time punctuated so far is kept in the progress store
 * (the watermark) and counts as stream time from then on, so a window flushed by the wall clock can never be reopened.
 */
final class FlowLogProcessor implements Processor<byte[], PacketEventBytes, String, Object> {
    private static final String WATERMARK = "watermark";
    private static final String CLOSED_PREFIX = "closed-through-";

    private final FlowLogConfig config;
    private final FlowLogCounters counters;
    private final ChangeSignal signal;
    private final long graceMs;
    private final Map<String, FlowLogFormat> formatsSeen = new HashMap<>();
    private final Map<String, Capture> captures = new HashMap<>();

    private ProcessorContext<String, Object> context;
    private FlowStore windows;
    private ActivityMarks activity;
    private TimeOrderedStore<Long> skipped;
    private KeyValueStore<String, Long> progress;
    private ReadOnlyKeyValueStore<String, FlowLogSubscription> subscriptions;
    private ReadOnlyKeyValueStore<String, NetworkInterfaceMetadata> interfaces;
    private SubscriptionIndex index;
    private long indexVersion;
    private long indexBuiltAtMs;
    private long watermark = -1;

    FlowLogProcessor(FlowLogConfig config, FlowLogCounters counters, ChangeSignal signal) {
        this.config = config;
        this.counters = counters;
        this.signal = signal;
        this.graceMs = config.grace().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        windows = context.getStateStore(FlowLogTopology.WINDOWS_STORE);
        activity = ActivityMarks.of(context);
        skipped = TimeOrderedStore.of(context, FlowLogTopology.SKIPDATA_STORE);
        progress = context.getStateStore(FlowLogTopology.PROGRESS_STORE);
        subscriptions = context.getStateStore(FlowLogTopology.SUBSCRIPTIONS_STORE);
        interfaces = context.getStateStore(FlowLogTopology.INTERFACES_STORE);
        // a revived task (Kafka Streams reuses the processor) is back at its last commit: so are its activity marks
        captures.clear();
        Long saved = progress.get(WATERMARK);
        watermark = saved == null ? -1 : saved;
        context.schedule(config.punctuateInterval(), PunctuationType.STREAM_TIME, this::advance);
        context.schedule(config.wallClockInterval(), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<byte[], PacketEventBytes> record) {
        PacketEventBytes event = record.value();
        if (event == null) {
            counters.eventIn();
            counters.eventInvalid();
            return;
        }
        Action action = event.action();
        counters.eventIn(action, action == Action.ACCEPT ? null : event.string(PacketEventBytes.EXPLANATION));
        refreshIndexIfChanged(context.currentSystemTimeMs());
        long time = event.time();
        long now = Math.max(context.currentStreamTimeMs(), watermark);
        Capture capture = captureOf(event);
        if (capture.subscriptions.length == 0) {
            counters.eventUncaptured();
            return;
        }
        boolean late = false;
        for (int i = 0; i < capture.subscriptions.length; i++) {
            late |= aggregate(event, action, capture, i, time, now);
        }
        if (late) {
            counters.lateEvent();
        }
    }

    /**
     * The subscriptions that capture the event: those of its interface, subnet and VPC, in that order. Remembered per
     * interface until the index is rebuilt (an interface's events name the same subnet and VPC).
     */
    private Capture captureOf(PacketEventBytes event) {
        String eni = event.interfaceId();
        Capture capture = captures.get(eni);
        if (capture != null && event.equalsUtf8(PacketEventBytes.SUBNET, capture.subnetId)
                && event.equalsUtf8(PacketEventBytes.VPC, capture.vpcId)) {
            return capture;
        }
        String subnet = event.string(PacketEventBytes.SUBNET);
        String vpc = event.string(PacketEventBytes.VPC);
        List<Subscription> all = new ArrayList<>();
        for (String resource : new String[] {eni, subnet, vpc}) {
            all.addAll(index.attachedTo(resource));
        }
        capture = new Capture(eni, subnet, vpc, all.toArray(new Subscription[0]));
        captures.put(eni, capture);
        return capture;
    }

    /**
     * An interface's subscriptions, and for each the window end whose activity mark (for NODATA) was last written, so
     * an event costs no mark look-up while its window stays the same.
     */
    private static final class Capture {
        private final String interfaceId;
        private final byte[] subnetId;
        private final byte[] vpcId;
        private final Subscription[] subscriptions;
        /** Each subscription's id in UTF-8, as flow keys hold it. */
        private final byte[][] subscriptionIds;
        private final long[] markedWindowEnd;

        Capture(String interfaceId, String subnetId, String vpcId, Subscription[] subscriptions) {
            this.interfaceId = interfaceId;
            this.subnetId = subnetId.getBytes(StandardCharsets.UTF_8);
            this.vpcId = vpcId.getBytes(StandardCharsets.UTF_8);
            this.subscriptions = subscriptions;
            this.subscriptionIds = new byte[subscriptions.length][];
            for (int i = 0; i < subscriptions.length; i++) {
                subscriptionIds[i] = subscriptions[i].id().getBytes(StandardCharsets.UTF_8);
            }
            this.markedWindowEnd = new long[subscriptions.length];
            Arrays.fill(markedWindowEnd, Long.MIN_VALUE);
        }
    }

    /** Adds the event to the i-th capturing subscription's window; returns whether the window was already closed. */
    private boolean aggregate(PacketEventBytes e, Action action, Capture capture, int i, long time, long now) {
        Subscription s = capture.subscriptions[i];
        long start = s.windowStart(time);
        long end = start + s.intervalMs();
        boolean accepted = s.accepts(action);
        if (end + graceMs <= now) {
            if (accepted) {
                skip(e, s, start, end, now);
            }
            return true;
        }
        if (capture.markedWindowEnd[i] != end) {
            activity.mark(end, s.intervalSeconds(), capture.interfaceId, time);
            capture.markedWindowEnd[i] = end;
        }
        if (accepted) {
            Bytes key = e.flowKey(start, end, capture.subscriptionIds[i]);
            FlowAggregate flow = windows.flow(end, key);
            if (flow == null) {
                windows.add(FlowAggregate.first(end, key, e, s));
            } else {
                windows.changed(flow.add(e));
            }
        }
        return false;
    }

    /** The first late event of a (subscription, interface, window) queues its one SKIPDATA record. */
    private void skip(PacketEventBytes e, Subscription s, long start, long end, long now) {
        String eni = e.interfaceId();
        Bytes marker = MarkerKeys.skipData(end, s.id(), eni);
        if (skipped.get(marker) == null) {
            skipped.put(end, marker, now);
            windows.putRecord(end, WindowKey.status(start, end, s.id(), eni, LogStatus.SKIPDATA).encode(),
                    FlowLogRecords.skipData(e, s, start, end));
        }
    }

    private void onWallClock(long wallClockMs) {
        refreshIndexIfChanged(wallClockMs);
        if (config.advanceOnWallClock()) {
            long time = wallClockMs - config.wallClockLag().toMillis();
            if (time > Math.max(context.currentStreamTimeMs(), watermark)) {
                advance(time);
            }
        }
    }

    /** One step of time: close windows (NODATA), publish what is due, forget what is no longer needed. */
    private void advance(long streamTime) {
        if (index == null) {
            refreshIndexIfChanged(context.currentSystemTimeMs());
        }
        long now = Math.max(streamTime, watermark);
        if (now < 0) {
            return;
        }
        if (now > watermark) {
            watermark = now;
            progress.put(WATERMARK, now);
        }
        closeWindows(now);
        activity.removeUpTo(now - graceMs);
        windows.removeUpTo(now - config.publishAfterMs(), this::publish);
        skipped.removeUpTo(now - config.skipDataRetention().toMillis());
    }

    /** For every window that closed since the last step, a NODATA record per captured interface without traffic. */
    private void closeWindows(long now) {
        for (int seconds : index.intervalsSeconds()) {
            long interval = seconds * 1000L;
            long closable = Math.floorDiv(now - graceMs, interval) * interval;
            String progressKey = CLOSED_PREFIX + seconds;
            Long closed = progress.get(progressKey);
            if (closed != null && closable > closed) {
                long count = (closable - closed) / interval;
                long from = closed;
                if (count > config.maxNoDataWindows()) {
                    counters.noDataWindowsSkipped(count - config.maxNoDataWindows());
                    from = closable - config.maxNoDataWindows() * interval;
                }
                for (long end = from + interval; end <= closable; end += interval) {
                    writeNoData(seconds, end - interval, end);
                }
            }
            if (closed == null) {
                // NODATA starts with the window holding the first time this task sees, not with windows before it
                progress.put(progressKey, Math.floorDiv(now, interval) * interval);
            } else if (closable > closed) {
                progress.put(progressKey, closable);
            }
        }
    }

    private void writeNoData(int seconds, long start, long end) {
        for (Subscription s : index.withIntervalSeconds(seconds)) {
            for (NetworkInterfaceMetadata eni : index.capturedInterfaces(s)) {
                if (!activity.active(end, seconds, eni.getInterfaceId())) {
                    Bytes key = WindowKey.status(start, end, s.id(), eni.getInterfaceId(), LogStatus.NODATA).encode();
                    windows.putRecord(end, key, FlowLogRecords.noData(eni, s, start, end));
                }
            }
        }
    }

    private void publish(FlowLogRecord r) {
        long timestamp = r.getEnd().toEpochMilli();
        context.forward(new Record<String, Object>(r.getInterfaceId(), r, timestamp), FlowLogTopology.RECORDS_SINK);
        counters.record(r);
        String line = FlowLogText.format(r, formatOf(r.getSubscriptionId()));
        context.forward(new Record<String, Object>(r.getSubscriptionId() + "/" + r.getInterfaceId(), line, timestamp),
                FlowLogTopology.LINES_SINK);
        counters.line();
    }

    /** The subscription's format; a deleted subscription's last records keep the format it had. */
    private FlowLogFormat formatOf(String subscriptionId) {
        Subscription s = index.byId(subscriptionId);
        return s != null ? s.format() : formatsSeen.getOrDefault(subscriptionId, FlowLogFormat.DEFAULT);
    }

    /**
     * Rebuilds the index on first use and, after a global table changed, at most once per index-refresh interval of
     * wall-clock time (the wall-clock punctuation catches a change on a partition without events).
     */
    private void refreshIndexIfChanged(long wallClockMs) {
        long version = signal.version();
        boolean due = index == null
                || version != indexVersion && wallClockMs - indexBuiltAtMs >= config.indexRefreshInterval().toMillis();
        if (!due) {
            return;
        }
        index = SubscriptionIndex.build(subscriptions, interfaces, this::owns);
        captures.clear();
        indexVersion = version;
        indexBuiltAtMs = wallClockMs;
        index.all().forEach(s -> formatsSeen.put(s.id(), s.format()));
        counters.indexRebuilt(index);
    }

    /** Whether this task's partition holds the interface's packet events (the producer's default partitioning). */
    private boolean owns(String interfaceId) {
        int partitions = config.partitions();
        if (partitions == 1) {
            return true;
        }
        byte[] key = interfaceId.getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % partitions == context.taskId().partition();
    }
}
