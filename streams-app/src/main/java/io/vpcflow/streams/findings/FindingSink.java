package io.vpcflow.streams.findings;

/** Where detectors report occurrences. */
@FunctionalInterface
public interface FindingSink {
    void raise(Occurrence occurrence);
}
