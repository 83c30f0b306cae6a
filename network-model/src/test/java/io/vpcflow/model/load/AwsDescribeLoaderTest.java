package io.vpcflow.model.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

import io.vpcflow.model.EndpointType;
import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.NatGateway;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.PeeringStatus;
import io.vpcflow.model.Route;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.VpcEndpoint;
import io.vpcflow.model.VpcPeeringConnection;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads the eight Batfish AWS snapshots in ../shared/peer-suites/batfish-aws and checks the facts their EXPECTED.md
 * states; {@link BadInput} feeds it broken snapshots written to a temporary directory.
 */
class AwsDescribeLoaderTest {

    /** Entity counts of one snapshot, counted from its JSON by hand. */
    record Counts(int vpcs, int subnets, int routeTables, int internetGateways, int natGateways, int interfaces,
                  int securityGroups, int networkAcls, int peerings, int endpoints, int prefixLists, int vpnGateways) {
        static Counts of(Network n) {
            return new Counts(n.vpcs().size(), n.subnets().size(), n.routeTables().size(),
                    n.internetGateways().size(), n.natGateways().size(), n.networkInterfaces().size(),
                    n.securityGroups().size(), n.networkAcls().size(), n.peeringConnections().size(),
                    n.vpcEndpoints().size(), n.prefixLists().size(), n.vpnGateways().size());
        }
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("subnet", new Counts(1, 1, 1, 0, 0, 2, 3, 1, 0, 0, 0, 0)),
                Arguments.of("public-subnet", new Counts(1, 1, 2, 1, 0, 1, 2, 1, 0, 0, 0, 0)),
                Arguments.of("public-private-subnet", new Counts(1, 2, 2, 1, 0, 2, 3, 1, 0, 0, 0, 1)),
                Arguments.of("nat-gateway", new Counts(1, 3, 3, 1, 1, 4, 3, 2, 0, 0, 0, 0)),
                Arguments.of("vpc-peering", new Counts(3, 3, 3, 0, 0, 3, 6, 3, 2, 0, 0, 0)),
                // three peerings: the active one is in both accounts' files and counted once
                Arguments.of("vpc-peering-multi-account", new Counts(2, 2, 4, 0, 0, 2, 4, 0, 3, 0, 0, 0)),
                Arguments.of("vpc-endpoint-gateway", new Counts(1, 2, 3, 1, 0, 2, 2, 2, 0, 1, 2, 0)),
                Arguments.of("vpc-endpoint-interface", new Counts(1, 2, 2, 1, 0, 3, 2, 2, 0, 1, 2, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void loadsEverySnapshotWithoutErrors(String scenario, Counts expected) {
        LoadedNetwork loaded = load(scenario);

        assertThat(loaded.problems()).filteredOn(Problem::isError).isEmpty();
        assertThat(Counts.of(loaded.network())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void locatesEveryEntityInItsFile(String scenario, Counts ignored) {
        LoadedNetwork loaded = load(scenario);
        Network network = loaded.network();
        List<String> ids = new ArrayList<>();
        network.vpcs().forEach(v -> ids.add(v.id()));
        network.subnets().forEach(v -> ids.add(v.id()));
        network.routeTables().forEach(v -> ids.add(v.id()));
        network.networkInterfaces().forEach(v -> ids.add(v.id()));
        network.securityGroups().forEach(v -> ids.add(v.id()));
        network.peeringConnections().forEach(v -> ids.add(v.id()));

        for (String id : ids) {
            assertThat(loaded.locations()).as(id).containsKey(id);
            assertThat(snapshot(scenario).resolve(loaded.locationOf(id).file())).as(id).isRegularFile();
        }
    }

    @Test
    void vpcPeeringKeepsOnlyAssociatedCidrBlocksAndTheBlackholeRoute() {
        Network network = load("vpc-peering").network();

        assertThat(network.vpc("vpc-0404e08ceddf7f650").orElseThrow().cidrBlocks())
                .containsExactly(Cidr.parse("10.10.0.0/16"));
        assertThat(network.vpc("vpc-00a31ce9d0c06675c").orElseThrow().region()).isEqualTo("us-east-2");
        assertThat(network.routeTable("rtb-017c36290c9baf017").orElseThrow().routes())
                .containsExactly(
                        new Route(Cidr.parse("192.168.0.0/16"), null, "local", false),
                        new Route(Cidr.parse("10.10.0.0/16"), null, "pcx-0b89b559e3319d6cf", false),
                        new Route(Cidr.ANY, null, "igw-0a2c9ae201b441bff", true));
        assertThat(network.peeringConnections()).extracting(VpcPeeringConnection::status)
                .containsOnly(PeeringStatus.ACTIVE);
    }

    @Test
    void natGatewayHasItsInterfaceAndAddresses() {
        Network network = load("nat-gateway").network();

        NatGateway nat = network.natGateway("nat-07ab4846da51f4612").orElseThrow();
        assertThat(nat).isEqualTo(new NatGateway("nat-07ab4846da51f4612", "vpc-0008a7b45e3ddf1dd",
                "subnet-0428892a357fa1f94", "eni-017aaec115610308a", "10.1.250.210", "3.135.127.225", true));
        NetworkInterface eni = network.networkInterface("eni-017aaec115610308a").orElseThrow();
        assertThat(eni.type()).isEqualTo(InterfaceType.NAT_GATEWAY);
        assertThat(eni.attachedTo()).isEqualTo("nat-07ab4846da51f4612");
        assertThat(eni.instanceId()).isNull();
        assertThat(eni.sourceDestCheck()).isFalse();
        assertThat(eni.privateIps()).containsExactly("10.1.250.210");
        assertThat(eni.publicIp()).isEqualTo("3.135.127.225");
    }

    @Test
    void networkAclDropsTheImplicitDenyAndKeepsIcmpCodes() {
        Network network = load("nat-gateway").network();

        assertThat(network.networkAcl("acl-0792adae678b88f85").orElseThrow().entries()).containsExactly(
                new NetworkAclEntry(100, true, Protocol.ALL, null, -1, -1, Cidr.ANY, true),
                new NetworkAclEntry(100, false, Protocol.ICMP, null, -1, -1, Cidr.parse("10.1.1.0/24"), true),
                new NetworkAclEntry(200, false, Protocol.ALL, null, -1, -1, Cidr.ANY, true));
        assertThat(network.networkAcl("acl-0380e24eb934b075e").orElseThrow().subnetIds())
                .containsExactly("subnet-02ff259e663e9613e", "subnet-06f469bcee42e408e");
    }

    @Test
    void securityGroupRulesAreExpandedPerPeer() {
        Network network = load("nat-gateway").network();

        assertThat(network.securityGroup("sg-0253af84ae6485905").orElseThrow().ingress()).containsExactly(
                new SecurityGroupRule(Protocol.TCP, 22, 22, new RulePeer.CidrPeer(Cidr.ANY), "SSH Access"),
                new SecurityGroupRule(Protocol.ICMP, 8, 0, new RulePeer.CidrPeer(Cidr.ANY), "ICMP Access"));
        assertThat(network.securityGroup("sg-0010bf850022667c2").orElseThrow().ingress()).containsExactly(
                new SecurityGroupRule(Protocol.ALL, -1, -1, new RulePeer.GroupPeer("sg-0010bf850022667c2", null),
                        null));
    }

    @Test
    void gatewayEndpointAndItsPrefixList() {
        Network network = load("vpc-endpoint-gateway").network();

        VpcEndpoint endpoint = network.vpcEndpoint("vpce-0b7357542bb7b83ec").orElseThrow();
        assertThat(endpoint.type()).isEqualTo(EndpointType.GATEWAY);
        assertThat(endpoint.serviceName()).isEqualTo("com.amazonaws.us-east-1.s3");
        assertThat(endpoint.routeTableIds()).containsExactly("rtb-04f71fc2caa8d94cf", "rtb-0efde4139784b75b0");
        assertThat(network.prefixList("pl-63a5400a").orElseThrow().cidrs()).containsExactly(
                Cidr.parse("54.231.0.0/17"), Cidr.parse("52.216.0.0/15"), Cidr.parse("3.5.16.0/21"),
                Cidr.parse("3.5.0.0/20"));
        assertThat(network.routeTable("rtb-04f71fc2caa8d94cf").orElseThrow().routes())
                .contains(new Route(null, "pl-63a5400a", "vpce-0b7357542bb7b83ec", false));
        assertThat(network.vpc("vpc-05d56c7295fca139b").orElseThrow().region()).isEqualTo("us-east-1");
    }

    @Test
    void crossAccountPeeringIsLoadedOnceWithBothOwners() {
        LoadedNetwork loaded = load("vpc-peering-multi-account");
        Network network = loaded.network();

        VpcPeeringConnection peering = network.peeringConnection("pcx-0040f7640e10191f4").orElseThrow();
        assertThat(peering.status()).isEqualTo(PeeringStatus.ACTIVE);
        assertThat(peering.requester()).isEqualTo(
                new VpcPeeringConnection.Side("vpc-0f44fae3468d2b998", "028403472736", "us-east-1"));
        assertThat(peering.accepter()).isEqualTo(
                new VpcPeeringConnection.Side("vpc-05951c91977125d2e", "951601349076", "us-east-1"));
        assertThat(loaded.problems()).isEmpty();
        assertThat(network.vpc("vpc-05951c91977125d2e").orElseThrow().accountId()).isEqualTo("951601349076");
        assertThat(loaded.locationOf("vpc-05951c91977125d2e").file())
                .isEqualTo("accounts/123456789013/us-east-1/Vpcs.json");
        assertThat(network.networkInterfaces()).extracting(NetworkInterface::instanceId)
                .containsExactlyInAnyOrder("i-07ae69cc808e8804e", "i-066ce0b1efbb5602c");
    }

    @Test
    void interfaceEndpointInterfaceIsRequesterManaged() {
        Network network = load("vpc-endpoint-interface").network();

        NetworkInterface eni = network.networkInterfaces().stream()
                .filter(i -> i.privateIps().contains("10.1.101.97")).findFirst().orElseThrow();
        assertThat(eni.id()).isEqualTo("eni-0084b734451ba23ca");
        assertThat(eni.type()).isEqualTo(InterfaceType.VPC_ENDPOINT);
        assertThat(eni.instanceId()).isNull();
        assertThat(eni.attachedTo()).isEqualTo("vpce-083c683a6be29b889");
        assertThat(eni.securityGroupIds()).containsExactly("sg-0973207c61f3466e1");
        assertThat(network.vpcEndpoint("vpce-083c683a6be29b889").orElseThrow().networkInterfaceIds())
                .containsExactly("eni-0084b734451ba23ca");
    }

    @Test
    void vpnGatewayCarriesTheStaticVpnRoute() {
        Network network = load("public-private-subnet").network();

        var gateway = network.vpnGateway("vgw-070087240d6fa2989").orElseThrow();
        assertThat(gateway.attachedVpcIds()).containsExactly("vpc-0b966fdeb36d5e43f");
        assertThat(gateway.staticRoutes()).containsExactly(Cidr.parse("19.168.0.0/16"));
        assertThat(network.routeTable("rtb-002f0eabf583bf991").orElseThrow().main()).isTrue();
        assertThat(network.subnet("subnet-0f263105946ad1a1d").orElseThrow().azId()).isEqualTo("use2-az2");
        // flat layout: the Region comes from the subnets' zone
        assertThat(network.vpc("vpc-0b966fdeb36d5e43f").orElseThrow().region()).isEqualTo("us-east-2");
    }

    @Test
    void instanceInterfaceHasItsPublicIp() {
        Network network = load("public-subnet").network();

        NetworkInterface eni = network.networkInterface("eni-00064850627e198ee").orElseThrow();
        assertThat(eni.instanceId()).isEqualTo("i-06669a407b2ef3ae5");
        assertThat(eni.primaryPrivateIp()).isEqualTo("10.0.0.91");
        assertThat(eni.publicIp()).isEqualTo("18.216.80.133");
        assertThat(network.routeTable("rtb-0489000c9e6c299e8").orElseThrow().subnetIds())
                .containsExactly("subnet-0bb82ae8b3ea5dc78");
    }

    @Nested
    class BadInput {
        private static final String WRONG_TYPES = """
                {"VpcId": {}, "SubnetId": [1], "RouteTableId": "rtb-x", "GroupId": "sg-x", "NetworkAclId": "acl-x",
                 "NetworkInterfaceId": "eni-x", "VpcEndpointId": "vpce-x", "VpcPeeringConnectionId": "pcx-x",
                 "NatGatewayId": "nat-x", "InternetGatewayId": "igw-x", "VpnGatewayId": "vgw-x",
                 "PrefixListId": "pl-x", "ServiceId": "vpce-svc-x", "CidrBlock": 5, "OwnerId": true,
                 "Routes": "x", "Entries": {"a": 1}, "Associations": 7, "Attachments": [1, null],
                 "IpPermissions": [1, {"IpProtocol": 6, "IpRanges": "x", "FromPort": "many"}],
                 "IpPermissionsEgress": {"x": 1}, "PrivateIpAddresses": [null, 3], "Attachment": 1,
                 "Status": "x", "NatGatewayAddresses": [1], "Instances": [1, {"NetworkInterfaces": [2]}],
                 "Cidrs": [1, "x"], "CidrBlockAssociationSet": [{"CidrBlock": []}], "VpcAttachments": "x",
                 "RequesterVpcInfo": 1, "Groups": [{"GroupId": 1}], "NetworkLoadBalancerArns": "arn"}""";

        @TempDir
        Path dir;

        @Test
        void malformedJsonIsReportedWithFileAndLineAndTheRestIsRead() throws Exception {
            write("us-west-2/Vpcs.json", """
                    {
                      "Vpcs": [
                        {"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16",, "OwnerId": "111122223333"}
                      ]
                    }
                    """);
            write("us-west-2/Subnets.json", """
                    {"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24"}]}
                    """);

            LoadedNetwork loaded = AwsDescribeLoader.load(dir);

            assertThat(loaded.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.isError()).isTrue();
                assertThat(problem.location()).isEqualTo(new Location("us-west-2/Vpcs.json", 3));
                assertThat(problem.message()).contains("line 3");
            });
            assertThat(loaded.network().subnet("subnet-1")).isPresent();
        }

        @Test
        void subnetWithoutVpcIdIsReportedAndTheOthersAreKept() throws Exception {
            write("Subnets.json", """
                    {"Subnets": [
                      {"SubnetId": "subnet-bad", "CidrBlock": "10.0.2.0/24"},
                      {"SubnetId": "subnet-good", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
                       "AvailabilityZone": "eu-west-1a"}
                    ]}
                    """);

            LoadedNetwork loaded = AwsDescribeLoader.load(dir);

            assertThat(loaded.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.isError()).isTrue();
                assertThat(problem.entityId()).isEqualTo("subnet-bad");
                assertThat(problem.location()).isEqualTo(new Location("Subnets.json", 0));
                assertThat(problem.message()).contains("vpc id");
                assertThat(problem.fix()).contains("aws ec2 describe-subnets");
            });
            assertThat(loaded.network().subnets()).extracting(s -> s.id()).containsExactly("subnet-good");
        }

        @Test
        void emptyDirectoryIsOneError() {
            LoadedNetwork loaded = AwsDescribeLoader.load(dir);

            assertThat(loaded.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.isError()).isTrue();
                assertThat(problem.message()).contains("no AWS describe-* file");
            });
            assertThat(loaded.network().vpcs()).isEmpty();
        }

        @Test
        void missingDirectoryIsOneError() {
            LoadedNetwork loaded = AwsDescribeLoader.load(dir.resolve("absent"));

            assertThat(loaded.problems()).singleElement().satisfies(p -> assertThat(p.isError()).isTrue());
        }

        @Test
        void unknownFilesAreIgnored() throws Exception {
            write("CustomerGateways.json", "{\"CustomerGateways\": []}");
            write("TransitGateways.json", "not even json");

            assertThat(AwsDescribeLoader.load(dir).problems()).singleElement()
                    .satisfies(problem -> assertThat(problem.message()).contains("no AWS describe-* file"));
        }

        @Test
        void fileWithoutItsListIsAnError() throws Exception {
            write("Vpcs.json", "{\"Subnets\": []}");
            write("RouteTables.json", "");

            assertThat(AwsDescribeLoader.load(dir).problems())
                    .extracting(p -> p.location().file(), Problem::isError)
                    .containsExactlyInAnyOrder(tuple("Vpcs.json", true), tuple("RouteTables.json", true));
        }

        @Test
        void ipv6OnlySubnetIsSkippedWithAWarning() throws Exception {
            write("Subnets.json", """
                    {"Subnets": [{"SubnetId": "subnet-6", "VpcId": "vpc-1",
                      "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18::/64"}]}]}
                    """);

            LoadedNetwork loaded = AwsDescribeLoader.load(dir);

            assertThat(loaded.problems()).singleElement()
                    .satisfies(p -> assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING));
            assertThat(loaded.network().subnets()).isEmpty();
        }

        static Stream<String> fileNames() {
            return Stream.of("Vpcs.json", "Subnets.json", "RouteTables.json", "InternetGateways.json",
                    "NatGateways.json", "NetworkInterfaces.json", "Reservations.json", "SecurityGroups.json",
                    "NetworkAcls.json", "VpcPeeringConnections.json", "VpcEndpoints.json", "PrefixLists.json",
                    "Addresses.json", "VpnGateways.json", "VpnConnections.json", "AvailabilityZones.json",
                    "VpcEndpointServiceConfigurations.json");
        }

        /** Any JSON at all is reported, never thrown: every field of every kind holds the wrong type here. */
        @ParameterizedTest(name = "{0}")
        @MethodSource("fileNames")
        void wrongShapesAreReportedNotThrown(String fileName) throws Exception {
            String key = fileName.equals("VpcEndpointServiceConfigurations.json") ? "ServiceConfigurations"
                    : fileName.replace(".json", "");
            write(fileName, "{\"" + key + "\": [1, \"text\", null, [], {}, " + WRONG_TYPES + "]}");

            LoadedNetwork loaded = AwsDescribeLoader.load(dir);

            assertThat(loaded.problems()).allSatisfy(p -> assertThat(p.location().file()).isEqualTo(fileName));
        }

        static Stream<Arguments> regionSources() {
            return Stream.of(
                    Arguments.of("Region folder", "eu-west-1/", null, "eu-west-1"),
                    Arguments.of("account and Region folders", "accounts/42/sa-east-1/", null, "sa-east-1"),
                    Arguments.of("subnet zone in a flat layout", "", "ap-south-1b", "ap-south-1"),
                    Arguments.of("nothing to go by", "", null, "us-east-1"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("regionSources")
        void regionComesFromTheFolderThenTheSubnetsThenTheDefault(String name, String folder, String zone,
                                                                  String region) throws Exception {
            write(folder + "Vpcs.json", """
                    {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "OwnerId": "1"}]}
                    """);
            if (zone != null) {
                write(folder + "Subnets.json", """
                        {"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
                          "AvailabilityZone": "%s"}]}
                        """.formatted(zone));
            }

            LoadedNetwork loaded = AwsDescribeLoader.load(dir);

            assertThat(loaded.problems()).isEmpty();
            assertThat(loaded.network().vpc("vpc-1").orElseThrow().region()).isEqualTo(region);
        }

        @Test
        void symbolicLinkToASnapshotIsFollowed() throws Exception {
            // the link points inside the temporary directory, so that its clean-up never reaches shared/
            Path source = snapshot("subnet");
            for (String name : List.of("Vpcs.json", "Subnets.json")) {
                write("real/" + name, Files.readString(source.resolve(name)));
            }
            Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));

            LoadedNetwork loaded = AwsDescribeLoader.load(link);

            assertThat(loaded.problems()).isEmpty();
            assertThat(loaded.network().subnets()).hasSize(1);
        }

        static Stream<Arguments> unknownValues() {
            return Stream.of(
                    Arguments.of("NACL rule action", "NetworkAcls.json", """
                            {"NetworkAcls": [{"NetworkAclId": "acl-1", "VpcId": "vpc-1", "Entries": [
                              {"RuleNumber": 100, "Egress": false, "Protocol": "-1", "CidrBlock": "0.0.0.0/0",
                               "RuleAction": "maybe"}]}]}
                            """, "acl-1", "RuleAction 'maybe'"),
                    Arguments.of("endpoint type", "VpcEndpoints.json", """
                            {"VpcEndpoints": [{"VpcEndpointId": "vpce-1", "VpcId": "vpc-1",
                              "ServiceName": "com.amazonaws.us-east-1.s3", "VpcEndpointType": "Teleport"}]}
                            """, "vpce-1", "VpcEndpointType 'Teleport'"),
                    Arguments.of("peering status", "VpcPeeringConnections.json", """
                            {"VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-1",
                              "Status": {"Code": "sulking"},
                              "RequesterVpcInfo": {"VpcId": "vpc-1", "OwnerId": "1", "Region": "us-east-1"},
                              "AccepterVpcInfo": {"VpcId": "vpc-2", "OwnerId": "1", "Region": "us-east-1"}}]}
                            """, "pcx-1", "status code 'sulking'"),
                    Arguments.of("security group protocol", "SecurityGroups.json", """
                            {"SecurityGroups": [{"GroupId": "sg-1", "VpcId": "vpc-1", "OwnerId": "1",
                              "IpPermissions": [{"IpProtocol": "smoke-signals",
                                                 "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]}
                            """, "sg-1", "'smoke-signals' is not a protocol"),
                    Arguments.of("route CIDR", "RouteTables.json", """
                            {"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": [
                              {"DestinationCidrBlock": "10.0.0.1/16", "GatewayId": "local"}]}]}
                            """, "rtb-1", "host bits set"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("unknownValues")
        void unknownValueIsAnErrorNamingTheEntity(String name, String file, String json, String entityId,
                                                   String message) throws Exception {
            write(file, json);

            assertThat(AwsDescribeLoader.load(dir).problems()).singleElement().satisfies(problem -> {
                assertThat(problem.isError()).isTrue();
                assertThat(problem.entityId()).isEqualTo(entityId);
                assertThat(problem.location().file()).isEqualTo(file);
                assertThat(problem.message()).contains(message);
            });
        }

        @Test
        void duplicateIdWithDifferentContentIsAnError() throws Exception {
            write("us-east-1/Vpcs.json", """
                    {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "OwnerId": "1"}]}
                    """);
            write("us-east-2/Vpcs.json", """
                    {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.9.0.0/16", "OwnerId": "1"}]}
                    """);

            LoadedNetwork loaded = AwsDescribeLoader.load(dir);

            assertThat(loaded.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.entityId()).isEqualTo("vpc-1");
                assertThat(problem.location().file()).isEqualTo("us-east-2/Vpcs.json");
                assertThat(problem.message()).contains("duplicate id").contains("us-east-1/Vpcs.json");
            });
            assertThat(loaded.network().vpc("vpc-1").orElseThrow().region()).isEqualTo("us-east-1");
        }

        @Test
        void missingManagedPrefixListIsAWarningNotAnInvention() throws Exception {
            Path source = snapshot("vpc-endpoint-gateway").resolve("us-east-1");
            for (String name : List.of("Vpcs.json", "RouteTables.json", "VpcEndpoints.json")) {
                write("us-east-1/" + name, Files.readString(source.resolve(name)));
            }

            LoadedNetwork loaded = AwsDescribeLoader.load(dir);

            assertThat(loaded.network().prefixLists()).isEmpty();
            assertThat(loaded.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.severity()).isEqualTo(Problem.Severity.WARNING);
                assertThat(problem.entityId()).isEqualTo("pl-63a5400a");
                assertThat(problem.message()).contains("com.amazonaws.us-east-1.s3");
                assertThat(problem.fix()).contains("describe-prefix-lists --region us-east-1");
            });
        }

        @Test
        void instanceInterfacesMissingFromDescribeNetworkInterfacesComeFromReservations() throws Exception {
            write("Reservations.json", """
                    {"Reservations": [{"OwnerId": "111122223333", "Instances": [
                      {"InstanceId": "i-1", "State": {"Name": "running"}, "VpcId": "vpc-1", "SubnetId": "subnet-1",
                       "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "Attachment": {"DeviceIndex": 0},
                         "PrivateIpAddress": "10.0.1.5", "Groups": [{"GroupId": "sg-1"}],
                         "PrivateIpAddresses": [{"PrivateIpAddress": "10.0.1.6", "Primary": false},
                                                {"PrivateIpAddress": "10.0.1.5", "Primary": true}]}]},
                      {"InstanceId": "i-2", "State": {"Name": "terminated"}, "NetworkInterfaces": []}]}]}
                    """);
            write("Addresses.json", """
                    {"Addresses": [{"PublicIp": "203.0.113.7", "NetworkInterfaceId": "eni-1",
                                    "PrivateIpAddress": "10.0.1.5"}]}
                    """);
            write("RouteTables.json", """
                    {"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": [
                      {"DestinationCidrBlock": "0.0.0.0/0", "InstanceId": "i-1", "State": "active"},
                      {"DestinationIpv6CidrBlock": "::/0", "GatewayId": "igw-1", "State": "active"}]}]}
                    """);

            LoadedNetwork loaded = AwsDescribeLoader.load(dir);

            assertThat(loaded.problems()).isEmpty();
            NetworkInterface eni = loaded.network().networkInterface("eni-1").orElseThrow();
            assertThat(eni).isEqualTo(new NetworkInterface("eni-1", "111122223333", "vpc-1", "subnet-1",
                    List.of("10.0.1.5", "10.0.1.6"), "203.0.113.7", List.of("sg-1"), InterfaceType.INSTANCE, "i-1",
                    true));
            assertThat(loaded.locationOf("eni-1").file()).isEqualTo("Reservations.json");
            assertThat(loaded.locationOf("i-2").file()).isEqualTo("Reservations.json");
            assertThat(loaded.network().routeTable("rtb-1").orElseThrow().routes())
                    .containsExactly(new Route(Cidr.ANY, null, "eni-1", false));
        }

        @Test
        void endpointServiceConfigurationsNameTheProviderFromTheLoadBalancer() throws Exception {
            write("VpcEndpointServiceConfigurations.json", """
                    {"ServiceConfigurations": [{"ServiceId": "vpce-svc-1",
                      "ServiceName": "com.amazonaws.vpce.us-east-1.vpce-svc-1", "AcceptanceRequired": true,
                      "NetworkLoadBalancerArns": [
                        "arn:aws:elasticloadbalancing:us-east-1:444455556666:loadbalancer/net/api/0123456789abcdef"]}]}
                    """);

            LoadedNetwork loaded = AwsDescribeLoader.load(dir);

            assertThat(loaded.problems()).isEmpty();
            var service = loaded.network().endpointService("vpce-svc-1").orElseThrow();
            assertThat(service.providerAccountId()).isEqualTo("444455556666");
            assertThat(service.acceptanceRequired()).isTrue();
            assertThat(service.loadBalancerIds()).hasSize(1);
        }

        private void write(String relative, String json) throws Exception {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, json);
        }
    }

    private static LoadedNetwork load(String scenario) {
        return AwsDescribeLoader.load(snapshot(scenario));
    }

    private static Path snapshot(String scenario) {
        return peerSuites().resolve("batfish-aws").resolve(scenario).resolve("aws_configs");
    }

    /**
     * {@code shared/peer-suites}, which sits beside the repository root: walks up from the working directory
     * (the module, under Maven) so the tests run in any clone whose parent folder holds {@code shared/}.
     */
    static Path peerSuites() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("peer-suites");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fail("no shared/peer-suites above " + Path.of("").toAbsolutePath()
                + "; clone the repository next to the shared/ folder");
    }
}
