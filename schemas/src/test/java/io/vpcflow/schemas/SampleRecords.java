package io.vpcflow.schemas;

import java.time.Instant;
import java.util.List;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.FlowLogScope;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.NetworkInterfaceMetadata;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.avro.Severity;
import io.vpcflow.schemas.avro.TrafficType;

/** One filled-in instance of each schema, for round-trip tests. */
public final class SampleRecords {

    public static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

    private SampleRecords() {
    }

    public static PacketEvent rejectedPacket() {
        return PacketEvent.newBuilder()
                .setEventTime(T0)
                .setInterfaceId("eni-0a1b2c3d").setAccountId("123456789012")
                .setVpcId("vpc-01").setSubnetId("subnet-0a1").setInstanceId("i-0abc")
                .setAzId("use1-az1").setRegion("us-east-1")
                .setSrcAddr("203.0.113.7").setDstAddr("10.1.0.12")
                .setSrcPort(51_234).setDstPort(22).setProtocol(6)
                .setPackets(1).setBytes(60).setTcpFlags(2)
                .setFlowDirection(FlowDirection.INGRESS).setAction(Action.REJECT)
                .setExplanationCode("ENI_SG_RULES_MISMATCH").setBlockingComponent("sg-0web")
                .setRule(null)
                .setScenario("port-scan")
                .build();
    }

    public static FlowLogRecord flowLogRecord() {
        return FlowLogRecord.newBuilder()
                .setVersion(5).setAccountId("123456789012").setInterfaceId("eni-0a1b2c3d")
                .setSrcAddr("10.1.0.12").setDstAddr("52.94.5.1").setSrcPort(443).setDstPort(40_000)
                .setProtocol(6).setPackets(10L).setBytes(5_400L)
                .setStart(Instant.ofEpochSecond(1_772_366_400L)).setEnd(Instant.ofEpochSecond(1_772_366_460L))
                .setAction(Action.ACCEPT).setLogStatus(LogStatus.OK)
                .setVpcId("vpc-01").setSubnetId("subnet-0a1").setInstanceId(null).setTcpFlags(18)
                .setType("IPv4").setPktSrcAddr("10.1.0.12").setPktDstAddr("52.94.5.1")
                .setRegion("us-east-1").setAzId("use1-az1")
                .setPktDstAwsService("S3").setFlowDirection(FlowDirection.EGRESS).setTrafficPath(8)
                .setSubscriptionId("fl-0a1")
                .build();
    }

    public static Finding finding() {
        return Finding.newBuilder()
                .setId("f-1").setType("Recon:EC2/Portscan").setSeverity(Severity.MEDIUM)
                .setResourceId("i-0abc").setActor("203.0.113.7").setTarget("10.1.0.12")
                .setFirstSeen(T0).setLastSeen(T0.plusSeconds(60)).setCount(212)
                .setEvidence(List.of("distinct dst ports=212 in 60s"))
                .setDetector("port-scan")
                .build();
    }

    public static NetworkInterfaceMetadata interfaceMetadata() {
        return NetworkInterfaceMetadata.newBuilder()
                .setInterfaceId("eni-0a1b2c3d").setAccountId("123456789012").setVpcId("vpc-01")
                .setSubnetId("subnet-0a1").setInstanceId(null).setAzId("use1-az1").setRegion("us-east-1")
                .setPrimaryPrivateIp("10.1.0.5").setInterfaceType("nat_gateway")
                .build();
    }

    public static FlowLogSubscription subscription() {
        return FlowLogSubscription.newBuilder()
                .setFlowLogId("fl-0a1").setScopeType(FlowLogScope.VPC).setResourceId("vpc-01")
                .setTrafficType(TrafficType.ALL).setMaxAggregationIntervalSeconds(60)
                .setLogFormat("${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr}")
                .setDestination("vpcflow.flow-logs").setAccountId("123456789012").setRegion("us-east-1")
                .build();
    }
}
