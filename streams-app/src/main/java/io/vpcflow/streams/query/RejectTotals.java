package io.vpcflow.streams.query;

/**
 * Rejected traffic of one (blocking component, rule, explanation code) group: per interface and minute in the
 * store, summed over interfaces and minutes in answers. {@code component} is the security group or network ACL
 * that blocked the traffic ({@code -} when the model named none).
 */
record RejectTotals(String component, String rule, String explanationCode, String vpcId, String interfaceId,
                    long bytes, long packets, long records) {
    /** The grouping of answers: one row per component, rule and explanation code. */
    String group() {
        return component + '\n' + rule + '\n' + explanationCode;
    }

    RejectTotals plus(RejectTotals other) {
        return new RejectTotals(component, rule, explanationCode, vpcId, interfaceId, bytes + other.bytes,
                packets + other.packets, records + other.records);
    }
}
