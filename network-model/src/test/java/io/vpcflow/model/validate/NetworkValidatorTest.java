package io.vpcflow.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.model.EndpointService;
import io.vpcflow.model.EndpointType;
import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.InternetGateway;
import io.vpcflow.model.NatGateway;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkAcl;
import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.PeeringStatus;
import io.vpcflow.model.Route;
import io.vpcflow.model.RouteTable;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroup;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcEndpoint;
import io.vpcflow.model.VpcPeeringConnection;
import io.vpcflow.model.load.Location;
import io.vpcflow.model.load.Problem;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.PortRange;
import io.vpcflow.model.net.Protocol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One named case per check. Each case adds entities to a valid base network (two peered VPCs, a public and a private
 * subnet, an instance and a NAT gateway): a defect must give exactly the expected problem, a near miss none.
 */
class NetworkValidatorTest {
    private static final String A = "111111111111";
    private static final String B = "222222222222";
    private static final String REGION = "us-east-1";

    /** The base network; every case starts from it. */
    static Network.Builder base() {
        return Network.builder()
                .add(new Vpc("vpc-1", "one", A, REGION, List.of(cidr("10.0.0.0/16"))))
                .add(new Vpc("vpc-2", "two", B, REGION, List.of(cidr("10.1.0.0/16"))))
                .add(new InternetGateway("igw-1", List.of("vpc-1")))
                .add(subnet("subnet-pub", "vpc-1", "10.0.1.0/24"))
                .add(subnet("subnet-priv", "vpc-1", "10.0.2.0/24"))
                .add(subnet("subnet-2", "vpc-2", "10.1.1.0/24"))
                .add(new RouteTable("rtb-main", "vpc-1", true, List.of(), List.of(local("10.0.0.0/16"),
                        route("0.0.0.0/0", "nat-1"), route("10.1.0.0/16", "pcx-12"))))
                .add(new RouteTable("rtb-pub", "vpc-1", false, List.of("subnet-pub"), List.of(local("10.0.0.0/16"),
                        route("0.0.0.0/0", "igw-1"))))
                .add(new RouteTable("rtb-2", "vpc-2", true, List.of(), List.of(local("10.1.0.0/16"))))
                .add(acl("acl-1", "vpc-1", true, List.of("subnet-pub", "subnet-priv"), allow(100, false), allow(100, true)))
                .add(acl("acl-2", "vpc-2", true, List.of("subnet-2"), allow(100, false), allow(100, true)))
                .add(group("sg-1", "vpc-1", new RulePeer.GroupPeer("sg-1", null)))
                .add(group("sg-2", "vpc-2", new RulePeer.GroupPeer("sg-1", A)))
                .add(eni("eni-1", "vpc-1", "subnet-pub", "10.0.1.10", "sg-1"))
                .add(new NetworkInterface("eni-nat", A, "vpc-1", "subnet-pub", List.of("10.0.1.5"), "3.80.0.5", List.of(),
                        InterfaceType.NAT_GATEWAY, "nat-1", false))
                .add(new NatGateway("nat-1", "vpc-1", "subnet-pub", "eni-nat", "10.0.1.5", "3.80.0.5", true))
                .add(peering("pcx-12", "vpc-1", A, "vpc-2", B));
    }

    @Test
    void baseNetworkIsValid() {
        assertThat(validate(base())).isEmpty();
    }

    static Stream<Arguments> defects() {
        return Stream.of(
                defect("subnet CIDR outside its VPC", b -> b.add(subnet("subnet-x", "vpc-1", "10.9.0.0/24")),
                        "subnet-x", "is outside vpc-1 10.0.0.0/16"),
                defect("subnet overlapping a sibling", b -> b.add(subnet("subnet-x", "vpc-1", "10.0.1.128/25")),
                        "subnet-x", "overlaps subnet subnet-pub"),
                defect("subnet of an unknown VPC", b -> b.add(subnet("subnet-x", "vpc-9", "10.0.3.0/24")),
                        "subnet-x", "vpc vpc-9, which is not in the model"),
                defect("interface in an unknown subnet", b -> b.add(eni("eni-x", "vpc-1", "subnet-9", "10.0.3.10")),
                        "eni-x", "subnet subnet-9, which is not in the model"),
                defect("interface with an unknown security group",
                        b -> b.add(eni("eni-x", "vpc-1", "subnet-pub", "10.0.1.11", "sg-9")),
                        "eni-x", "names security group sg-9"),
                defect("interface IP outside its subnet", b -> b.add(eni("eni-x", "vpc-1", "subnet-pub", "10.0.2.10")),
                        "eni-x", "is outside its subnet subnet-pub"),
                defect("interface IP reserved: router address", b -> b.add(eni("eni-x", "vpc-1", "subnet-pub", "10.0.1.1")),
                        "eni-x", "five addresses AWS reserves"),
                defect("interface IP reserved: future-use address",
                        b -> b.add(eni("eni-x", "vpc-1", "subnet-pub", "10.0.1.3")), "eni-x", "AWS reserves"),
                defect("interface IP reserved: broadcast address",
                        b -> b.add(eni("eni-x", "vpc-1", "subnet-pub", "10.0.1.255")), "eni-x", "AWS reserves"),
                defect("two interfaces with one IP in a VPC", b -> b.add(eni("eni-x", "vpc-1", "subnet-pub", "10.0.1.10")),
                        "eni-x", "is also used by eni-1"),
                defect("route to an unknown internet gateway", b -> b.add(table("rtb-x", route("8.8.8.8/32", "igw-9"))),
                        "rtb-x", "internet gateway igw-9"),
                defect("route to an unknown NAT gateway", b -> b.add(table("rtb-x", route("8.8.8.8/32", "nat-9"))),
                        "rtb-x", "NAT gateway nat-9"),
                defect("route to an unknown peering", b -> b.add(table("rtb-x", route("10.5.0.0/16", "pcx-9"))),
                        "rtb-x", "peering connection pcx-9"),
                defect("route to an unknown endpoint", b -> b.add(table("rtb-x", route("10.5.0.0/16", "vpce-9"))),
                        "rtb-x", "VPC endpoint vpce-9"),
                defect("route to an unknown interface", b -> b.add(table("rtb-x", route("10.5.0.0/16", "eni-9"))),
                        "rtb-x", "network interface eni-9"),
                defect("route to an unknown prefix list",
                        b -> b.add(table("rtb-x", new Route(null, "pl-9", "igw-1", false))), "rtb-x", "prefix list pl-9"),
                defect("two routes to one destination",
                        b -> b.add(table("rtb-x", route("8.8.8.8/32", "igw-1"), route("8.8.8.8/32", "nat-1"))),
                        "rtb-x", "two routes to 8.8.8.8/32"),
                defect("route over a peering of other VPCs", b -> b.add(new Vpc("vpc-3", null, A, REGION,
                                List.of(cidr("10.3.0.0/16")))).add(new RouteTable("rtb-x", "vpc-3", true, List.of(),
                                List.of(route("10.1.0.0/16", "pcx-12")))),
                        "rtb-x", "does not connect vpc-3"),
                defect("security group rule naming an unknown group",
                        b -> b.add(group("sg-x", "vpc-1", new RulePeer.GroupPeer("sg-9", null))), "sg-x", "security group sg-9"),
                defect("cross-account group rule naming an unknown group of a modelled account",
                        b -> b.add(group("sg-x", "vpc-1", new RulePeer.GroupPeer("sg-9", B))), "sg-x", "security group sg-9"),
                defect("security group rule naming an unknown prefix list",
                        b -> b.add(group("sg-x", "vpc-1", new RulePeer.PrefixListPeer("pl-9"))), "sg-x", "prefix list pl-9"),
                defect("network ACL associated with an unknown subnet",
                        b -> b.add(acl("acl-x", "vpc-1", false, List.of("subnet-9"))), "acl-x", "subnet subnet-9"),
                defect("route table associated with an unknown subnet",
                        b -> b.add(new RouteTable("rtb-x", "vpc-1", false, List.of("subnet-9"), List.of())),
                        "rtb-x", "subnet subnet-9"),
                defect("subnet associated with two route tables",
                        b -> b.add(new RouteTable("rtb-x", "vpc-1", false, List.of("subnet-pub"), List.of())),
                        "rtb-x", "subnet subnet-pub is associated with route table rtb-x and with rtb-pub"),
                defect("subnet associated with two network ACLs",
                        b -> b.add(acl("acl-x", "vpc-1", false, List.of("subnet-priv"))),
                        "acl-x", "subnet subnet-priv is associated with network ACL acl-x and with acl-1"),
                defect("two main route tables in a VPC",
                        b -> b.add(new RouteTable("rtb-x", "vpc-1", true, List.of(), List.of())),
                        "rtb-x", "second main table of vpc-1"),
                defect("duplicate NACL rule number in one direction",
                        b -> b.add(acl("acl-x", "vpc-2", false, List.of(), allow(100, false), allow(100, false))),
                        "acl-x", "two inbound rules numbered 100"),
                defect("gateway endpoint with an unknown route table", b -> b.add(new VpcEndpoint("vpce-x",
                                EndpointType.GATEWAY, "vpc-1", A, "com.amazonaws.us-east-1.s3", null, List.of("rtb-9"),
                                List.of(), List.of(), List.of(), false)),
                        "vpce-x", "route table rtb-9"),
                defect("interface endpoint with an unknown subnet", b -> b.add(new VpcEndpoint("vpce-x",
                                EndpointType.INTERFACE, "vpc-1", A, "com.amazonaws.us-east-1.sqs", null, List.of(),
                                List.of("subnet-9"), List.of(), List.of(), true)),
                        "vpce-x", "subnet subnet-9"),
                defect("gateway endpoint with a route table of another VPC", b -> b.add(new VpcEndpoint("vpce-x",
                                EndpointType.GATEWAY, "vpc-1", A, "com.amazonaws.us-east-1.s3", null, List.of("rtb-2"),
                                List.of(), List.of(), List.of(), false)),
                        "vpce-x", "route table rtb-2 of vpc-2"),
                defect("available endpoint from an account the service does not allow", b -> b
                                .add(service(List.of("999999999999")))
                                .add(consumer("available")),
                        "vpce-x", "does not allow that account"),
                defect("NAT gateway in an unknown subnet",
                        b -> b.add(new NatGateway("nat-x", "vpc-1", "subnet-9", null, null, "3.80.0.6", true)),
                        "nat-x", "subnet subnet-9"),
                defect("peering of two overlapping VPCs", b -> b.add(new Vpc("vpc-3", null, A, REGION,
                                List.of(cidr("10.0.128.0/17")))).add(peering("pcx-13", "vpc-1", A, "vpc-3", A)),
                        "pcx-13", "overlap"),
                defect("peering with an unknown VPC of a modelled account and Region",
                        b -> b.add(peering("pcx-x", "vpc-1", A, "vpc-9", B)), "pcx-x", "vpc vpc-9"),
                defect("endpoint service with an unknown load balancer", b -> b.add(new EndpointService("vpce-svc-x",
                                "com.amazonaws.vpce.us-east-1.vpce-svc-x", B, REGION, List.of("nlb-9"), true, List.of())),
                        "vpce-svc-x", "load balancer nlb-9"),
                defect("internet gateway attached to an unknown VPC",
                        b -> b.add(new InternetGateway("igw-x", List.of("vpc-9"))), "igw-x", "vpc vpc-9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void reportsDefect(Consumer<Network.Builder> change, String entityId, String fragment) {
        Network.Builder builder = base();
        change.accept(builder);
        Map<String, Location> locations = new HashMap<>();
        locations.put(entityId, new Location("net.yaml", 42));
        List<Problem> problems = NetworkValidator.validate(builder.build(), locations);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.entityId()).isEqualTo(entityId);
            assertThat(p.location()).isEqualTo(new Location("net.yaml", 42));
            assertThat(p.message()).contains(fragment);
            assertThat(p.fix()).isNotBlank();
        });
    }

    @Test
    void publicNatGatewayWithoutRouteToInternetIsAWarning() {
        Network.Builder builder = base()
                .add(new NetworkInterface("eni-nat2", A, "vpc-1", "subnet-priv", List.of("10.0.2.5"), "3.80.0.6",
                        List.of(), InterfaceType.NAT_GATEWAY, "nat-2", false))
                .add(new NatGateway("nat-2", "vpc-1", "subnet-priv", "eni-nat2", "10.0.2.5", "3.80.0.6", true));
        assertThat(validate(builder)).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
            assertThat(p.entityId()).isEqualTo("nat-2");
            assertThat(p.message()).contains("no route to an internet gateway");
        });
    }

    static Stream<Named<Consumer<Network.Builder>>> nearMisses() {
        return Stream.of(
                Named.of("two VPCs that overlap each other both peer with a third", b -> b
                        .add(new Vpc("vpc-3", null, A, REGION, List.of(cidr("10.0.0.0/16"))))
                        .add(peering("pcx-32", "vpc-3", A, "vpc-2", B))),
                Named.of("the same IP in two VPCs", b -> b
                        .add(new Vpc("vpc-3", null, A, REGION, List.of(cidr("10.0.0.0/16"))))
                        .add(subnet("subnet-3", "vpc-3", "10.0.1.0/24"))
                        .add(eni("eni-3", "vpc-3", "subnet-3", "10.0.1.10"))),
                Named.of("first and last usable addresses of a subnet", b -> b
                        .add(eni("eni-x", "vpc-1", "subnet-priv", "10.0.2.4"))
                        .add(eni("eni-y", "vpc-1", "subnet-priv", "10.0.2.254"))),
                Named.of("one rule number used inbound and outbound", b -> b
                        .add(acl("acl-x", "vpc-2", false, List.of(), allow(7, false), allow(7, true)))),
                Named.of("group of an account outside the model", b -> b
                        .add(group("sg-x", "vpc-1", new RulePeer.GroupPeer("sg-9", "999999999999")))),
                Named.of("peering with a VPC of an account outside the model", b -> b
                        .add(peering("pcx-x", "vpc-1", A, "vpc-9", "999999999999"))),
                Named.of("blackhole route to a deleted peering", b -> b
                        .add(table("rtb-x", new Route(cidr("10.7.0.0/16"), null, "pcx-deleted", true)))),
                Named.of("endpoint from an allowed account", b -> b.add(service(List.of(A))).add(consumer("available"))),
                Named.of("rejected endpoint from an account the service does not allow", b -> b
                        .add(service(List.of())).add(consumer("rejected"))),
                Named.of("private NAT gateway without an internet route", b -> b
                        .add(new NetworkInterface("eni-nat2", A, "vpc-1", "subnet-priv", List.of("10.0.2.5"), null,
                                List.of(), InterfaceType.NAT_GATEWAY, "nat-2", false))
                        .add(new NatGateway("nat-2", "vpc-1", "subnet-priv", "eni-nat2", "10.0.2.5", null, true))));
    }

    @ParameterizedTest(name = "no problem: {0}")
    @MethodSource("nearMisses")
    void acceptsNearMiss(Consumer<Network.Builder> change) {
        Network.Builder builder = base();
        change.accept(builder);
        assertThat(validate(builder)).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Network.Builder builder = base()
                .add(subnet("subnet-x", "vpc-1", "10.9.0.0/24"))
                .add(eni("eni-x", "vpc-1", "subnet-pub", "10.0.1.10"))
                .add(table("rtb-x", route("8.8.8.8/32", "igw-9")));
        assertThat(validate(builder)).extracting(Problem::entityId).containsExactlyInAnyOrder("subnet-x", "eni-x", "rtb-x");
    }

    private static List<Problem> validate(Network.Builder builder) {
        return NetworkValidator.validate(builder.build(), Map.of());
    }

    private static Arguments defect(String name, Consumer<Network.Builder> change, String entityId, String fragment) {
        return Arguments.of(Named.of(name, change), entityId, fragment);
    }

    private static Cidr cidr(String text) {
        return Cidr.parse(text);
    }

    private static Subnet subnet(String id, String vpcId, String cidr) {
        return new Subnet(id, null, vpcId, cidr(cidr), "us-east-1a", "use1-az1");
    }

    private static Route local(String cidr) {
        return new Route(cidr(cidr), null, "local", false);
    }

    private static Route route(String cidr, String target) {
        return new Route(cidr(cidr), null, target, false);
    }

    /** A non-main route table of vpc-1 without subnets. */
    private static RouteTable table(String id, Route... routes) {
        return new RouteTable(id, "vpc-1", false, List.of(), List.of(routes));
    }

    private static NetworkAclEntry allow(int number, boolean egress) {
        return new NetworkAclEntry(number, egress, Protocol.ALL, PortRange.ALL, -1, -1, Cidr.ANY, true);
    }

    private static NetworkAcl acl(String id, String vpcId, boolean isDefault, List<String> subnets,
                                  NetworkAclEntry... entries) {
        return new NetworkAcl(id, vpcId, isDefault, subnets, List.of(entries));
    }

    private static SecurityGroup group(String id, String vpcId, RulePeer peer) {
        return new SecurityGroup(id, null, vpcId, vpcId.equals("vpc-1") ? A : B,
                List.of(new SecurityGroupRule(Protocol.TCP, 443, 443, peer, null)), List.of());
    }

    private static NetworkInterface eni(String id, String vpcId, String subnetId, String ip, String... groups) {
        return new NetworkInterface(id, A, vpcId, subnetId, List.of(ip), null, List.of(groups), InterfaceType.INSTANCE,
                "i-" + id, true);
    }

    /** A PrivateLink service of account B (its load balancer is not needed by these checks). */
    private static EndpointService service(List<String> principals) {
        return new EndpointService("vpce-svc-2", "com.amazonaws.vpce.us-east-1.vpce-svc-2", B, REGION, List.of(), true,
                principals);
    }

    /** An interface endpoint in vpc-1 (account A) to {@link #service}. */
    private static VpcEndpoint consumer(String state) {
        return new VpcEndpoint("vpce-x", EndpointType.INTERFACE, "vpc-1", A, "com.amazonaws.vpce.us-east-1.vpce-svc-2",
                state, List.of(), List.of(), List.of(), List.of(), false);
    }

    private static VpcPeeringConnection peering(String id, String requester, String requesterAccount, String accepter,
                                                String accepterAccount) {
        return new VpcPeeringConnection(id, PeeringStatus.ACTIVE,
                new VpcPeeringConnection.Side(requester, requesterAccount, REGION),
                new VpcPeeringConnection.Side(accepter, accepterAccount, REGION));
    }
}
