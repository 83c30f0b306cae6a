package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;

/**
 * One observation of a finding by a detector: what the finding is about and the evidence of this observation. The
 * {@link FindingFolder} turns the first occurrence of an id into a finding and folds later ones into it.
 *
 * @param count how many observations this occurrence stands for (flows, attempts), added to the finding's count
 */
public record Occurrence(String detector, String type, Severity severity, String resourceId, String actor,
                         String target, long timeMs, long count, List<String> evidence) {
    public Occurrence {
        evidence = List.copyOf(evidence);
    }
}
