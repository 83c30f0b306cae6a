package io.vpcflow.streams.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the distinct values of each label: the first {@code maxValues} values of a label are kept, every later one is
 * reported as {@value #OTHER}; a missing value is {@value #NONE}. Accounts, VPCs, interfaces, subscriptions and rules
 * are bounded by the network, but records read from a topic anyone can write to (e.g. by {@code vpcflow ingest}) are
 * not, and a Prometheus series per value would grow without bound.
 */
public final class LabelGuard {
    public static final String OTHER = "other";
    public static final String NONE = "none";
    /** Distinct values kept per label (per guard): enough for a network of a thousand interfaces. */
    public static final int DEFAULT_MAX_VALUES = 1000;

    private final int maxValues;
    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();

    public LabelGuard(int maxValues) {
        if (maxValues < 1) {
            throw new IllegalArgumentException("maxValues must be at least 1, got " + maxValues);
        }
        this.maxValues = maxValues;
    }

    /** The value to report for this label. */
    public String value(String label, String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        Set<String> values = seen.computeIfAbsent(label, k -> ConcurrentHashMap.newKeySet());
        if (values.contains(value)) {
            return value;
        }
        // two threads may both pass the size check: the cap is then exceeded by at most the number of threads
        if (values.size() < maxValues) {
            values.add(value);
            return value;
        }
        return OTHER;
    }
}
