package io.vpcflow.generator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link TrafficGenerator}; every setting is documented here and nowhere else.
 *
 * @param seed            seed of every random choice: the same seed, network, weights and start give the same events
 * @param start           event time of the first simulated instant (simulated clock); the real-time clock starts now
 * @param clock           {@link Clock#SIMULATED}: {@code duration} of traffic produced as fast as possible;
 *                        {@link Clock#REAL_TIME}: {@code duration} of wall-clock time at about
 *                        {@code eventsPerSecond}
 * @param duration        how much traffic time to produce
 * @param eventsPerSecond target event rate of the real-time clock (ignored by the simulated clock)
 * @param weights         scenario name to weight; weight 1 runs a scenario at its documented episode rate, 0 turns it
 *                        off; an empty map runs every scenario at weight 1
 * @param intensity       multiplies every scenario's episode rate (the simulated clock's volume knob)
 * @param synRetries      how often a client retransmits an unanswered SYN (1 s, 2 s, 4 s ... apart, as Linux does)
 */
public record GeneratorConfig(long seed, Instant start, Clock clock, Duration duration, double eventsPerSecond,
                              Map<String, Double> weights, double intensity, int synRetries) {

    /** Which clock times the events. */
    public enum Clock { SIMULATED, REAL_TIME }

    public static final long DEFAULT_SEED = 1L;
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(5);
    public static final int DEFAULT_SYN_RETRIES = 3;

    public GeneratorConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("generator duration must be positive, got " + duration);
        }
        if (clock == Clock.REAL_TIME && !(eventsPerSecond > 0)) {
            throw new IllegalArgumentException("the real-time clock needs a positive events-per-second rate, got "
                    + eventsPerSecond);
        }
        if (!(intensity > 0)) {
            throw new IllegalArgumentException("intensity must be positive, got " + intensity);
        }
        if (synRetries < 0 || synRetries > 6) {
            throw new IllegalArgumentException("synRetries must be 0-6, got " + synRetries);
        }
        weights = Map.copyOf(weights == null ? Map.of() : weights);
        weights.forEach((name, weight) -> {
            if (!(weight >= 0)) {
                throw new IllegalArgumentException("scenario " + name + " has weight " + weight + "; use 0 or more");
            }
        });
    }

    /** Five simulated minutes from now rounded down to the minute, seed 1, every scenario at weight 1. */
    public static GeneratorConfig defaults() {
        return new GeneratorConfig(DEFAULT_SEED, Instant.now().truncatedTo(ChronoUnit.MINUTES), Clock.SIMULATED,
                DEFAULT_DURATION, 0, Map.of(), 1.0, DEFAULT_SYN_RETRIES);
    }

    public GeneratorConfig withSeed(long newSeed) {
        return new GeneratorConfig(newSeed, start, clock, duration, eventsPerSecond, weights, intensity, synRetries);
    }

    public GeneratorConfig withStart(Instant newStart) {
        return new GeneratorConfig(seed, newStart, clock, duration, eventsPerSecond, weights, intensity, synRetries);
    }

    public GeneratorConfig simulated(Duration newDuration) {
        return new GeneratorConfig(seed, start, Clock.SIMULATED, newDuration, 0, weights, intensity, synRetries);
    }

    public GeneratorConfig realTime(double rate, Duration newDuration) {
        return new GeneratorConfig(seed, start, Clock.REAL_TIME, newDuration, rate, weights, intensity, synRetries);
    }

    public GeneratorConfig withWeights(Map<String, Double> newWeights) {
        return new GeneratorConfig(seed, start, clock, duration, eventsPerSecond, newWeights, intensity, synRetries);
    }

    public GeneratorConfig withIntensity(double newIntensity) {
        return new GeneratorConfig(seed, start, clock, duration, eventsPerSecond, weights, newIntensity, synRetries);
    }

    /** Whether {@code scenario} was asked for by name (a weight of its own), not only as one of all scenarios. */
    public boolean names(String scenario) {
        return weights.getOrDefault(scenario, 0.0) > 0;
    }

    /** The weight of {@code scenario}: as configured, else 1 when no weights are given, else 0 (not selected). */
    public double weightOf(String scenario) {
        if (weights.isEmpty()) {
            return 1.0;
        }
        return weights.getOrDefault(scenario, 0.0);
    }
}
