package io.vpcflow.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.model.EndpointService;
import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.LoadBalancer;
import io.vpcflow.model.NatGateway;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkAcl;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.PeeringStatus;
import io.vpcflow.model.PrefixList;
import io.vpcflow.model.Route;
import io.vpcflow.model.RouteTable;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroup;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.VpcEndpoint;
import io.vpcflow.model.VpcPeeringConnection;
import io.vpcflow.model.net.Cidr;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class YamlNetworkLoaderTest {
    private static final LoadedNetwork CONSTRUCTS = YamlNetworkLoader.load(resource("yaml/constructs.yaml"));
    private static final LoadedNetwork BAD = YamlNetworkLoader.load(resource("yaml/bad/many.yaml"));

    static Path resource(String name) {
        try {
            return Path.of(YamlNetworkLoaderTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyConstructLoadsWithoutProblems() {
        assertThat(CONSTRUCTS.problems()).isEmpty();
    }

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("admin", 3), Arguments.of("pl-0corp", 9), Arguments.of("vpc-0a", 11),
                Arguments.of("igw-0a", 14), Arguments.of("vgw-0a", 15), Arguments.of("subnet-0pub", 17),
                Arguments.of("rtb-0pub", 20), Arguments.of("acl-0strict", 31), Arguments.of("sg-0web", 39),
                Arguments.of("i-0web", 49), Arguments.of("eni-0web", 49), Arguments.of("eni-0custom", 54),
                Arguments.of("nat-0a", 56), Arguments.of("eni-nat-0a", 56), Arguments.of("vpce-0s3", 58),
                Arguments.of("vpce-0sqs", 61), Arguments.of("eni-vpce-0sqs-1", 61), Arguments.of("nlb-0b", 76),
                Arguments.of("vpce-svc-0b", 80), Arguments.of("pcx-0ab", 82),
                Arguments.of("acl-0a-default", 11), Arguments.of("rtb-0b-main", 67));
    }

    @ParameterizedTest(name = "{0} is located at line {1}")
    @MethodSource("lines")
    void everyEntityHasItsLine(String id, int line) {
        assertThat(CONSTRUCTS.locationOf(id)).isEqualTo(new Location(resource("yaml/constructs.yaml").toString(), line));
    }

    static Stream<Named<Consumer<Network>>> constructs() {
        return Stream.of(
                Named.of("internet host by name", n -> assertThat(n.internetHost("admin").orElseThrow().ip())
                        .isEqualTo("198.51.100.7")),
                Named.of("vpc with two blocks, account and Region from its place", n -> {
                    var vpc = n.vpc("vpc-0a").orElseThrow();
                    assertThat(vpc.cidrBlocks()).hasSize(2);
                    assertThat(vpc.accountId()).isEqualTo("111111111111");
                    assertThat(vpc.region()).isEqualTo("us-east-1");
                }),
                Named.of("internet gateway attached to its vpc", n -> assertThat(
                        n.internetGateway("igw-0a").orElseThrow().attachedVpcIds()).containsExactly("vpc-0a")),
                Named.of("vpn gateway with static routes", n -> assertThat(
                        n.vpnGateway("vgw-0a").orElseThrow().staticRoutes()).containsExactly(cidr("192.168.0.0/16"))),
                Named.of("subnet zone given, zone id derived or given", n -> {
                    assertThat(n.subnet("subnet-0pub").orElseThrow().azId()).isEqualTo("use1-az2");
                    Subnet defaulted = n.subnet("subnet-0priv").orElseThrow();
                    assertThat(defaulted.availabilityZone()).isEqualTo("us-east-1a");
                    assertThat(defaulted.azId()).isEqualTo("use1-az1");
                    assertThat(n.subnet("subnet-0b").orElseThrow().azId()).isEqualTo("usw2-az9");
                }),
                Named.of("explicit route-table associations from both sides", n -> {
                    assertThat(n.routeTable("rtb-0pub").orElseThrow().subnetIds()).containsExactly("subnet-0pub");
                    assertThat(n.routeTable("rtb-0priv").orElseThrow().subnetIds()).containsExactly("subnet-0priv");
                }),
                Named.of("local routes for every vpc block, then the map form", n -> assertThat(
                        n.routeTable("rtb-0pub").orElseThrow().routes()).extracting(Route::toString).containsExactly(
                        "10.0.0.0/16 -> local", "100.64.0.0/16 -> local", "0.0.0.0/0 -> igw-0a", "pl-0corp -> vgw-0a")),
                Named.of("list form with a blackhole route", n -> assertThat(routes(n, "rtb-0priv"))
                        .contains("10.9.0.0/16 -> pcx-0gone (blackhole)", "0.0.0.0/0 -> nat-0a")),
                Named.of("gateway endpoint adds its prefix-list route", n -> {
                    PrefixList s3 = prefixList(n, "com.amazonaws.us-east-1.s3");
                    assertThat(s3.cidrs()).isNotEmpty();
                    assertThat(s3.id()).matches("pl-[0-9a-f]{8}");
                    assertThat(routes(n, "rtb-0priv")).contains(s3.id() + " -> vpce-0s3");
                    assertThat(n.vpcEndpoint("vpce-0s3").orElseThrow().routeTableIds()).containsExactly("rtb-0priv");
                }),
                Named.of("route to pl-dynamodb names the managed list; the endpoint learns its table", n -> {
                    PrefixList ddb = prefixList(n, "com.amazonaws.us-east-1.dynamodb");
                    assertThat(routes(n, "rtb-0priv")).contains(ddb.id() + " -> vpce-0ddb");
                    VpcEndpoint endpoint = n.vpcEndpoint("vpce-0ddb").orElseThrow();
                    assertThat(endpoint.routeTableIds()).containsExactly("rtb-0priv");
                    assertThat(endpoint.serviceName()).isEqualTo("com.amazonaws.us-east-1.dynamodb");
                }),
                Named.of("main route table created when none is declared", n -> {
                    RouteTable main = n.routeTable("rtb-0b-main").orElseThrow();
                    assertThat(main.main()).isTrue();
                    assertThat(main.routes()).extracting(Route::toString).containsExactly("10.1.0.0/16 -> local");
                }),
                Named.of("default allow-all NACL created, serving the subnets without one", n -> {
                    NetworkAcl acl = n.networkAcl("acl-0a-default").orElseThrow();
                    assertThat(acl.isDefault()).isTrue();
                    assertThat(acl.subnetIds()).containsExactly("subnet-0pub");
                    assertThat(acl.entries()).extracting(Object::toString)
                            .containsExactly("inbound rule 100 allow all 0.0.0.0/0", "outbound rule 100 allow all 0.0.0.0/0");
                    assertThat(n.networkAcl("acl-0b-default").orElseThrow().subnetIds()).containsExactly("subnet-0b");
                }),
                Named.of("NACL rules with numbers, icmp and host names", n -> assertThat(
                        n.networkAcl("acl-0strict").orElseThrow().entries()).extracting(Object::toString).containsExactly(
                        "inbound rule 100 allow tcp 1024-65535 0.0.0.0/0", "inbound rule 200 allow icmp type 0 10.0.0.0/8",
                        "inbound rule 300 deny all 198.51.100.7/32", "outbound rule 100 allow all 0.0.0.0/0")),
                Named.of("compact security-group rules expand per port and per peer", n -> {
                    SecurityGroup web = n.securityGroup("sg-0web").orElseThrow();
                    String s3 = prefixList(n, "com.amazonaws.us-east-1.s3").id();
                    assertThat(web.ingress()).extracting(SecurityGroupRule::toString).containsExactly(
                            "tcp 80 0.0.0.0/0", "tcp 443 0.0.0.0/0", "tcp 22 198.51.100.7/32", "tcp 5432 sg-0web",
                            "tcp 5432 222222222222/sg-0b", "tcp 5432 pl-0corp", "tcp 5432 " + s3,
                            "icmp type 8 code 0 10.0.0.0/8");
                    assertThat(web.ingress().get(4).peer()).isEqualTo(new RulePeer.GroupPeer("sg-0b", "222222222222"));
                    assertThat(web.egress()).extracting(SecurityGroupRule::toString).containsExactly("udp 53 8.8.8.8/32");
                }),
                Named.of("security group without outbound rules allows all out", n -> assertThat(
                        n.securityGroup("sg-0ep").orElseThrow().egress()).extracting(SecurityGroupRule::toString)
                        .containsExactly("all all 0.0.0.0/0")),
                Named.of("instance network interfaces", n -> {
                    NetworkInterface web = n.networkInterface("eni-0web").orElseThrow();
                    assertThat(web.instanceId()).isEqualTo("i-0web");
                    assertThat(web.privateIps()).containsExactly("10.0.1.10", "10.0.1.11");
                    assertThat(web.publicIp()).isEqualTo("3.80.0.10");
                    assertThat(web.securityGroupIds()).containsExactly("sg-0web");
                    assertThat(n.networkInterface("eni-0custom").orElseThrow().sourceDestCheck()).isFalse();
                }),
                Named.of("NAT gateway gets a NAT interface with a derived address", n -> {
                    NatGateway nat = n.natGateway("nat-0a").orElseThrow();
                    assertThat(nat.privateIp()).isEqualTo("10.0.1.254");
                    assertThat(nat.publicIp()).isEqualTo("3.80.0.5");
                    NetworkInterface eni = n.networkInterface(nat.networkInterfaceId()).orElseThrow();
                    assertThat(eni.type()).isEqualTo(InterfaceType.NAT_GATEWAY);
                    assertThat(eni.publicIp()).isEqualTo("3.80.0.5");
                }),
                Named.of("interface endpoint to an AWS service", n -> {
                    VpcEndpoint sqs = n.vpcEndpoint("vpce-0sqs").orElseThrow();
                    assertThat(sqs.serviceName()).isEqualTo("com.amazonaws.us-east-1.sqs");
                    assertThat(sqs.privateDnsEnabled()).isTrue();
                    NetworkInterface eni = n.networkInterface("eni-vpce-0sqs-1").orElseThrow();
                    assertThat(eni.type()).isEqualTo(InterfaceType.VPC_ENDPOINT);
                    assertThat(eni.privateIps()).containsExactly("10.0.2.50");
                    assertThat(eni.securityGroupIds()).containsExactly("sg-0ep");
                }),
                Named.of("interface endpoint to a PrivateLink service", n -> {
                    VpcEndpoint svc = n.vpcEndpoint("vpce-0svc").orElseThrow();
                    assertThat(svc.serviceName()).isEqualTo("com.amazonaws.vpce.us-west-2.vpce-svc-0b");
                    assertThat(svc.state()).isEqualTo("pendingAcceptance");
                    assertThat(svc.privateDnsEnabled()).isFalse();
                    assertThat(n.networkInterface("eni-vpce-0svc-1").orElseThrow().privateIps()).containsExactly("10.0.2.254");
                }),
                Named.of("load balancer interfaces and listeners", n -> {
                    LoadBalancer lb = n.loadBalancer("nlb-0b").orElseThrow();
                    assertThat(lb.networkInterfaceIds()).containsExactly("eni-nlb-0b-1");
                    assertThat(n.networkInterface("eni-nlb-0b-1").orElseThrow().type()).isEqualTo(InterfaceType.LOAD_BALANCER);
                    assertThat(lb.listeners()).containsExactly(new LoadBalancer.Listener(6, 443, 8443, List.of("i-0target")));
                }),
                Named.of("endpoint service with acceptance by default", n -> {
                    EndpointService service = n.endpointService("vpce-svc-0b").orElseThrow();
                    assertThat(service.acceptanceRequired()).isTrue();
                    assertThat(service.providerAccountId()).isEqualTo("222222222222");
                    assertThat(service.allows("111111111111")).isTrue();
                }),
                Named.of("peering takes account and Region from its VPCs", n -> {
                    VpcPeeringConnection pcx = n.peeringConnection("pcx-0ab").orElseThrow();
                    assertThat(pcx.status()).isEqualTo(PeeringStatus.PENDING_ACCEPTANCE);
                    assertThat(pcx.requester()).isEqualTo(new VpcPeeringConnection.Side("vpc-0a", "111111111111", "us-east-1"));
                    assertThat(pcx.accepter()).isEqualTo(new VpcPeeringConnection.Side("vpc-0b", "222222222222", "us-west-2"));
                }),
                Named.of("peering to a VPC outside the model", n -> assertThat(
                        n.peeringConnection("pcx-0out").orElseThrow().accepter().region()).isEqualTo("eu-west-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructs")
    void readsConstruct(Consumer<Network> check) {
        check.accept(CONSTRUCTS.network());
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(Named.of("unknown key, with a suggestion", 9), "vpc-0a", "did you mean 'security-groups'"),
                Arguments.of(Named.of("missing route-table reference", 11), "subnet-0a", "rtb-0nope"),
                Arguments.of(Named.of("bad CIDR (host bits set)", 12), "subnet-0hostbits", "host bits"),
                Arguments.of(Named.of("duplicate id", 13), "subnet-0a", "duplicate id subnet-0a"),
                Arguments.of(Named.of("missing required key", 14), "subnet-0noblock", "has no 'cidr'"),
                Arguments.of(Named.of("wrong type: not a boolean", 16), "rtb-0a", "true or false"),
                Arguments.of(Named.of("NACL rule number out of range", 20), "acl-0a", "40000 is outside 1-32766"),
                Arguments.of(Named.of("NACL action neither allow nor deny", 21), "acl-0a", "permit"),
                Arguments.of(Named.of("bad port", 25), "sg-0a", "70000"),
                Arguments.of(Named.of("bad protocol", 26), "sg-0a", "tcpp"),
                Arguments.of(Named.of("neither CIDR nor host", 27), "sg-0a", "nowhere-host"),
                Arguments.of(Named.of("wrong type: mapping for a list", 29), "sg-0b", "must be a list"),
                Arguments.of(Named.of("bad IPv4 address", 31), "i-0a", "10.0.1.300"),
                Arguments.of(Named.of("wrong type: list for a single value", 33), "vpc-0b", "must be a single value"),
                Arguments.of(Named.of("peering with an unknown VPC", 35), "pcx-0a", "vpc-0nope"),
                Arguments.of(Named.of("repeated key", 36), "pcx-0b", "key 'status' appears twice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputNamesFileLineEntityAndFix(int line, String entityId, String fragment) {
        assertThat(BAD.problems()).anySatisfy(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.location().line()).isEqualTo(line);
            assertThat(p.entityId()).isEqualTo(entityId);
            assertThat(p.message() + " " + p.fix()).contains(fragment);
            assertThat(p.fix()).isNotBlank();
            assertThat(p.toString()).startsWith(resource("yaml/bad/many.yaml") + ":" + line + ": error: [" + entityId);
        });
    }

    @Test
    void badInputStillKeepsWhatCouldBeBuilt() {
        assertThat(BAD.network().vpc("vpc-0a")).isPresent();
        assertThat(BAD.network().subnet("subnet-0a").orElseThrow().cidr()).isEqualTo(cidr("10.0.1.0/24"));
        assertThat(BAD.problems()).allSatisfy(p -> assertThat(p.location().line()).isPositive());
    }

    @Test
    void brokenYamlSyntaxIsOneProblemAtItsLine() {
        Path file = resource("yaml/bad/syntax.yaml");
        LoadedNetwork loaded = YamlNetworkLoader.load(file);
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.location()).isEqualTo(new Location(file.toString(), 7));
            assertThat(p.entityId()).isEqualTo(file.toString());
            assertThat(p.message()).startsWith("YAML syntax error");
        });
    }

    static Stream<Arguments> wrongDocuments() {
        return Stream.of(
                Arguments.of(Named.of("empty file", "yaml/bad/empty.yaml"), 0, "the file holds no network"),
                Arguments.of(Named.of("a list instead of the top-level mapping", "yaml/bad/list-root.yaml"), 1,
                        "network file must be a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongDocuments")
    void wrongDocumentIsOneProblem(String name, int line, String fragment) {
        Path file = resource(name);
        assertThat(YamlNetworkLoader.load(file).problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.location()).isEqualTo(new Location(file.toString(), line));
            assertThat(p.message()).contains(fragment);
        });
    }

    private static Cidr cidr(String text) {
        return Cidr.parse(text);
    }

    private static List<String> routes(Network n, String tableId) {
        return n.routeTable(tableId).orElseThrow().routes().stream().map(Route::toString).toList();
    }

    private static PrefixList prefixList(Network n, String name) {
        return n.prefixLists().stream().filter(p -> name.equals(p.name())).findFirst().orElseThrow();
    }
}
