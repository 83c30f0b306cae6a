package io.vpcflow.generator.scenario;

/**
 * A scenario names an entity the network does not have: the scenario is skipped, with this message. When the
 * network does not use the feature the scenario shows at all ({@link #featureUnused}, e.g. VPC Block Public Access
 * off everywhere), the skip is only reported where the scenario was asked for by name.
 */
public final class MissingEntity extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean featureUnused;

    public MissingEntity(String message) {
        this(message, false);
    }

    private MissingEntity(String message, boolean featureUnused) {
        super(message);
        this.featureUnused = featureUnused;
    }

    /** The network does not use the feature this scenario shows: nothing to generate, nothing amiss. */
    public static MissingEntity featureUnused(String message) {
        return new MissingEntity(message, true);
    }

    public boolean featureUnused() {
        return featureUnused;
    }
}
