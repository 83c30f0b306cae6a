package io.vpcflow.model.validate;

import io.vpcflow.model.load.Location;
import io.vpcflow.model.load.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The problems found so far, each placed where its entity was read. */
final class Findings {
    private static final Location UNKNOWN = new Location("?", 0);

    private final Map<String, Location> locations;
    private final List<Problem> problems = new ArrayList<>();

    Findings(Map<String, Location> locations) {
        this.locations = locations;
    }

    void error(String entityId, String message, String fix) {
        problems.add(Problem.error(where(entityId), entityId, message, fix));
    }

    void warning(String entityId, String message, String fix) {
        problems.add(Problem.warning(where(entityId), entityId, message, fix));
    }

    private Location where(String entityId) {
        return entityId == null ? UNKNOWN : locations.getOrDefault(entityId, UNKNOWN);
    }

    /** Whether the entity was read from AWS describe-* JSON (a snapshot of a real network). */
    boolean fromSnapshot(String entityId) {
        return where(entityId).file().endsWith(".json");
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }
}
