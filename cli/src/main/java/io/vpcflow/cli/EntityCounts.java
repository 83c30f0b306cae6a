package io.vpcflow.cli;

import io.vpcflow.model.Network;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** How many entities of each kind a network holds, for summaries. */
final class EntityCounts {
    private EntityCounts() {
    }

    static Map<String, Integer> of(Network n) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("vpcs", n.vpcs().size());
        counts.put("subnets", n.subnets().size());
        counts.put("routeTables", n.routeTables().size());
        counts.put("internetGateways", n.internetGateways().size());
        counts.put("natGateways", n.natGateways().size());
        counts.put("networkInterfaces", n.networkInterfaces().size());
        counts.put("securityGroups", n.securityGroups().size());
        counts.put("networkAcls", n.networkAcls().size());
        counts.put("peeringConnections", n.peeringConnections().size());
        counts.put("vpcEndpoints", n.vpcEndpoints().size());
        counts.put("prefixLists", n.prefixLists().size());
        counts.put("endpointServices", n.endpointServices().size());
        counts.put("loadBalancers", n.loadBalancers().size());
        counts.put("vpnGateways", n.vpnGateways().size());
        counts.put("internetHosts", n.internetHosts().size());
        counts.put("flowLogs", n.flowLogs().size());
        counts.put("blockPublicAccess", n.blockPublicAccess().size());
        counts.put("blockPublicAccessExclusions", n.blockPublicAccessExclusions().size());
        return counts;
    }

    static String summary(Network n) {
        return of(n).entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}
