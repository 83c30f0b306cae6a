package io.vpcflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real-time clock: event times are wall-clock times and the rate is about the one asked for. */
class RealTimeClockTest {

    @Test
    void runsAtAboutTheTargetRateWithWallClockEventTimes() {
        long before = System.currentTimeMillis();
        Generated g = Generated.run(Generated.SAMPLE, GeneratorConfig.defaults()
                .withWeights(Map.of("three-tier-web", 1.0, "internet-inbound", 1.0))
                .realTime(2_000, Duration.ofSeconds(3)));
        long after = System.currentTimeMillis();
        assertThat(g.events).isNotEmpty();
        assertThat(g.events).allMatch(e -> e.getEventTime().toEpochMilli() >= before - 1
                && e.getEventTime().toEpochMilli() <= after);
        assertThat(after - before).isGreaterThanOrEqualTo(2_500);
        // Poisson arrivals: loose bounds around 6,000 events
        assertThat(g.events.size()).isBetween(1_500, 18_000);
    }
}
