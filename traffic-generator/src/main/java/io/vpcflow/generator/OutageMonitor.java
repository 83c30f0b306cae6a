package io.vpcflow.generator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a Kafka outage from the producer's side: sends are waiting and none has been acknowledged for
 * {@code threshold}. The producer itself keeps retrying (idempotently, so nothing is duplicated) until
 * {@code delivery.timeout.ms}; this class only reports. It logs one WARN line when an outage starts and one INFO
 * line when acknowledgements resume, and counts outages. Checked once a second on a daemon thread.
 */
final class OutageMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutageMonitor.class);

    private final String target;
    private final Duration threshold;
    private final Duration ridesOut;
    private final LongSupplier clock;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong outages = new AtomicLong();
    private volatile long lastAckMillis;
    private volatile long outageSinceMillis = -1;
    private ScheduledExecutorService timer;

    /**
     * @param target    what is being sent to, for the log lines ({@code bootstrap.servers})
     * @param threshold how long without an acknowledgement, with sends waiting, counts as an outage
     * @param ridesOut  how long the producer retries before a send fails ({@code delivery.timeout.ms})
     */
    OutageMonitor(String target, Duration threshold, Duration ridesOut, LongSupplier clock) {
        this.target = target;
        this.threshold = threshold;
        this.ridesOut = ridesOut;
        this.clock = clock;
        this.lastAckMillis = clock.getAsLong();
    }

    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-outage-monitor");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    void sent() {
        if (sent.getAndIncrement() == acked.get()) {
            lastAckMillis = clock.getAsLong();      // nothing was waiting: the silence starts now
        }
    }

    void acked() {
        acked.incrementAndGet();
        long now = clock.getAsLong();
        lastAckMillis = now;
        long since = outageSinceMillis;
        if (since >= 0) {
            outageSinceMillis = -1;
            LOG.info("Kafka at {} acknowledges sends again after {} s without; resuming", target,
                    (now - since) / 1000);
        }
    }

    /** Starts an outage when sends wait and nothing was acknowledged for the threshold. */
    void check() {
        long now = clock.getAsLong();
        long waiting = sent.get() - acked.get();
        if (outageSinceMillis < 0 && waiting > 0 && now - lastAckMillis >= threshold.toMillis()) {
            outageSinceMillis = lastAckMillis;
            outages.incrementAndGet();
            LOG.warn("Kafka at {} has acknowledged no send for {} s ({} events waiting); the producer keeps retrying"
                    + " for up to {} s (delivery.timeout.ms) before giving up", target, (now - lastAckMillis) / 1000,
                    waiting, ridesOut.toSeconds());
        }
    }

    /** Outages seen so far. */
    long outages() {
        return outages.get();
    }

    /** Whether an outage is going on now. */
    boolean inOutage() {
        return outageSinceMillis >= 0;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
