package io.vpcflow.generator.scenario;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One occurrence of a scenario, started by the generator at {@link #startMillis()}: the scenario plans its
 * conversations here, each at an offset from the start. Attacks also name their actors and targets, which the
 * ground-truth ledger records with the time span of the events the episode produced.
 */
public interface Episode {
    /** The scenario's own random source: drawing from it keeps a run reproducible from its seed. */
    SplittableRandom random();

    long startMillis();

    /** Plans a conversation to start {@code offsetMillis} after the episode's start. */
    void at(long offsetMillis, Conversation conversation);

    /** Marks the episode as an attack by {@code actors} on {@code targets}. */
    void attack(List<Endpoint> actors, List<Endpoint> targets);

    /** A client port from the Linux ephemeral range 32768-60999. */
    default int ephemeralPort() {
        return 32768 + random().nextInt(60999 - 32768 + 1);
    }

    /** Picks one of {@code options}. */
    default <T> T pick(List<T> options) {
        return options.get(random().nextInt(options.size()));
    }
}
