package io.vpcflow.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vpcflow.generator.scenario.ScenarioCatalogue;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioWeightsTest {
    private static final Set<String> KNOWN = ScenarioCatalogue.names();

    @Test
    void namesWithAndWithoutWeights() {
        assertThat(ScenarioWeights.parse("port-scan=2.5, three-tier-web", KNOWN))
                .isEqualTo(Map.of("port-scan", 2.5, "three-tier-web", 1.0));
    }

    @Test
    void emptyOrAllMeansEveryScenario() {
        assertThat(ScenarioWeights.parse("", KNOWN)).isEmpty();
        assertThat(ScenarioWeights.parse("all", KNOWN)).isEmpty();
        assertThat(ScenarioWeights.parse("all=1,port-scan=0", KNOWN)).hasSize(KNOWN.size()).containsEntry("port-scan",
                0.0);
    }

    @Test
    void unknownNamesAndBadWeightsAreRefusedWithOneLine() {
        assertThatThrownBy(() -> ScenarioWeights.parse("port-scam=1", KNOWN))
                .hasMessageStartingWith("unknown scenario 'port-scam'");
        assertThatThrownBy(() -> ScenarioWeights.parse("port-scan=-1", KNOWN))
                .hasMessageContaining("0 or more");
        assertThatThrownBy(() -> ScenarioWeights.parse("port-scan=x", KNOWN))
                .hasMessageContaining("not 'x'");
    }

    @Test
    void catalogueHasTheSixteenScenariosEachDocumented() {
        assertThat(ScenarioCatalogue.all()).hasSize(16)
                .allMatch(s -> s.description().length() > 60 && s.episodesPerMinute() > 0);
    }
}
