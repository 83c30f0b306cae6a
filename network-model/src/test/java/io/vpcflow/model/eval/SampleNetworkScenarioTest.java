package io.vpcflow.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One named case per behaviour the evaluator must get right, on the bundled sample network: verdict, explanation
 * code and blocking component of the first packet, and whether the reply comes back.
 */
class SampleNetworkScenarioTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // security groups: stateful, CIDR / group / cross-account group references
                c("web tier open to customers", "customer-1", "3.80.10.11", "tcp", 443, "ACCEPTED", null, null, "ACCEPTED"),
                c("web group has no rule for 8080", "customer-1", "3.80.10.11", "tcp", 8080, "REJECTED", "ENI_SG_RULES_MISMATCH", "sg-0a1web", null),
                c("app allows 8080 from the web group", "i-0a1web1", "i-0a1app1", "tcp", 8080, "ACCEPTED", null, null, "ACCEPTED"),
                c("db allows 5432 from the app group", "i-0a1app1", "i-0a1db1", "tcp", 5432, "ACCEPTED", null, null, "ACCEPTED"),
                c("reporting group is not allowed by the db group", "i-0a1reporting", "i-0a1db1", "tcp", 5432, "REJECTED", "ENI_SG_RULES_MISMATCH", "sg-0a1db", null),
                c("peered account's group referenced across the peering", "i-0a1app1", "i-0b2analyticsdb1", "tcp", 5432, "ACCEPTED", null, null, "ACCEPTED"),
                c("a group not referenced by the peer is refused", "i-0a1reporting", "i-0b2analyticsdb1", "tcp", 5432, "REJECTED", "ENI_SG_RULES_MISMATCH", "sg-0b2analyticsdb", null),
                // network ACLs: stateless, first match, not inside one subnet
                c("NACL rule 50 denies blocked-bot before rule 100 allows all", "blocked-bot", "3.80.10.11", "tcp", 443, "REJECTED", "SUBNET_ACL_RESTRICTION", "acl-0a1public", null),
                c("ping accepted, reply rejected by the outbound NACL", "admin-office", "3.80.10.20", "icmp", 0, "ACCEPTED", null, null, "REJECTED"),
                c("legacy NACL lacks the ephemeral-port rule: replies rejected", "i-0a1legacy", "public-dns", "tcp", 443, "ACCEPTED", null, null, "REJECTED"),
                c("NACL not applied inside one subnet", "i-0a1legacy", "i-0a1legacy2", "tcp", 9000, "ACCEPTED", null, null, "ACCEPTED"),
                c("same port from another subnet meets the NACL", "i-0a1app1", "i-0a1legacy2", "tcp", 9000, "REJECTED", "SUBNET_ACL_RESTRICTION", "acl-0a1legacy", null),
                // routing
                c("main route table fallback has no internet route", "i-0a1db1", "public-dns", "tcp", 443, "NO_ROUTE", "NO_ROUTE_TO_DESTINATION", "rtb-0a1main", null),
                c("blackhole route", "i-0a1web1", "172.16.5.5", "tcp", 443, "NO_ROUTE", "BAD_STATE_ROUTE", "rtb-0a1public", null),
                c("longest prefix: the S3 prefix list beats 0.0.0.0/0 to the NAT", "i-0a1app1", "s3", "tcp", 443, "ACCEPTED", null, null, "ACCEPTED"),
                c("longest prefix: 10.1.0.0/16 to the peering beats 0.0.0.0/0", "i-0a1app2", "10.1.1.10", "tcp", 5432, "ACCEPTED", null, null, "ACCEPTED"),
                c("address in the VPC but in no subnet", "i-0a1web1", "10.0.200.7", "tcp", 80, "NO_ROUTE", "ADDRESS_NOT_IN_ANY_SUBNET", "vpc-0a1shop", null),
                c("address in a subnet where no interface answers", "i-0a1web1", "10.0.2.77", "tcp", 80, "UNREACHABLE", "NO_INTERFACE_AT_ADDRESS", "subnet-0a1web1b", null),
                // internet gateway
                c("public IP reaches the internet", "i-0a1web1", "public-dns", "udp", 53, "ACCEPTED", null, null, "ACCEPTED"),
                c("no public IP: the internet gateway drops it", "i-0a1staging", "public-dns", "tcp", 443, "REJECTED", "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", "igw-0a1shop", null),
                c("the internet does not route private addresses", "scanner", "10.0.1.10", "tcp", 22, "NO_ROUTE", "INTERNET_PRIVATE_ADDRESS", "internet", null),
                // NAT gateway
                c("private instance reaches the internet through NAT", "i-0a1app1", "public-dns", "udp", 53, "ACCEPTED", null, null, "ACCEPTED"),
                c("S3 through NAT when the subnet has no endpoint route", "i-0a1batch1", "s3", "tcp", 443, "ACCEPTED", null, null, "ACCEPTED"),
                c("NAT refuses unsolicited inbound", "scanner", "3.80.10.5", "tcp", 22, "REJECTED", "NGW_NO_INBOUND_SESSION", "nat-0a1shop1a", null),
                c("NAT carries only TCP, UDP and ICMP", "i-0a1app1", "public-dns", "47", 0, "REJECTED", "PROTOCOL_RESTRICTION", "nat-0a1shop1a", null),
                c("NAT ICMP echo", "i-0a1app1", "public-dns", "icmp", 0, "ACCEPTED", null, null, "ACCEPTED"),
                c("no edge-to-edge: the peer cannot use shop's NAT", "i-0b2analyticsdb1", "public-dns", "tcp", 443, "NO_ROUTE", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", "pcx-0a1shopanalytics", null),
                // peering
                c("peering is not transitive", "i-0a1app1", "i-0c3backup1", "tcp", 5432, "NO_ROUTE", "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR", "pcx-0a1shopanalytics", null),
                c("cross-Region peering", "i-0b2analyticsdb1", "i-0c3backup1", "tcp", 5432, "ACCEPTED", null, null, "ACCEPTED"),
                c("a pending peering carries nothing", "i-0c3backup1", "i-0a1app1", "tcp", 8080, "NO_ROUTE", "BAD_STATE", "pcx-0c3backupshop", null),
                // VPN gateway (static routes only)
                c("on-premises prefix leaves through the VPN gateway", "i-0c3backup1", "192.168.10.10", "tcp", 22, "ACCEPTED", null, null, "ACCEPTED"),
                // endpoints and PrivateLink
                c("DynamoDB through its gateway endpoint", "i-0a1app2", "dynamodb", "tcp", 443, "ACCEPTED", null, null, "ACCEPTED"),
                c("private DNS resolves SQS to the interface endpoint", "i-0a1app1", "sqs.us-east-1.amazonaws.com", "tcp", 443, "ACCEPTED", null, null, "ACCEPTED"),
                c("the interface endpoint's own group", "i-0a1app1", "sqs.us-east-1.amazonaws.com", "tcp", 80, "REJECTED", "ENI_SG_RULES_MISMATCH", "sg-0a1sqsendpoint", null),
                c("PrivateLink consumer reaches the provider", "i-0a1app1", "vpce-0a1partner", "tcp", 443, "ACCEPTED", null, null, "ACCEPTED"),
                c("PrivateLink endpoint allows only the app group", "i-0a1reporting", "vpce-0a1partner", "tcp", 443, "REJECTED", "ENI_SG_RULES_MISMATCH", "sg-0a1partnerendpoint", null),
                c("the endpoint's group is checked before the service", "i-0a1app1", "vpce-0a1partner", "tcp", 8443, "REJECTED", "ENI_SG_RULES_MISMATCH", "sg-0a1partnerendpoint", null),
                c("the load balancer needs a listener for the port", "i-0b2partnerapi1", "10.0.2.100", "tcp", 80, "REJECTED", "NLB_NO_LISTENER", "nlb-0b2partnerapi", null),
                c("PrivateLink endpoint not yet accepted", "i-0b2analyticsdb1", "vpce-0b2partnerpending", "tcp", 443, "REJECTED", "VPCE_SERVICE_NOT_ACCEPTED", "vpce-0b2partnerpending", null),
                c("the provider cannot open connections to the consumer", "i-0b2partnerapi1", "10.0.11.10", "tcp", 8080, "NO_ROUTE", "ADDRESS_NOT_IN_ANY_SUBNET", "vpc-0b2partner", null));
    }

    private static Arguments c(String name, String from, String to, String protocol, int port, String verdict,
                               String code, String blockedAt, String replyVerdict) {
        return Arguments.of(name, from, to, protocol, port, verdict, code, blockedAt, replyVerdict);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesLikeAws(String name, String from, String to, String protocol, int port, String verdict, String code,
                        String blockedAt, String replyVerdict) {
        Evaluation e = SampleNetwork.evaluate(from, to, protocol, port);
        String context = e.explanation() + " via " + e.hops() + (e.reply() == null ? "" : "; reply: "
                + e.reply().explanation() + " via " + e.reply().hops());
        assertThat(e.verdict().name()).as(context).isEqualTo(verdict);
        assertThat(e.code() == null ? null : e.code().name()).as(context).isEqualTo(code);
        assertThat(e.blockedAt()).as(context).isEqualTo(blockedAt);
        assertThat(e.reply() == null ? null : e.reply().verdict().name()).as(context).isEqualTo(replyVerdict);
        assertThat(e.logged()).isTrue();
    }
}
