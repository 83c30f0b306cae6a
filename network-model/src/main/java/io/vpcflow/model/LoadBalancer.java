package io.vpcflow.model;

import java.util.List;

/** A Network Load Balancer: one interface per subnet, listeners forwarding to targets (instance ids or IPs). */
public record LoadBalancer(String id, String accountId, String vpcId, List<String> networkInterfaceIds,
                           List<Listener> listeners) {
    /** A listener: traffic to {@code port} goes to {@code targetPort} on each target. */
    public record Listener(int protocol, int port, int targetPort, List<String> targets) {
        public Listener {
            targets = Checks.list(targets);
        }
    }

    public LoadBalancer {
        Checks.id(id, "load balancer");
        Checks.required(vpcId, "load balancer " + id, "vpc id");
        networkInterfaceIds = Checks.list(networkInterfaceIds);
        listeners = Checks.list(listeners);
    }
}
