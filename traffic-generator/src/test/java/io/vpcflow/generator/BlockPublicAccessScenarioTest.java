package io.vpcflow.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vpcflow.generator.scenario.MissingEntity;
import io.vpcflow.generator.scenario.ScenarioCatalogue;
import io.vpcflow.generator.scenario.ScenarioContext;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.PacketEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bpa-blocked-internet}: on examples/bpa-network.yaml (BPA block-bidirectional with exclusions) it yields
 * REJECTs with BPA_BLOCKED exactly where BPA blocks; on the sample network (BPA off) it is skipped, and reported
 * as skipped only where it was asked for by name.
 */
class BlockPublicAccessScenarioTest {
    private static final Evaluator BPA = Generated.load(Generated.repositoryRoot().resolve(
            "examples/bpa-network.yaml"));

    @Test
    void yieldsBpaRejectsOnlyWhereBlockPublicAccessBlocks() {
        Generated g = Generated.run(BPA, GeneratorConfig.defaults().withStart(Generated.START).withSeed(7)
                .withWeights(Map.of("bpa-blocked-internet", 1.0)).simulated(Duration.ofMinutes(3)));

        assertThat(g.skipped).isEmpty();
        assertThat(g.events).isNotEmpty().allMatch(Generated::rejected)
                .allMatch(e -> "BPA_BLOCKED".equals(e.getExplanationCode()))
                .allMatch(e -> "igw-0d4edge".equals(e.getBlockingComponent()));
        // web-1 (no exclusion) both ways, updater (allow-egress) inbound only, shop-1 (allow-bidirectional) never
        assertThat(g.events).extracting(PacketEvent::getInterfaceId).containsOnly("eni-0d4web1", "eni-0d4updater");
        assertThat(g.at("eni-0d4updater")).allMatch(e -> e.getFlowDirection() == FlowDirection.INGRESS);
        assertThat(g.at("eni-0d4web1")).extracting(PacketEvent::getFlowDirection)
                .contains(FlowDirection.INGRESS, FlowDirection.EGRESS);
    }

    @Test
    void isSkippedOnTheSampleNetworkWhereBpaIsOff() {
        assertThatThrownBy(() -> ScenarioCatalogue.byName("bpa-blocked-internet").orElseThrow()
                .bind(new ScenarioContext(Generated.SAMPLE))).isInstanceOf(MissingEntity.class)
                .hasMessageContaining("VPC Block Public Access is off in every account and Region");
    }

    @Test
    void isReportedAsSkippedOnTheSampleNetworkOnlyWhenAskedForByName() {
        Generated all = Generated.run(Generated.SAMPLE, GeneratorConfig.defaults().withStart(Generated.START)
                .withSeed(7).simulated(Duration.ofMinutes(1)));
        Generated named = Generated.run(Generated.SAMPLE, GeneratorConfig.defaults().withStart(Generated.START)
                .withSeed(7).withWeights(Map.of("bpa-blocked-internet", 1.0, "port-scan", 1.0))
                .simulated(Duration.ofMinutes(1)));

        assertThat(all.skipped).isEmpty();
        assertThat(named.skipped).singleElement().asString()
                .startsWith("scenario bpa-blocked-internet skipped: VPC Block Public Access is off");
    }
}
