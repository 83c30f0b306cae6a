package io.vpcflow.streams.sink;

import java.time.Instant;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.FlowLogScope;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.TrafficType;

/** The flow-log records, their default-format lines and the flow logs the file sink ITs publish. */
final class SinkRecords {
    /** End of every record's window: 2024-03-01T11:58:00Z, in epoch seconds. */
    static final long END = Instant.parse("2024-03-01T11:58:00Z").getEpochSecond();

    private SinkRecords() {
    }

    /** The default-format line of {@link #record} with destination port 443. */
    static String line(String eni) {
        return "2 123456789012 " + eni + " 10.0.1.5 10.0.2.9 40000 443 6 3 180 " + (END - 30) + " " + END
                + " ACCEPT OK";
    }

    static FlowLogRecord record(String flowLogId, String eni, int dstPort) {
        return FlowLogRecord.newBuilder().setVersion(2).setAccountId("123456789012").setInterfaceId(eni)
                .setSrcAddr("10.0.1.5").setDstAddr("10.0.2.9").setSrcPort(40000).setDstPort(dstPort).setProtocol(6)
                .setPackets(3L).setBytes(180L).setStart(Instant.ofEpochSecond(END - 30))
                .setEnd(Instant.ofEpochSecond(END)).setAction(Action.ACCEPT).setLogStatus(LogStatus.OK)
                .setSubscriptionId(flowLogId).build();
    }

    static FlowLogSubscription subscription(String id, String destination, String format) {
        return FlowLogSubscription.newBuilder().setFlowLogId(id).setScopeType(FlowLogScope.VPC)
                .setResourceId("vpc-1").setTrafficType(TrafficType.ALL).setMaxAggregationIntervalSeconds(60)
                .setLogFormat(format).setDestination(destination).setAccountId("123456789012")
                .setRegion("eu-west-1").build();
    }
}
