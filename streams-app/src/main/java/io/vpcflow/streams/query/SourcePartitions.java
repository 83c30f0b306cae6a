package io.vpcflow.streams.query;

/**
 * Partition counts of the topics the query stores are built from; a fanned-out answer is complete only when every
 * one of these partitions answered.
 */
public record SourcePartitions(String flowLogsTopic, int flowLogs, String findingsTopic, int findings) {
    public SourcePartitions {
        if (flowLogs < 1 || findings < 1) {
            throw new IllegalArgumentException("partition counts must be positive: flow-logs " + flowLogs
                    + ", findings " + findings);
        }
    }

    String topicOf(String store) {
        return store.equals(QueryTopology.FINDINGS) ? findingsTopic : flowLogsTopic;
    }

    int countOf(String store) {
        return store.equals(QueryTopology.FINDINGS) ? findings : flowLogs;
    }
}
