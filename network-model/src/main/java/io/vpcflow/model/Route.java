package io.vpcflow.model;

import io.vpcflow.model.net.Cidr;

/**
 * One route: a destination CIDR or a prefix list, a target id, and whether it is a blackhole (its target
 * was deleted). Exactly one of {@code destinationCidr} and {@code destinationPrefixListId} is set.
 */
public record Route(Cidr destinationCidr, String destinationPrefixListId, String targetId, boolean blackhole) {
    public Route {
        if ((destinationCidr == null) == (destinationPrefixListId == null)) {
            throw new IllegalArgumentException("route to " + targetId
                    + " must have exactly one destination: a CIDR block or a prefix list");
        }
        Checks.required(targetId, "route to " + (destinationCidr != null ? destinationCidr : destinationPrefixListId),
                "target");
    }

    public RouteTarget target() {
        return RouteTarget.ofTargetId(targetId);
    }

    public String destination() {
        return destinationCidr != null ? destinationCidr.toString() : destinationPrefixListId;
    }

    @Override
    public String toString() {
        return destination() + " -> " + targetId + (blackhole ? " (blackhole)" : "");
    }
}
