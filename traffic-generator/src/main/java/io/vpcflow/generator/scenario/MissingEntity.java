package io.vpcflow.generator.scenario;

/** A scenario names an entity the network does not have: the scenario is skipped, with this message. */
public final class MissingEntity extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MissingEntity(String message) {
        super(message);
    }
}
