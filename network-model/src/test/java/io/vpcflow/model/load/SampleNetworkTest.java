package io.vpcflow.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.model.EndpointType;
import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.Route;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcEndpoint;
import io.vpcflow.model.VpcPeeringConnection;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The bundled sample network: loads cleanly, covers every construct, and keeps the scenarios others rely on. */
class SampleNetworkTest {
    static final Path SAMPLE = Path.of("..", "examples", "sample-network.yaml");
    private static final LoadedNetwork LOADED = NetworkLoader.load(SAMPLE);
    private static final Network NETWORK = LOADED.network();

    @Test
    void loadsWithoutAnyProblem() {
        assertThat(LOADED.problems()).as(LOADED.problems().toString()).isEmpty();
    }

    @Test
    void spansThreeOrMoreVpcsTwoAccountsAndTwoRegions() {
        assertThat(NETWORK.vpcs()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(NETWORK.vpcs().stream().map(Vpc::accountId).distinct()).hasSize(2);
        assertThat(NETWORK.vpcs().stream().map(Vpc::region).distinct()).hasSize(2);
    }

    static Stream<Named<Function<Network, Collection<?>>>> entityKinds() {
        return Stream.of(
                Named.of("vpcs", Network::vpcs), Named.of("subnets", Network::subnets),
                Named.of("route tables", Network::routeTables), Named.of("internet gateways", Network::internetGateways),
                Named.of("NAT gateways", Network::natGateways), Named.of("network interfaces", Network::networkInterfaces),
                Named.of("security groups", Network::securityGroups), Named.of("network ACLs", Network::networkAcls),
                Named.of("peerings", Network::peeringConnections), Named.of("VPC endpoints", Network::vpcEndpoints),
                Named.of("prefix lists", Network::prefixLists), Named.of("endpoint services", Network::endpointServices),
                Named.of("load balancers", Network::loadBalancers), Named.of("VPN gateways", Network::vpnGateways),
                Named.of("internet hosts", Network::internetHosts), Named.of("flow logs", Network::flowLogs));
    }

    @ParameterizedTest(name = "has {0}")
    @MethodSource("entityKinds")
    void hasEveryEntityKind(Function<Network, Collection<?>> kind) {
        assertThat(kind.apply(NETWORK)).isNotEmpty();
    }

    @ParameterizedTest(name = "has {0} interfaces")
    @EnumSource(value = InterfaceType.class, names = "OTHER", mode = EnumSource.Mode.EXCLUDE)
    void hasEveryInterfaceType(InterfaceType type) {
        assertThat(NETWORK.networkInterfaces()).anyMatch(eni -> eni.type() == type);
    }

    @ParameterizedTest(name = "has {0} endpoints")
    @EnumSource(value = EndpointType.class, names = {"GATEWAY", "INTERFACE"})
    void hasGatewayAndInterfaceEndpoints(EndpointType type) {
        assertThat(NETWORK.vpcEndpoints()).anyMatch(endpoint -> endpoint.type() == type);
    }

    @Test
    void legacyNaclLacksTheInboundEphemeralRule() {
        assertThat(NETWORK.networkAcl("acl-0a1legacy").orElseThrow().entries())
                .filteredOn(entry -> !entry.egress() && entry.allow())
                .noneMatch(entry -> entry.portRange() != null && entry.portRange().contains(40000))
                .extracting(NetworkAclEntry::ruleNumber).isNotEmpty();
    }

    @Test
    void dbGroupAdmitsAppButNotReporting() {
        assertThat(NETWORK.securityGroup("sg-0a1db").orElseThrow().ingress()).extracting(SecurityGroupRule::peer)
                .containsExactly(new RulePeer.GroupPeer("sg-0a1app", null));
        assertThat(NETWORK.networkInterface("eni-0a1reporting").orElseThrow().securityGroupIds())
                .containsExactly("sg-0a1reporting");
    }

    @Test
    void backupIsActivelyPeeredWithAnalyticsOnlyWhileShopRoutesToItOverTheAnalyticsPeering() {
        assertThat(NETWORK.peeringConnections()).noneMatch(p -> p.connects("vpc-0a1shop") && p.connects("vpc-0c3backup")
                && p.status() == io.vpcflow.model.PeeringStatus.ACTIVE);
        VpcPeeringConnection crossRegion = NETWORK.peeringConnection("pcx-0b2analyticsbackup").orElseThrow();
        assertThat(crossRegion.crossRegion()).isTrue();
        assertThat(NETWORK.peeringConnection("pcx-0a1shopanalytics").orElseThrow().crossRegion()).isFalse();
        assertThat(NETWORK.routeTable("rtb-0a1app").orElseThrow().routes()).extracting(Route::toString)
                .contains("10.2.0.0/16 -> pcx-0a1shopanalytics");
    }

    @Test
    void privateLinkPartnerOverlapsShopAndAdmitsItsAccount() {
        assertThat(NETWORK.vpc("vpc-0b2partner").orElseThrow().overlaps(NETWORK.vpc("vpc-0a1shop").orElseThrow())).isTrue();
        VpcEndpoint consumer = NETWORK.vpcEndpoint("vpce-0a1partner").orElseThrow();
        var service = NETWORK.endpointServices().stream()
                .filter(s -> s.serviceName().equals(consumer.serviceName())).findFirst().orElseThrow();
        assertThat(service.allows(consumer.ownerAccountId())).isTrue();
        assertThat(service.providerAccountId()).isNotEqualTo(consumer.ownerAccountId());
    }

    @Test
    void everyEntityHasALine() {
        NETWORK.networkInterfaces().forEach(eni -> assertThat(LOADED.locationOf(eni.id()).line()).isPositive());
        NETWORK.subnets().forEach(subnet -> assertThat(LOADED.locationOf(subnet.id()).line()).isPositive());
        NETWORK.routeTables().forEach(table -> assertThat(LOADED.locationOf(table.id()).line()).isPositive());
    }
}
