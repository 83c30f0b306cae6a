package io.vpcflow.streams;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the stream tasks of one topology instance that a global table changed: the global thread bumps it after
 * each update, a task compares it with the version its index was built from (one volatile read per event).
 */
final class ChangeSignal {
    private final AtomicLong version = new AtomicLong();

    void changed() {
        version.incrementAndGet();
    }

    long version() {
        return version.get();
    }
}
