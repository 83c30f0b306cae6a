package io.vpcflow.streams.findings;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.Severity;
import org.junit.jupiter.api.Test;

import static io.vpcflow.streams.findings.FindingsDriver.egress;
import static io.vpcflow.streams.findings.FindingsDriver.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detectors only a network model (or vpcflow's explanation fields) can give, on the sample network: replies
 * rejected by a network ACL, S3 through a NAT gateway, transitive peering attempts and unsolicited inbound at a NAT.
 */
class ModelDetectorsTest {
    private static final String NAT_ENI = "eni-nat-0a1shop1a";
    private static final String S3_ADDRESS = "52.216.0.10";

    private static FindingsDriver withModel(String detector) {
        return new FindingsDriver(FindingsConfig.defaults().only(detector), SampleNetwork.get());
    }

    private static FlowLogRecord.Builder synAckFromServer(String code, String blocker) {
        return record("eni-0a1legacy", 0).setSrcAddr("8.8.8.8").setSrcPort(443).setDstAddr("10.0.31.10")
                .setDstPort(51000).setTcpFlags(18).setAction(Action.REJECT).setExplanationCode(code)
                .setBlockingComponent(blocker).setSubnetId("subnet-0a1legacy");
    }

    @Test
    void rejectedRepliesBlameTheNetworkAcl() {
        try (FindingsDriver d = new FindingsDriver(FindingsConfig.defaults().only(NaclReplyDetector.NAME))) {
            d.send(synAckFromServer("SUBNET_ACL_RESTRICTION", "acl-0a1legacy"));
            d.send(synAckFromServer(null, null).setSrcPort(443).setDstPort(51001));
            assertThat(d.ofType(NaclReplyDetector.TYPE)).extracting(f -> f.getResourceId())
                    .containsExactlyInAnyOrder("acl-0a1legacy", "subnet-0a1legacy");
        }
    }

    @Test
    void naclReplyStaysSilentOnRejectedRequestsAndSecurityGroupRejects() {
        try (FindingsDriver d = new FindingsDriver(FindingsConfig.defaults().only(NaclReplyDetector.NAME))) {
            d.send(record("eni-web", 0).setAction(Action.REJECT).setTcpFlags(2)
                    .setExplanationCode("SUBNET_ACL_RESTRICTION").setBlockingComponent("acl-public"));
            d.send(synAckFromServer("ENI_SG_RULES_MISMATCH", "sg-0a1legacy"));
            assertThat(d.written()).isEmpty();
        }
    }

    private static FlowLogRecord.Builder natToS3(String service) {
        return egress(NAT_ENI, S3_ADDRESS, 443, 0).setSrcAddr("10.0.1.5").setPktSrcAddr("10.0.41.10")
                .setPktDstAddr(S3_ADDRESS).setPktDstAwsService(service).setVpcId("vpc-0a1shop").setTrafficPath(8);
    }

    @Test
    void s3ThroughTheNatGatewayNamesTheUnusedGatewayEndpoint() {
        try (FindingsDriver d = withModel(ServiceViaNatDetector.NAME)) {
            d.send(natToS3("S3"));
            assertThat(d.ofType("Policy:NatGateway/S3TrafficViaNat")).singleElement().satisfies(f -> {
                assertThat(f.getSeverity()).isEqualTo(Severity.MEDIUM);
                assertThat(f.getActor()).isEqualTo("10.0.41.10");
                assertThat(f.getResourceId()).isEqualTo(NAT_ENI);
                assertThat(f.getEvidence().get(0)).contains("vpce-0a1s3");
            });
        }
    }

    @Test
    void withoutAModelATranslatedRecordStandsForTheNatGateway() {
        try (FindingsDriver d = new FindingsDriver(FindingsConfig.defaults().only(ServiceViaNatDetector.NAME))) {
            d.send(natToS3("DYNAMODB"));
            assertThat(d.ofType("Policy:NatGateway/DynamoDBTrafficViaNat")).singleElement()
                    .satisfies(f -> assertThat(f.getSeverity()).isEqualTo(Severity.LOW));
        }
    }

    @Test
    void serviceViaNatStaysSilentOnOtherServicesAndOnTheGatewayEndpointPath() {
        try (FindingsDriver d = withModel(ServiceViaNatDetector.NAME)) {
            d.send(natToS3("EC2"));
            d.send(natToS3(null).setDstAddr("8.8.8.8"));
            d.send(egress("eni-0a1app1", S3_ADDRESS, 443, 0).setPktDstAwsService("S3").setTrafficPath(7));
            assertThat(d.written()).isEmpty();
        }
    }

    private static FlowLogRecord.Builder appTo(String address) {
        return egress("eni-0a1app1", address, 5432, 0).setSrcAddr("10.0.11.10").setVpcId("vpc-0a1shop")
                .setTcpFlags(2);
    }

    @Test
    void transitivePeeringFiresOnTheBackupVpcBehindTheAnalyticsPeering() {
        try (FindingsDriver d = withModel(TransitivePeeringDetector.NAME)) {
            d.send(appTo("10.2.1.10"));
            assertThat(d.ofType(TransitivePeeringDetector.TYPE)).singleElement().satisfies(f -> {
                assertThat(f.getTarget()).isEqualTo("10.2.1.10:5432");
                assertThat(f.getEvidence().get(0)).contains("pcx-0a1shopanalytics", "pcx-0b2analyticsbackup");
            });
        }
    }

    @Test
    void transitivePeeringStaysSilentInsideTheVpcAcrossADirectPeeringAndWithoutAModel() {
        try (FindingsDriver d = withModel(TransitivePeeringDetector.NAME)) {
            d.send(appTo("10.0.21.10"));
            d.send(appTo("10.1.5.10"));
            d.send(appTo("172.16.0.10"));
            assertThat(d.written()).isEmpty();
        }
        try (FindingsDriver d = new FindingsDriver(FindingsConfig.defaults())) {
            d.send(appTo("10.2.1.10"));
            assertThat(d.ofType(TransitivePeeringDetector.TYPE)).isEmpty();
        }
    }

    private static void knocks(FindingsDriver d, String eni, int count) {
        for (int i = 0; i < count; i++) {
            d.send(record(eni, i * 1_000L).setSrcAddr("198.51.100.99").setDstAddr("10.0.1.5").setSrcPort(40000 + i)
                    .setDstPort(22).setTcpFlags(2).setAction(Action.REJECT));
        }
    }

    @Test
    void natInboundFiresOnRepeatedUnsolicitedAttempts() {
        try (FindingsDriver d = withModel(NatInboundDetector.NAME)) {
            knocks(d, NAT_ENI, 3);
            assertThat(d.ofType(NatInboundDetector.TYPE)).singleElement().satisfies(f -> {
                assertThat(f.getResourceId()).isEqualTo("nat-0a1shop1a");
                assertThat(f.getCount()).isEqualTo(3);
            });
        }
    }

    @Test
    void natInboundStaysSilentOnRepliesTwoAttemptsAndOtherInterfaces() {
        try (FindingsDriver d = withModel(NatInboundDetector.NAME)) {
            knocks(d, NAT_ENI, 2);
            knocks(d, "eni-0a1web1", 10);
            d.send(record(NAT_ENI, 5_000).setSrcAddr("8.8.8.8").setSrcPort(443).setDstPort(1025).setTcpFlags(19));
            assertThat(d.written()).isEmpty();
        }
    }

    private static void dbRejects(FindingsDriver d, String from, int connections, int port) {
        for (int i = 0; i < connections; i++) {
            d.send(record("eni-0a1db1", i * 5_000L).setSrcAddr(from).setSrcPort(41000 + i).setDstAddr("10.0.21.10")
                    .setDstPort(port).setPackets(4L).setTcpFlags(2).setAction(Action.REJECT)
                    .setExplanationCode("ENI_SG_RULES_MISMATCH").setBlockingComponent("sg-0a1db"));
        }
    }

    @Test
    void internalRejectNamesTheGroupThatKeepsRejectingAnInternalClient() {
        try (FindingsDriver d = new FindingsDriver(FindingsConfig.defaults().only(InternalRejectDetector.NAME))) {
            dbRejects(d, "10.0.51.10", 6, 5432);
            d.advanceTo(3 * 60_000);
            assertThat(d.ofType(InternalRejectDetector.TYPE)).singleElement().satisfies(f -> {
                assertThat(f.getResourceId()).isEqualTo("sg-0a1db");
                assertThat(f.getActor()).isEqualTo("10.0.51.10");
                assertThat(f.getCount()).isEqualTo(6);
            });
        }
    }

    @Test
    void internalRejectStaysSilentOnTwoAttemptsOnOutsideScannersAndOnOneProbePerPort() {
        try (FindingsDriver d = new FindingsDriver(FindingsConfig.defaults().only(InternalRejectDetector.NAME))) {
            dbRejects(d, "10.0.51.10", 2, 5432);
            dbRejects(d, "203.0.113.66", 10, 5432);
            for (int port = 1; port < 50; port++) {
                dbRejects(d, "10.0.1.21", 1, port);
            }
            assertThat(d.written()).isEmpty();
        }
    }
}
