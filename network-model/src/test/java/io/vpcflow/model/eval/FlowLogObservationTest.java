package io.vpcflow.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The flow-log records each interface writes, field by field, against AWS's documented examples. */
class FlowLogObservationTest {
    /** "interface direction action srcaddr dstaddr pkt-srcaddr pkt-dstaddr" of each record, in path order. */
    private static List<String> records(Evaluation e) {
        return e.observations().stream().map(o -> String.join(" ", o.interfaceId(), o.flowDirection().awsName(),
                o.action(), o.srcAddr(), o.dstAddr(), o.pktSrcAddr(), o.pktDstAddr())).toList();
    }

    @Test
    void natGatewayWritesFourRecordsAndTheInstanceTwoAsInTheAwsExample() {
        Evaluation e = SampleNetwork.evaluate("i-0a1app1", "public-dns", "tcp", 443);
        assertThat(records(e)).containsExactly(
                "eni-0a1app1 egress ACCEPT 10.0.11.10 8.8.8.8 10.0.11.10 8.8.8.8",
                "eni-nat-0a1shop1a ingress ACCEPT 10.0.11.10 10.0.1.5 10.0.11.10 8.8.8.8",
                "eni-nat-0a1shop1a egress ACCEPT 10.0.1.5 8.8.8.8 10.0.1.5 8.8.8.8");
        assertThat(records(e.reply())).containsExactly(
                "eni-nat-0a1shop1a ingress ACCEPT 8.8.8.8 10.0.1.5 8.8.8.8 10.0.1.5",
                "eni-nat-0a1shop1a egress ACCEPT 10.0.1.5 10.0.11.10 8.8.8.8 10.0.11.10",
                "eni-0a1app1 ingress ACCEPT 8.8.8.8 10.0.11.10 8.8.8.8 10.0.11.10");
    }

    @Test
    void natTranslatesToAnEphemeralPortAndItsElasticIp() {
        Evaluation e = SampleNetwork.evaluate("i-0a1app1", "public-dns", "tcp", 443);
        Observation natOut = e.observations().get(2);
        assertThat(natOut.srcPort()).isBetween(1024, 65535).isNotEqualTo(49152);
        assertThat(natOut.instanceId()).isNull();
        assertThat(e.reply().packet().toString()).isEqualTo("tcp 8.8.8.8:443 -> 3.80.10.5:" + natOut.srcPort());
        assertThat(e.reply().observations().get(2).dstPort()).isEqualTo(49152);
    }

    @Test
    void pingRequestAcceptedReplyRejectedByTheOutboundNacl() {
        Evaluation e = SampleNetwork.evaluate("admin-office", "3.80.10.20", "icmp", 0);
        assertThat(records(e)).containsExactly("eni-0a1bastion ingress ACCEPT 198.51.100.200 10.0.1.20 198.51.100.200 10.0.1.20");
        assertThat(records(e.reply())).containsExactly("eni-0a1bastion egress REJECT 10.0.1.20 198.51.100.200 10.0.1.20 198.51.100.200");
        assertThat(e.reply().code()).isEqualTo(ExplanationCode.SUBNET_ACL_RESTRICTION);
        assertThat(e.reply().rule()).contains("rule 90").contains("deny");
        assertThat(e.observations().get(0).protocol()).isEqualTo(1);
        assertThat(e.observations().get(0).srcPort()).isZero();
    }

    @Test
    void privateLinkProviderSeesTheLoadBalancerAddress() {
        Evaluation e = SampleNetwork.evaluate("i-0a1app1", "vpce-0a1partner", "tcp", 443);
        Observation atTarget = e.observations().get(e.observations().size() - 1);
        assertThat(atTarget.vpcId()).isEqualTo("vpc-0b2partner");
        assertThat(atTarget.srcAddr()).isIn("10.0.1.100", "10.0.2.100");
        assertThat(atTarget.dstPort()).isEqualTo(8443);
        assertThat(atTarget.accountId()).isEqualTo("222222222222");
        Observation lastReply = e.reply().observations().get(e.reply().observations().size() - 1);
        assertThat(lastReply.interfaceId()).isEqualTo("eni-0a1app1");
        assertThat(lastReply.srcPort()).isEqualTo(443);
    }

    @Test
    void inboundThroughTheInternetGatewayIsLoggedWithThePrivateAddress() {
        Evaluation e = SampleNetwork.evaluate("customer-1", "3.80.10.11", "tcp", 443);
        assertThat(records(e)).containsExactly("eni-0a1web1 ingress ACCEPT 198.51.100.10 10.0.1.10 198.51.100.10 10.0.1.10");
        assertThat(e.observations().get(0).trafficPath()).isNull();
        assertThat(e.reply().observations().get(0).trafficPath()).isEqualTo(8);
    }

    @Test
    void s3ThroughTheEndpointNamesTheServiceAndPath() {
        Evaluation e = SampleNetwork.evaluate("i-0a1app1", "s3", "tcp", 443);
        Observation out = e.observations().get(0);
        assertThat(out.pktDstAwsService()).isEqualTo("S3");
        assertThat(out.pktSrcAwsService()).isNull();
        assertThat(out.trafficPath()).isEqualTo(7);
        assertThat(e.reply().observations().get(0).pktSrcAwsService()).isEqualTo("S3");
        assertThat(e.hops()).contains("vpce-0a1s3");
    }

    static Stream<Arguments> trafficPaths() {
        return Stream.of(
                Arguments.of("same VPC", "i-0a1web1", "i-0a1app1", 8080, 1),
                Arguments.of("intra-Region peering", "i-0a1app1", "i-0b2analyticsdb1", 5432, 4),
                Arguments.of("inter-Region peering", "i-0b2analyticsdb1", "i-0c3backup1", 5432, 5),
                Arguments.of("internet gateway", "i-0a1web1", "public-dns", 443, 8),
                Arguments.of("gateway endpoint", "i-0a1app1", "dynamodb", 443, 7),
                Arguments.of("virtual private gateway", "i-0c3backup1", "192.168.10.10", 22, 3),
                Arguments.of("to the NAT gateway in the VPC", "i-0a1app1", "public-dns", 443, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trafficPaths")
    void trafficPathOfTheSourceEgressRecord(String name, String from, String to, int port, int path) {
        Evaluation e = SampleNetwork.evaluate(from, to, "tcp", port);
        assertThat(e.observations().get(0).flowDirection()).isEqualTo(FlowDirection.EGRESS);
        assertThat(e.observations().get(0).trafficPath()).isEqualTo(path);
    }

    static Stream<Arguments> unlogged() {
        return Stream.of(
                Arguments.of("Amazon DNS at the VPC base + 2", "10.0.0.2", "amazon-dns"),
                Arguments.of("Amazon DNS link-local", "169.254.169.253", "amazon-dns"),
                Arguments.of("instance metadata", "169.254.169.254", "instance-metadata"),
                Arguments.of("Time Sync", "169.254.169.123", "amazon-time-sync"),
                Arguments.of("the subnet's VPC router", "10.0.11.1", "vpc-router"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unlogged")
    void trafficAwsNeverLogsHasNoRecords(String name, String to, String hop) {
        Evaluation e = SampleNetwork.evaluate("i-0a1app1", to, "udp", 53);
        assertThat(e.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(e.logged()).isFalse();
        assertThat(e.observations()).isEmpty();
        assertThat(e.hops()).endsWith(hop);
    }

    @Test
    void dnsToAResolverThatIsNotAmazonsIsLogged() {
        Evaluation e = SampleNetwork.evaluate("i-0a1app1", "public-dns", "udp", 53);
        assertThat(e.logged()).isTrue();
        assertThat(e.observations()).hasSize(3);
    }

    @Test
    void transitivePathIsLoggedAsAcceptedAtTheSourceOnly() {
        Evaluation e = SampleNetwork.evaluate("i-0a1app1", "i-0c3backup1", "tcp", 5432);
        assertThat(records(e)).containsExactly("eni-0a1app1 egress ACCEPT 10.0.11.10 10.2.1.10 10.0.11.10 10.2.1.10");
    }
}
