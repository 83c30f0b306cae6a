package io.vpcflow.generator;

import static io.vpcflow.generator.Generated.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vpcflow.generator.scenario.MissingEntity;
import io.vpcflow.generator.scenario.ScenarioCatalogue;
import io.vpcflow.generator.scenario.ScenarioContext;
import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.eval.ExplanationCode;
import io.vpcflow.model.eval.Packet;
import io.vpcflow.model.eval.Source;
import io.vpcflow.model.eval.Verdict;
import io.vpcflow.model.net.Ipv4;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.PacketEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each scenario alone on the sample network: the interfaces, verdicts and explanation codes of its events. */
class ScenarioVerdictsTest {
    private static final String NAT = "eni-nat-0a1shop1a";

    @Test
    void threeTierWebIsAllAcceptedAndItsAmazonDnsLookupsAreNotLogged() {
        Generated g = Generated.only("three-tier-web", 2);
        assertThat(g.events).isNotEmpty().noneMatch(Generated::rejected);
        assertThat(interfaces(g.events)).contains("eni-0a1web1", "eni-0a1web2", "eni-0a1app1", "eni-0a1app2",
                "eni-0a1db1");
        assertThat(g.events).noneMatch(e -> e.getDstAddr().equals("10.0.0.2") || e.getSrcAddr().equals("10.0.0.2"));
        assertThat(g.stats.flowsNotLogged()).as("Amazon DNS lookups").isPositive();
        assertThat(g.events).anyMatch(e -> (e.getTcpFlags() & Packet.SYN) != 0 && e.getTcpFlags() != 18
                && e.getTcpFlags() != 19);
        assertThat(g.events).anyMatch(e -> e.getTcpFlags() == 18 || e.getTcpFlags() == 19);
        assertThat(g.events).anyMatch(e -> (e.getTcpFlags() & Packet.FIN) != 0);
        assertThat(g.events).allMatch(e -> e.getScenario().equals("three-tier-web"));
    }

    @Test
    void internetInboundAcceptsCustomersAndTheNetworkAclRejectsTheBlockedBot() {
        Generated g = Generated.only("internet-inbound", 3);
        assertThat(g.where(e -> e.getSrcAddr().equals("198.51.100.10"))).isNotEmpty().noneMatch(Generated::rejected);
        List<PacketEvent> bot = g.where(e -> e.getSrcAddr().equals("203.0.113.99"));
        assertThat(bot).isNotEmpty().allMatch(Generated::rejected)
                .allMatch(e -> e.getExplanationCode().equals(ExplanationCode.SUBNET_ACL_RESTRICTION.name()))
                .allMatch(e -> e.getBlockingComponent().equals("acl-0a1public"));
        assertThat(g.where(e -> e.getDstPort() == 22 && e.getSrcAddr().equals("198.51.100.200")))
                .noneMatch(Generated::rejected);
    }

    @Test
    void natEgressWritesFourRecordsOnTheNatInterfaceAndDnsTo8888IsLogged() {
        Generated g = Generated.only("nat-egress", 3);
        assertThat(g.events).noneMatch(Generated::rejected);
        PacketEvent query = g.where(e -> e.getInterfaceId().equals("eni-0a1app1") || e.getInterfaceId()
                .equals("eni-0a1app2")).stream()
                .filter(e -> e.getProtocol() == 17 && e.getDstAddr().equals("8.8.8.8") && e.getDstPort() == 53)
                .findFirst().orElseThrow();
        String app = query.getSrcAddr();
        int port = query.getSrcPort();
        List<PacketEvent> atNat = g.at(NAT).stream().filter(e -> e.getProtocol() == 17
                && e.getEventTime().equals(query.getEventTime())).toList();
        assertThat(atNat).anyMatch(e -> e.getFlowDirection() == FlowDirection.INGRESS
                && e.getSrcAddr().equals(app) && e.getSrcPort() == port && e.getDstAddr().equals("10.0.1.5"));
        PacketEvent out = atNat.stream().filter(e -> e.getFlowDirection() == FlowDirection.EGRESS
                && e.getDstAddr().equals("8.8.8.8")).findFirst().orElseThrow();
        assertThat(out.getSrcAddr()).isEqualTo("10.0.1.5");
        assertThat(atNat).anyMatch(e -> e.getFlowDirection() == FlowDirection.INGRESS
                && e.getSrcAddr().equals("8.8.8.8") && e.getDstPort() == out.getSrcPort());
        assertThat(atNat).anyMatch(e -> e.getFlowDirection() == FlowDirection.EGRESS
                && e.getDstAddr().equals(app) && e.getDstPort() == port && "8.8.8.8".equals(e.getPktSrcAddr()));
        assertThat(g.events).anyMatch(e -> e.getProtocol() == 1);
    }

    @Test
    void s3ThroughTheGatewayEndpointIsSeenOnTheInstanceOnlyWithTrafficPath7() {
        Generated g = Generated.only("s3-gateway-endpoint", 3);
        assertThat(g.events).isNotEmpty().noneMatch(Generated::rejected);
        assertThat(interfaces(g.events)).isSubsetOf("eni-0a1app1", "eni-0a1app2");
        assertThat(g.where(e -> e.getFlowDirection() == FlowDirection.EGRESS))
                .allMatch(e -> e.getTrafficPath() == 7 && "S3".equals(e.getPktDstAwsService()));
    }

    @Test
    void s3ThroughNatGoesOutThroughTheNatGatewayFromTheBatchSubnet() {
        Generated g = Generated.only("s3-via-nat", 3);
        assertThat(g.skipped).isEmpty();
        assertThat(g.where(e -> e.getFlowDirection() == FlowDirection.EGRESS && e.getInterfaceId().equals(NAT)))
                .isNotEmpty().anyMatch(e -> "S3".equals(e.getPktDstAwsService()) && e.getTrafficPath() == 2);
        assertThat(g.at("eni-0a1batch1")).isNotEmpty().noneMatch(Generated::rejected);
        assertThat(g.events).noneMatch(e -> e.getTrafficPath() != null && e.getTrafficPath() == 7);
    }

    @Test
    void aScenarioWhoseEntitiesAreMissingIsSkippedWithAClearMessage() {
        Evaluator noBatch = Generated.load(Generated.repositoryRoot().resolve(
                "traffic-generator/src/test/resources/no-batch-network.yaml"));
        assertThatThrownBy(() -> ScenarioCatalogue.byName("s3-via-nat").orElseThrow()
                .bind(new ScenarioContext(noBatch))).isInstanceOf(MissingEntity.class)
                .hasMessageContaining("NAT gateway");
        assertThatThrownBy(() -> Generated.run(noBatch, GeneratorConfig.defaults().withWeights(
                java.util.Map.of("s3-via-nat", 1.0, "port-scan", 1.0)).simulated(java.time.Duration.ofMinutes(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scenario s3-via-nat skipped")
                .hasMessageContaining("scenario port-scan skipped: no internet host 'scanner'");
    }

    @Test
    void crossAccountPeeringAppToDatabaseIsAccepted() {
        Generated g = Generated.only("peering-app-db", 2);
        assertThat(g.events).isNotEmpty().noneMatch(Generated::rejected);
        assertThat(g.at("eni-0b2analyticsdb1")).isNotEmpty().allMatch(e -> e.getAccountId().equals("222222222222"));
        assertThat(g.where(e -> e.getInterfaceId().startsWith("eni-0a1app") && e.getFlowDirection()
                == FlowDirection.EGRESS)).allMatch(e -> e.getTrafficPath() == 4);
    }

    @Test
    void privateLinkReachesTheProviderThroughEndpointAndLoadBalancer() {
        Generated g = Generated.only("privatelink-partner", 2);
        assertThat(g.events).isNotEmpty().noneMatch(Generated::rejected);
        Set<String> enis = interfaces(g.events);
        assertThat(enis).anyMatch(i -> i.startsWith("eni-vpce-0a1partner-"))
                .anyMatch(i -> i.startsWith("eni-nlb-0b2partnerapi-"))
                .anyMatch(i -> i.startsWith("eni-0b2partnerapi"));
        assertThat(g.where(e -> e.getInterfaceId().startsWith("eni-0b2partnerapi") && e.getFlowDirection()
                == FlowDirection.INGRESS)).allMatch(e -> e.getSrcAddr().endsWith(".100"));
    }

    @Test
    void transitivePeeringShowsOnlyTheClientsRetriedSyns() {
        Generated g = Generated.only("transitive-peering", 3);
        assertThat(g.events).isNotEmpty().allMatch(e -> e.getInterfaceId().startsWith("eni-0a1app"))
                .allMatch(e -> e.getFlowDirection() == FlowDirection.EGRESS && e.getTcpFlags() == Packet.SYN)
                .allMatch(e -> e.getDstAddr().equals("10.2.1.10") && e.getPackets() == 1);
        Map<Integer, List<PacketEvent>> byFlow = g.events.stream()
                .collect(Collectors.groupingBy(PacketEvent::getSrcPort));
        // an unanswered SYN and its three retransmissions, 1, 2 and 4 s apart (flows cut by the run's end: a prefix)
        byFlow.values().forEach(flow -> assertThat(List.of(1000L, 2000L, 4000L)).startsWith(
                gaps(flow).toArray(Long[]::new)));
        assertThat(byFlow.values()).anyMatch(flow -> flow.size() == 4);
        PacketEvent first = g.events.get(0);
        Source app = new Source.AtInterface(Generated.SAMPLE.network().network()
                .networkInterface(first.getInterfaceId()).orElseThrow(), Ipv4.parse(first.getSrcAddr()));
        Evaluation e = Generated.SAMPLE.evaluate(app, Packet.tcp(Ipv4.parse(first.getSrcAddr()),
                Ipv4.parse("10.2.1.10"), first.getSrcPort(), 5432, Packet.SYN));
        assertThat(e.verdict()).isEqualTo(Verdict.NO_ROUTE);
        assertThat(e.code()).isEqualTo(ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR);
    }

    @Test
    void securityGroupRejectsReportingAtTheDatabaseInterface() {
        Generated g = Generated.only("sg-blocks-app-db", 3);
        assertThat(g.at("eni-0a1db1")).isNotEmpty().allMatch(Generated::rejected)
                .allMatch(e -> e.getExplanationCode().equals("ENI_SG_RULES_MISMATCH"))
                .allMatch(e -> e.getBlockingComponent().equals("sg-0a1db") && e.getDstPort() == 5432);
        assertThat(g.at("eni-0a1reporting")).isNotEmpty().noneMatch(Generated::rejected);
        assertThat(g.at("eni-0a1reporting")).hasSize(g.at("eni-0a1db1").size());
    }

    @Test
    void naclWithoutEphemeralPortsRejectsEveryReplyAndTheClientRetries() {
        Generated g = Generated.only("nacl-missing-ephemeral", 3);
        List<PacketEvent> replies = g.where(e -> e.getInterfaceId().equals("eni-0a1legacy")
                && e.getFlowDirection() == FlowDirection.INGRESS);
        assertThat(replies).isNotEmpty().allMatch(Generated::rejected).allMatch(e -> e.getTcpFlags() == 18)
                .allMatch(e -> e.getExplanationCode().equals("SUBNET_ACL_RESTRICTION"))
                .allMatch(e -> e.getBlockingComponent().equals("acl-0a1legacy"));
        assertThat(g.where(e -> e.getInterfaceId().equals("eni-0a1legacy") && e.getFlowDirection()
                == FlowDirection.EGRESS)).hasSize(replies.size()).noneMatch(Generated::rejected);
        assertThat(g.events).anyMatch(e -> "S3".equals(e.getPktSrcAwsService()) && e.getTrafficPath() == null);
        assertThat(g.at(NAT)).isNotEmpty();
    }

    @Test
    void portScanProbesManyPortsClosedOnesRejectedOpenOnesReset() {
        Generated g = Generated.only("port-scan", 2);
        List<PacketEvent> probes = g.where(e -> e.getSrcAddr().equals("203.0.113.66"));
        assertThat(probes.stream().map(PacketEvent::getDstPort).distinct().count()).isGreaterThan(100);
        assertThat(probes.stream().filter(e -> e.getDstPort() != 80 && e.getDstPort() != 443))
                .allMatch(Generated::rejected).allMatch(e -> e.getExplanationCode().equals("ENI_SG_RULES_MISMATCH"));
        assertThat(probes.stream().filter(e -> e.getDstPort() == 443 || e.getDstPort() == 80))
                .allMatch(e -> !rejected(e) && e.getTcpFlags() == (Packet.SYN | Packet.RST));
        assertThat(g.attacks).isNotEmpty().allMatch(a -> a.actors().get(0).name().equals("scanner"));
    }

    @Test
    void bruteForceOpensManyAcceptedShortConnectionsToSshOrRdp() {
        Generated g = Generated.only("brute-force", 3);
        List<PacketEvent> inbound = g.where(e -> e.getSrcAddr().equals("203.0.113.77"));
        assertThat(inbound).isNotEmpty().noneMatch(Generated::rejected)
                .allMatch(e -> e.getDstPort() == 22 || e.getDstPort() == 3389);
        assertThat(inbound.stream().map(PacketEvent::getSrcPort).distinct().count()).isGreaterThan(20);
        assertThat(interfaces(inbound)).isSubsetOf("eni-0a1bastion", "eni-0a1rdp");
        assertThat(g.attacks).isNotEmpty().allMatch(a -> a.scenario().equals("brute-force"));
    }

    @Test
    void portSweepFromACompromisedInstanceHitsManyAddressesOnOnePort() {
        Generated g = Generated.only("port-sweep", 2);
        List<PacketEvent> out = g.where(e -> e.getInterfaceId().equals("eni-0a1web2")
                && e.getFlowDirection() == FlowDirection.EGRESS);
        assertThat(out).noneMatch(Generated::rejected);
        assertThat(out.stream().map(PacketEvent::getDstAddr).distinct().count()).isGreaterThan(100);
        assertThat(g.where(e -> !e.getInterfaceId().equals("eni-0a1web2")))
                .anyMatch(e -> rejected(e) && e.getExplanationCode().equals("ENI_SG_RULES_MISMATCH"));
        assertThat(g.attacks).isNotEmpty();
    }

    @Test
    void udpFloodIsOneWayVolumeFromTheCompromisedInstance() {
        Generated g = Generated.only("udp-flood", 2);
        assertThat(g.events).isNotEmpty().allMatch(e -> e.getInterfaceId().equals("eni-0a1web2"))
                .allMatch(e -> e.getFlowDirection() == FlowDirection.EGRESS && e.getProtocol() == 17)
                .allMatch(e -> e.getPackets() == 5000 && e.getDstAddr().equals("192.0.2.25"));
        assertThat(g.attacks).isNotEmpty();
        assertThat(g.attacks.stream().mapToLong(Ledger.AttackEpisode::events).sum()).isEqualTo(g.events.size());
    }

    @Test
    void exfiltrationSendsGigabytesThroughTheNatGateway() {
        Generated g = Generated.only("exfiltration", 3);
        long out = g.where(e -> e.getInterfaceId().equals("eni-0a1app2") && e.getFlowDirection()
                == FlowDirection.EGRESS).stream().mapToLong(PacketEvent::getBytes).sum();
        assertThat(out).isGreaterThan(500_000_000L);
        assertThat(g.at(NAT)).anyMatch(e -> e.getDstAddr().equals("203.0.113.250"));
        assertThat(g.events).noneMatch(Generated::rejected);
        assertThat(g.attacks).isNotEmpty().allSatisfy(a -> {
            assertThat(a.targets().get(0).address()).isEqualTo("203.0.113.250");
            assertThat(a.firstEventMillis()).isLessThanOrEqualTo(a.lastEventMillis());
        });
    }

    private static Set<String> interfaces(List<PacketEvent> events) {
        return events.stream().map(PacketEvent::getInterfaceId).collect(Collectors.toSet());
    }

    private static List<Long> gaps(List<PacketEvent> flow) {
        List<Long> times = flow.stream().map(e -> e.getEventTime().toEpochMilli()).sorted().toList();
        return java.util.stream.IntStream.range(1, times.size()).mapToObj(i -> times.get(i) - times.get(i - 1))
                .toList();
    }
}
