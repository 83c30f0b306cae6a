package io.vpcflow.streams;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowLogScope;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.TrafficType;
import io.vpcflow.schemas.flowlog.FlowLogFormat;

/**
 * A {@link FlowLogSubscription} compiled for the hot path: its format parsed once (and the version its records
 * carry, computed once), its interval in milliseconds. A blank log format means AWS's default version-2 format.
 */
record Subscription(String id, FlowLogScope scope, String resourceId, TrafficType trafficType, long intervalMs,
                    FlowLogFormat format, int version) {

    static Subscription compile(FlowLogSubscription s) {
        FlowLogFormat format = s.getLogFormat() == null || s.getLogFormat().isBlank()
                ? FlowLogFormat.DEFAULT : FlowLogFormat.parse(s.getLogFormat());
        int interval = s.getMaxAggregationIntervalSeconds();
        if (interval != 60 && interval != 600) {
            throw new IllegalArgumentException("flow log " + s.getFlowLogId() + " has maximum aggregation interval "
                    + interval + " s; AWS allows 60 or 600");
        }
        return new Subscription(s.getFlowLogId(), s.getScopeType(), s.getResourceId(), s.getTrafficType(),
                interval * 1000L, format, format.version());
    }

    int intervalSeconds() {
        return (int) (intervalMs / 1000);
    }

    /** Whether the traffic filter takes traffic with this verdict. */
    boolean accepts(Action action) {
        return switch (trafficType) {
            case ALL -> true;
            case ACCEPT -> action == Action.ACCEPT;
            case REJECT -> action == Action.REJECT;
        };
    }

    /** Start of the window holding {@code timeMs}: windows are aligned to multiples of the interval. */
    long windowStart(long timeMs) {
        return Math.floorDiv(timeMs, intervalMs) * intervalMs;
    }
}
