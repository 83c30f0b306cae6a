package io.vpcflow.streams.findings;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.vpcflow.schemas.avro.Finding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection quality against the generator's ground truth: every scenario of the traffic generator (attacks,
 * misconfigurations and the baseline workload, default weights) runs for {@link #SIMULATED} of simulated time with
 * a fixed seed through FlowLogTopology and FindingsTopology (with the sample network as model), and each
 * detector's precision and recall are printed as the table in docs/findings.md. The assertions hold the targets
 * this run meets; docs/findings.md records the others.
 */
class FindingsQualityTest {
    static final long SEED = 20_261_126L;
    static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
    static final Duration SIMULATED = Duration.ofMinutes(20);
    static final double TARGET = 0.95;

    private static GeneratedRun run;
    private static Map<String, QualityReport.Score> scores;

    @BeforeAll
    static void runTheMix() throws InterruptedException {
        run = GeneratedRun.run(SampleNetwork.get(), FindingsConfig.defaults(), SEED, START, SIMULATED);
        scores = QualityReport.score(run.findings, run.truth.incidents(), START.toEpochMilli());
        Map<String, Long> byType = new TreeMap<>();
        run.findings.forEach(f -> byType.merge(f.getType(), 1L, Long::sum));
        System.out.printf("FindingsQualityTest: seed %d, %s simulated from %s, %,d events, %,d finding versions"
                + " (%d findings)%n%s%nversions by type: %s%n", SEED, SIMULATED, START, run.events,
                run.findings.size(), run.findings.stream().map(Finding::getId).distinct().count(),
                QualityReport.table(scores), byType);
        if (Boolean.getBoolean("findings.quality.verbose")) {
            run.findings.forEach(f -> System.out.println("  " + f.getDetector() + " " + f.getLastSeen() + " "
                    + f.getResourceId() + " " + f.getActor() + " " + f.getTarget() + " " + f.getEvidence()));
            run.truth.incidents().forEach(i -> System.out.println("  incident " + i.scenario() + " "
                    + Instant.ofEpochMilli(i.firstMs()) + ".." + Instant.ofEpochMilli(i.lastMs())));
        }
    }

    @Test
    void everyScenarioOfTheMixRanAndLeftGroundTruth() {
        assertThat(run.truth.incidents()).extracting(GroundTruth.Incident::scenario)
                .contains("port-scan", "brute-force", "port-sweep", "udp-flood", "exfiltration",
                        "transitive-peering", "sg-blocks-app-db", "nacl-missing-ephemeral", "s3-via-nat");
        assertThat(run.registry.find("vpcflow.findings.records").tag("outcome", "duplicate").counter().count())
                .as("flows logged by two subscriptions, counted once").isPositive();
    }

    @Test
    void detectorsMeetTheTargetOnTheGeneratedMix() {
        scores.values().stream().filter(s -> s.incidents() > 0).forEach(s -> {
            assertThat(s.precision()).as("precision of " + s.detector()).isGreaterThanOrEqualTo(TARGET);
            assertThat(s.recall()).as("recall of " + s.detector()).isGreaterThanOrEqualTo(TARGET);
        });
    }
}
