package io.vpcflow.streams;

import java.time.Duration;
import java.time.Instant;

import io.vpcflow.generator.EventSink;
import io.vpcflow.schemas.avro.PacketEvent;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An {@link EventSink} that lets a simulated-clock generator run at a fixed multiple of real time: an event stamped
 * {@code start + t} is passed on no sooner than {@code t / speedup} after the first event. The generator's output
 * (events and ledger) is the same as unpaced; only the wall-clock time it takes changes, so a test can do things
 * (kill the streams app) while the traffic is still being produced. {@link #unpace()} lets the rest through at full
 * speed.
 */
final class PacedEventSink implements EventSink {
    private final EventSink delegate;
    private final Instant start;
    private final double speedup;
    private volatile boolean paced = true;
    private long firstNanos;

    PacedEventSink(EventSink delegate, Instant start, double speedup) {
        this.delegate = delegate;
        this.start = start;
        this.speedup = speedup;
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
        long dueNanos = firstNanos + (long) (Duration.ofMillis(Math.max(0, eventMillis - start.toEpochMilli()))
                .toNanos() / speedup);
        long waitNanos;
        while (paced && (waitNanos = dueNanos - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.min(200, Math.max(1, waitNanos / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing the generator", e);
            }
        }
    }
}
