package io.vpcflow.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

import io.vpcflow.generator.EventSink;
import io.vpcflow.schemas.avro.PacketEvent;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An {@link EventSink} that lets a simulated-clock generator run at a fixed multiple of real time: an event stamped
 * {@code start + t} is passed on no sooner than {@code t / speedup} after the first event, and never more than
 * {@code maxLead} events ahead of what the consumer has processed ({@code processed}, polled now and then). The
 * generator's output (events and ledger) is the same as unpaced; only the wall-clock time it takes changes, so a
 * test can do things (kill the streams app) while the traffic is still being produced, however slow the consumer
 * is. {@link #unpace()} lets the rest through at full speed.
 */
final class PacedEventSink implements EventSink {
    private final EventSink delegate;
    private final Instant start;
    private static final int CHECK_LEAD_EVERY = 200;

    private final double speedup;
    private final long maxLead;
    private final LongSupplier processed;
    private volatile boolean paced = true;
    private long firstNanos;
    private long sent;

    PacedEventSink(EventSink delegate, Instant start, double speedup, long maxLead, LongSupplier processed) {
        this.delegate = delegate;
        this.start = start;
        this.speedup = speedup;
        this.maxLead = maxLead;
        this.processed = processed;
    }

    /** From now on events pass as fast as the delegate takes them. */
    void unpace() {
        paced = false;
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public void send(PacketEvent event) {
        holdUntil(event.getEventTime().toEpochMilli());
        delegate.send(event);
    }

    @Override
    public boolean acceptsEncoded() {
        return delegate.acceptsEncoded();
    }

    @Override
    public void sendEncoded(byte[] key, byte[] value, long timestampMillis) {
        holdUntil(timestampMillis);
        delegate.sendEncoded(key, value, timestampMillis);
    }

    @Override
    public Serializer<PacketEvent> serializer() {
        return delegate.serializer();
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private void holdUntil(long eventMillis) {
        if (firstNanos == 0) {
            firstNanos = System.nanoTime();
        }
        if (++sent % CHECK_LEAD_EVERY == 0) {
            while (paced && sent - processed.getAsLong() > maxLead) {
                pause(200_000_000L);
            }
        }
        long dueNanos = firstNanos + (long) (Duration.ofMillis(Math.max(0, eventMillis - start.toEpochMilli()))
                .toNanos() / speedup);
        long waitNanos;
        while (paced && (waitNanos = dueNanos - System.nanoTime()) > 0) {
            pause(Math.min(200_000_000L, waitNanos));
        }
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pacing the generator", e);
        }
    }
}
