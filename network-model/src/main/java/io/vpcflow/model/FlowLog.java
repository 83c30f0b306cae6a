package io.vpcflow.model;

import java.util.Locale;

/**
 * A flow-log subscription as AWS defines one: what it captures ({@code resourceId}: a VPC, a subnet or a network
 * interface), which traffic ({@code trafficType}), how long records aggregate ({@code maxAggregationIntervalSeconds}:
 * 60 or 600), in which format ({@code logFormat}: the field list, e.g. {@code ${version} ${account-id} ...}; null
 * for the default version-2 format) and where records go ({@code destination}, e.g.
 * {@code cloud-watch-logs:<log group>} or {@code s3:<bucket>/<prefix>}).
 */
public record FlowLog(String id, String accountId, String region, String resourceId, TrafficType trafficType,
                      int maxAggregationIntervalSeconds, String logFormat, String destination) {
    /** AWS's traffic filter. */
    public enum TrafficType {
        ACCEPT, REJECT, ALL;

        public static TrafficType parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    public FlowLog {
        Checks.id(id, "flow log");
        Checks.required(resourceId, "flow log " + id, "resource (vpc-, subnet- or eni- id)");
        if (!resourceId.startsWith("vpc-") && !resourceId.startsWith("subnet-") && !resourceId.startsWith("eni-")) {
            throw new IllegalArgumentException("flow log " + id + " captures " + resourceId
                    + ", which is not a VPC, subnet or network interface id");
        }
        trafficType = trafficType == null ? TrafficType.ALL : trafficType;
        if (maxAggregationIntervalSeconds == 0) {
            maxAggregationIntervalSeconds = 600;
        }
        if (maxAggregationIntervalSeconds != 60 && maxAggregationIntervalSeconds != 600) {
            throw new IllegalArgumentException("flow log " + id + " has maximum aggregation interval "
                    + maxAggregationIntervalSeconds + " s; AWS allows 60 or 600");
        }
    }

    /** Whether this flow log captures the interface, given the interface's subnet and VPC. */
    public boolean captures(NetworkInterface eni) {
        return resourceId.equals(eni.id()) || resourceId.equals(eni.subnetId()) || resourceId.equals(eni.vpcId());
    }
}
