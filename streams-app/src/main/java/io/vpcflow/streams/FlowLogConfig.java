package io.vpcflow.streams;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link FlowLogTopology}; every setting is documented here and nowhere else. {@link #defaults()} is the
 * real-time demo; {@link #awsLike()} delays records about as long as AWS's CloudWatch Logs delivery does.
 *
 * <table>
 *   <caption>defaults</caption>
 *   <tr><th>setting</th><th>demo ({@link #defaults()})</th><th>AWS-like ({@link #awsLike()})</th></tr>
 *   <tr><td>grace</td><td>5 s</td><td>60 s</td></tr>
 *   <tr><td>deliveryDelay</td><td>10 s</td><td>5 min</td></tr>
 *   <tr><td>punctuateInterval</td><td>1 s</td><td>1 s</td></tr>
 *   <tr><td>wallClockInterval</td><td>1 s</td><td>1 s</td></tr>
 *   <tr><td>indexRefreshInterval</td><td>1 s</td><td>1 s</td></tr>
 *   <tr><td>advanceOnWallClock</td><td>true</td><td>false</td></tr>
 *   <tr><td>wallClockLag</td><td>5 s</td><td>5 s</td></tr>
 *   <tr><td>partitions</td><td>6</td><td>6</td></tr>
 *   <tr><td>skipDataRetention</td><td>1 h</td><td>1 h</td></tr>
 *   <tr><td>maxNoDataWindows</td><td>1440</td><td>1440</td></tr>
 *   <tr><td>maxFlowsInMemory</td><td>250000</td><td>250000</td></tr>
 * </table>
 *
 * @param grace                how long after a window's end (in stream time) packets of that window are still
 *                             aggregated; a later packet is late: counted, and it yields a SKIPDATA record
 * @param deliveryDelay        how long after a window closes (end + grace, stream time) its records are published;
 *                             AWS delivers to CloudWatch Logs in about 5 minutes and to S3 in about 10
 * @param punctuateInterval    granularity of the stream-time punctuation that closes and publishes windows
 * @param wallClockInterval    period of the wall-clock punctuation that refreshes the subscription index when it
 *                             changed and, with {@code advanceOnWallClock}, flushes a quiet partition
 * @param indexRefreshInterval least wall-clock time between two rebuilds of a task's subscription index; a change
 *                             of the subscriptions or interfaces tables takes effect within
 *                             {@code max(indexRefreshInterval, wallClockInterval)} after the global thread applies it
 * @param advanceOnWallClock   whether a quiet partition's time advances with the wall clock (minus
 *                             {@code wallClockLag}) so its windows still close; right for real-time traffic, wrong
 *                             for replays of old or simulated-clock traffic, whose event times are far from now
 * @param wallClockLag         how far behind the wall clock the advanced time stays: the event-time skew and
 *                             transport latency tolerated before a packet counts as late
 * @param partitions           partition count of the packet-events topic when the app creates it; the app uses the
 *                             topic's actual count (it decides which task writes NODATA for which interface)
 * @param skipDataRetention    how long (stream time, after a window's end) the app remembers that a window already
 *                             has a SKIPDATA record, so further late packets of it add no second one
 * @param maxNoDataWindows     most windows per interval one punctuation closes when time jumps ahead; older
 *                             windows get no NODATA records (counted as nodata_windows_skipped_total)
 * @param maxFlowsInMemory     most open flows one task holds in memory after a commit (about 200-600 bytes of heap
 *                             each); up to it a window's flows are written in batches, one store entry per window
 *                             and commit, beyond it the held windows are written and read back one flow at a time,
 *                             which is slower but bounded (see {@link FlowStore})
 */
public record FlowLogConfig(Duration grace, Duration deliveryDelay, Duration punctuateInterval,
                            Duration wallClockInterval, Duration indexRefreshInterval, boolean advanceOnWallClock,
                            Duration wallClockLag, int partitions, Duration skipDataRetention, int maxNoDataWindows,
                            int maxFlowsInMemory) {

    public FlowLogConfig {
        notNegative(grace, "grace");
        notNegative(deliveryDelay, "delivery-delay");
        positive(punctuateInterval, "punctuate-interval");
        positive(wallClockInterval, "wall-clock-interval");
        notNegative(indexRefreshInterval, "index-refresh-interval");
        notNegative(wallClockLag, "wall-clock-lag");
        notNegative(skipDataRetention, "skipdata-retention");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        if (maxNoDataWindows < 1) {
            throw new IllegalArgumentException("max-nodata-windows must be at least 1, got " + maxNoDataWindows);
        }
        if (maxFlowsInMemory < 1) {
            throw new IllegalArgumentException("max-flows-in-memory must be at least 1, got " + maxFlowsInMemory);
        }
    }

    /** The real-time demo: records about 15 s after their window ends; quiet partitions flush on the wall clock. */
    public static FlowLogConfig defaults() {
        return new FlowLogConfig(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), true, Duration.ofSeconds(5), 6, Duration.ofHours(1),
                1440, 250_000);
    }

    /** Like AWS's CloudWatch Logs delivery: one minute of grace, five minutes of delay, stream time only. */
    public static FlowLogConfig awsLike() {
        return defaults().withGrace(Duration.ofMinutes(1)).withDeliveryDelay(Duration.ofMinutes(5))
                .withAdvanceOnWallClock(false);
    }

    public FlowLogConfig withGrace(Duration value) {
        return new FlowLogConfig(value, deliveryDelay, punctuateInterval, wallClockInterval, indexRefreshInterval,
                advanceOnWallClock, wallClockLag, partitions, skipDataRetention, maxNoDataWindows,
                maxFlowsInMemory);
    }

    public FlowLogConfig withDeliveryDelay(Duration value) {
        return new FlowLogConfig(grace, value, punctuateInterval, wallClockInterval, indexRefreshInterval,
                advanceOnWallClock, wallClockLag, partitions, skipDataRetention, maxNoDataWindows,
                maxFlowsInMemory);
    }

    public FlowLogConfig withAdvanceOnWallClock(boolean value) {
        return new FlowLogConfig(grace, deliveryDelay, punctuateInterval, wallClockInterval, indexRefreshInterval,
                value, wallClockLag, partitions, skipDataRetention, maxNoDataWindows,
                maxFlowsInMemory);
    }

    public FlowLogConfig withPartitions(int value) {
        return new FlowLogConfig(grace, deliveryDelay, punctuateInterval, wallClockInterval, indexRefreshInterval,
                advanceOnWallClock, wallClockLag, value, skipDataRetention, maxNoDataWindows,
                maxFlowsInMemory);
    }

    public FlowLogConfig withMaxFlowsInMemory(int value) {
        return new FlowLogConfig(grace, deliveryDelay, punctuateInterval, wallClockInterval, indexRefreshInterval,
                advanceOnWallClock, wallClockLag, partitions, skipDataRetention, maxNoDataWindows, value);
    }

    /** Grace plus delivery delay: how long after its end a window's records are published. */
    public long publishAfterMs() {
        return grace.toMillis() + deliveryDelay.toMillis();
    }

    private static void notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    private static void positive(Duration value, String name) {
        notNegative(value, name);
        if (value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
