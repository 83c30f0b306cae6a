package io.vpcflow.model.load.aws;

import io.vpcflow.model.EndpointType;
import io.vpcflow.model.Network;
import io.vpcflow.model.Route;
import io.vpcflow.model.RouteTable;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroup;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.VpcEndpoint;
import io.vpcflow.model.load.Location;
import io.vpcflow.model.load.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reports prefix lists that routes or rules use but no file defines. The loader does not make up their CIDRs,
 * even for AWS's S3 and DynamoDB lists, whose contents change: it asks for the {@code describe-prefix-lists} output.
 */
final class PrefixListCheck {
    private final Network network;
    private final Map<String, Location> locations;
    private final Map<String, Set<String>> usersByList = new LinkedHashMap<>();
    private final Map<String, VpcEndpoint> gatewayEndpointByList = new LinkedHashMap<>();
    private final Set<String> gatewayRouted = new LinkedHashSet<>();

    PrefixListCheck(Network network, Map<String, Location> locations) {
        this.network = network;
        this.locations = locations;
    }

    List<Problem> check() {
        collectUses();
        List<Problem> problems = new ArrayList<>();
        usersByList.forEach((listId, users) -> {
            if (network.prefixList(listId).isEmpty()) {
                problems.add(missing(listId, users));
            }
        });
        return problems;
    }

    private void collectUses() {
        for (RouteTable table : network.routeTables()) {
            for (Route route : table.routes()) {
                String listId = route.destinationPrefixListId();
                if (listId != null) {
                    use(listId, table.id());
                    noteGatewayEndpoint(listId, route.targetId());
                }
            }
        }
        for (SecurityGroup group : network.securityGroups()) {
            List<SecurityGroupRule> rules = new ArrayList<>(group.ingress());
            rules.addAll(group.egress());
            for (SecurityGroupRule rule : rules) {
                if (rule.peer() instanceof RulePeer.PrefixListPeer peer) {
                    use(peer.prefixListId(), group.id());
                }
            }
        }
    }

    private void use(String listId, String userId) {
        usersByList.computeIfAbsent(listId, k -> new LinkedHashSet<>()).add(userId);
    }

    /** Only S3 and DynamoDB have gateway endpoints, so a list routed to one is AWS's list for that service. */
    private void noteGatewayEndpoint(String listId, String targetId) {
        if (targetId == null || !targetId.startsWith("vpce-")) {
            return;
        }
        gatewayRouted.add(listId);
        network.vpcEndpoint(targetId)
                .filter(endpoint -> endpoint.type() == EndpointType.GATEWAY)
                .ifPresent(endpoint -> gatewayEndpointByList.putIfAbsent(listId, endpoint));
    }

    private Problem missing(String listId, Set<String> users) {
        String firstUser = users.iterator().next();
        Location location = locations.getOrDefault(firstUser, new Location("?", 0));
        String usedBy = "used by " + String.join(", ", users);
        if (gatewayRouted.contains(listId)) {
            VpcEndpoint endpoint = gatewayEndpointByList.get(listId);
            String service = endpoint != null ? endpoint.serviceName() : "S3 or DynamoDB";
            String region = endpoint == null ? null
                    : network.vpc(endpoint.vpcId()).map(vpc -> vpc.region()).orElse(null);
            return Problem.warning(location, listId, "prefix list " + listId + " is AWS's managed list for " + service
                            + " (" + usedBy + "), but no PrefixLists.json defines it, so its CIDRs are unknown",
                    "add the output of `aws ec2 describe-prefix-lists" + (region != null ? " --region " + region : "")
                            + " --output json` as PrefixLists.json next to RouteTables.json");
        }
        return Problem.warning(location, listId, "prefix list " + listId + " (" + usedBy
                        + ") is not defined in any PrefixLists.json, so its CIDRs are unknown",
                "add it to PrefixLists.json with PrefixListId, PrefixListName and Cidrs (the entries come from "
                        + "`aws ec2 get-managed-prefix-list-entries --prefix-list-id " + listId + "`)");
    }
}
