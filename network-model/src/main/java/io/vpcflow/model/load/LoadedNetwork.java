package io.vpcflow.model.load;

import io.vpcflow.model.Network;
import java.util.List;
import java.util.Map;

/**
 * A loaded network with every problem found (loading and validation together) and where each entity came from.
 * The network holds every entity that could be built, even when there are errors, so that a report can be complete.
 */
public record LoadedNetwork(Network network, List<Problem> problems, Map<String, Location> locations) {
    public LoadedNetwork {
        problems = List.copyOf(problems);
        locations = Map.copyOf(locations);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    public Location locationOf(String entityId) {
        return locations.getOrDefault(entityId, new Location("?", 0));
    }
}
