package io.vpcflow.streams.findings;

/**
 * One anomaly rule. A detector keeps no fields that change: all its state lives in {@link DetectorState}, which is
 * backed by changelogged Kafka Streams stores, so findings survive restarts and rebalances.
 */
public interface Detector {
    /** The name in config ({@code findings.disabled}) and in {@code Finding.detector}. */
    String name();

    /** Looks at one flow (each flow once, whichever subscriptions logged it). */
    void observe(Flow flow, DetectorState state, FindingSink sink);

    /** Called as stream time moves on, for rules that decide only once a bucket is complete. */
    default void streamTimeAdvanced(long streamTimeMs, DetectorState state, FindingSink sink) {
    }
}
