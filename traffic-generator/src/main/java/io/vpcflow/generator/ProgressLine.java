package io.vpcflow.generator;

import java.time.Instant;
import java.util.Locale;

/**
 * The one-line progress of a long run ({@code \r}-rewritten on a terminal): events so far, the rate over the last
 * interval, the share rejected, and how far through its event-time span the run is.
 */
public final class ProgressLine {
    private final GeneratorStats stats;
    private final long startMillis;
    private final long endMillis;
    private long lastEvents;
    private long lastNanos;

    public ProgressLine(GeneratorStats stats, long startMillis, long endMillis) {
        this.stats = stats;
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.lastNanos = System.nanoTime();
    }

    /** The line for now; the rate is measured since the previous call. */
    public String next() {
        long now = System.nanoTime();
        long events = stats.events();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        double rate = (events - lastEvents) / seconds;
        lastEvents = events;
        lastNanos = now;
        return format(events, rate, stats.rejectedEvents(), stats.clockMillis());
    }

    String format(long events, double rate, long rejected, long clock) {
        double share = events == 0 ? 0 : 100.0 * rejected / events;
        long at = Math.max(clock, startMillis);
        double done = 100.0 * (at - startMillis) / Math.max(1, endMillis - startMillis);
        return String.format(Locale.ROOT, "generate: %,d events  %,.0f events/s  %.1f%% rejected  at %s (%.0f%%)",
                events, rate, share, Instant.ofEpochMilli(at), Math.min(100, done));
    }
}
