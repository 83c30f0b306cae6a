package io.vpcflow.generator.scenario;

/**
 * A named workload: its description is its documentation ({@code vpcflow generate --list-scenarios} prints it),
 * {@link #episodesPerMinute()} its rate at weight 1. {@link #bind} looks up the entities it needs and returns the
 * plan of one episode, or throws {@link MissingEntity} when the network lacks one.
 */
public interface Scenario {
    String name();

    String description();

    /** True for injected attacks, which the ledger lists with their actors, targets and time span. */
    boolean attack();

    double episodesPerMinute();

    EpisodePlan bind(ScenarioContext context);

    /** Plans one episode's conversations. */
    @FunctionalInterface
    interface EpisodePlan {
        void plan(Episode episode);
    }

    /** A scenario defined by its parts. */
    static Scenario of(String name, boolean attack, double episodesPerMinute, String description,
                       java.util.function.Function<ScenarioContext, EpisodePlan> binder) {
        return new Scenario() {
            @Override public String name() { return name; }
            @Override public String description() { return description; }
            @Override public boolean attack() { return attack; }
            @Override public double episodesPerMinute() { return episodesPerMinute; }
            @Override public EpisodePlan bind(ScenarioContext context) { return binder.apply(context); }
            @Override public String toString() { return name; }
        };
    }
}
