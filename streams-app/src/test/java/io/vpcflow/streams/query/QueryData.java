package io.vpcflow.streams.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.Severity;

/** Flow-log records and findings for the query tests, built from a few numbers. */
final class QueryData {
    static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    private QueryData() {
    }

    /** An OK record of {@code iface} in {@code vpc}/{@code subnet} starting {@code minute} minutes after T0. */
    static FlowLogRecord record(String iface, String vpc, String subnet, int minute, long bytes, long packets,
                                Action action) {
        Instant start = T0.plusSeconds(60L * minute);
        FlowLogRecord.Builder b = FlowLogRecord.newBuilder().setVersion(5).setAccountId("123456789012")
                .setInterfaceId(iface).setSrcAddr("10.0.0.1").setDstAddr("10.0.0.2").setSrcPort(40000)
                .setDstPort(443).setProtocol(6).setBytes(bytes).setPackets(packets).setStart(start)
                .setEnd(start.plusSeconds(30)).setAction(action).setLogStatus(LogStatus.OK).setVpcId(vpc)
                .setSubnetId(subnet).setSubscriptionId("fl-1");
        if (action == Action.REJECT) {
            // the model's text names the packet; its ephemeral port differs per flow and must not split the group
            b.setBlockingComponent("sg-0db").setRule("no inbound rule of sg-0db allows tcp 10.0.0.1:" + (40000 + bytes)
                    + " -> 10.0.0.2:443").setExplanationCode("ENI_SG_RULES_MISMATCH");
        }
        return b.build();
    }

    static FlowLogRecord noData(String iface, int minute) {
        Instant start = T0.plusSeconds(60L * minute);
        return FlowLogRecord.newBuilder().setVersion(5).setAccountId("123456789012").setInterfaceId(iface)
                .setStart(start).setEnd(start.plusSeconds(60)).setLogStatus(LogStatus.NODATA)
                .setSubscriptionId("fl-1").build();
    }

    static Finding finding(String id, String type, Severity severity, String resource, int firstMinute,
                           int lastMinute, long count) {
        return Finding.newBuilder().setId(id).setType(type).setSeverity(severity).setResourceId(resource)
                .setActor("203.0.113.9").setFirstSeen(T0.plusSeconds(60L * firstMinute))
                .setLastSeen(T0.plusSeconds(60L * lastMinute)).setCount(count)
                .setEvidence(List.of("count=" + count)).setDetector("test").build();
    }

    /** A mixed workload over {@code interfaces} interfaces in two VPCs, {@code minutes} minutes long. */
    static List<FlowLogRecord> workload(int interfaces, int minutes) {
        List<FlowLogRecord> out = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            for (int i = 0; i < interfaces; i++) {
                String vpc = i % 2 == 0 ? "vpc-1" : "vpc-2";
                String subnet = "subnet-" + (i % 4);
                Action action = (i + m) % 5 == 0 ? Action.REJECT : Action.ACCEPT;
                out.add(record("eni-" + i, vpc, subnet, m, 100L * (i + 1) + m, i + 1 + m, action));
            }
        }
        return out;
    }
}
