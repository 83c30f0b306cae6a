package io.vpcflow.streams.query;

import java.time.Instant;
import java.util.function.Predicate;

import io.vpcflow.schemas.avro.Finding;

/**
 * Which findings a request wants; a {@code null} field matches everything. A finding matches the time range when it
 * was seen in it: {@code lastSeen >= from} and {@code firstSeen < to}.
 */
record FindingFilter(String type, String severity, String resourceId, Instant from, Instant to)
        implements Predicate<Finding> {
    @Override
    public boolean test(Finding f) {
        return (type == null || type.equals(f.getType().toString()))
                && (severity == null || severity.equals(f.getSeverity().name()))
                && (resourceId == null || resourceId.equals(f.getResourceId().toString()))
                && (from == null || !f.getLastSeen().isBefore(from))
                && (to == null || f.getFirstSeen().isBefore(to));
    }
}
