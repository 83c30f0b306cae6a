package io.vpcflow.generator;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

/**
 * Hands encoded events from the generating thread to one sending thread in batches, so that generation (evaluation,
 * encoding, ledger) overlaps with the producer's own work in {@code send()}. One sender, first in first out, so
 * the order of one interface's events is kept. A failure of the sender is rethrown to the generating thread.
 */
final class SendPipeline implements AutoCloseable {
    static final int BATCH = 1024;
    private static final int QUEUED_BATCHES = 32;
    private static final Object STOP = new Object();

    /** Where the sending thread puts each event. */
    interface Sender {
        void send(byte[] key, byte[] value, long timestampMillis);
    }

    private record Batch(byte[][] keys, byte[][] values, long[] times, int size) {
    }

    private final Sender sender;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Thread thread;
    private volatile RuntimeException failure;
    private byte[][] keys = new byte[BATCH][];
    private byte[][] values = new byte[BATCH][];
    private long[] times = new long[BATCH];
    private int size;

    SendPipeline(Sender sender, String name) {
        this.sender = sender;
        this.thread = new Thread(this::drain, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void add(byte[] key, byte[] value, long timestampMillis) {
        keys[size] = key;
        values[size] = value;
        times[size] = timestampMillis;
        if (++size == BATCH) {
            handOff();
        }
    }

    /** Returns once everything added so far has been handed to the sender. */
    void flush() {
        handOff();
        CountDownLatch done = new CountDownLatch(1);
        put(done);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing", e);
        }
        throwIfFailed();
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            handOff();
            put(STOP);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handOff() {
        throwIfFailed();
        if (size == 0) {
            return;
        }
        put(new Batch(keys, values, times, size));
        keys = new byte[BATCH][];
        values = new byte[BATCH][];
        times = new long[BATCH];
        size = 0;
    }

    private void put(Object item) {
        try {
            while (!queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throwIfFailed();
                if (!thread.isAlive()) {
                    throw new IllegalStateException("the sending thread has stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing events", e);
        }
    }

    private void throwIfFailed() {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    private void drain() {
        try {
            while (true) {
                Object item = queue.take();
                if (item == STOP) {
                    return;
                }
                if (item instanceof CountDownLatch latch) {
                    latch.countDown();
                    continue;
                }
                Batch b = (Batch) item;
                for (int i = 0; i < b.size(); i++) {
                    sender.send(b.keys()[i], b.values()[i], b.times()[i]);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            // release anyone waiting on a flush
            queue.forEach(item -> {
                if (item instanceof CountDownLatch latch) {
                    latch.countDown();
                }
            });
        }
    }
}
