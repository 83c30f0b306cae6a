package io.vpcflow.model.validate;

import io.vpcflow.model.EndpointService;
import io.vpcflow.model.EndpointType;
import io.vpcflow.model.FlowLog;
import io.vpcflow.model.InternetGateway;
import io.vpcflow.model.LoadBalancer;
import io.vpcflow.model.NatGateway;
import io.vpcflow.model.Network;
import io.vpcflow.model.PeeringStatus;
import io.vpcflow.model.NetworkAcl;
import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.Route;
import io.vpcflow.model.RouteTable;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroup;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcEndpoint;
import io.vpcflow.model.VpcPeeringConnection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every id one entity uses to name another must name something in the model; associations must be unambiguous
 * (one route table and one network ACL per subnet, one main table and one default ACL per VPC), and numbered ACL
 * rules unique per direction. A group, prefix list or VPC in an account the model does not describe is taken as
 * outside the model, not as a mistake.
 */
final class ReferenceChecks {
    private final Network network;
    /** Peerings that exist (or are being set up); the others may name VPCs that are gone. */
    private static final Set<PeeringStatus> LIVE = Set.of(PeeringStatus.ACTIVE, PeeringStatus.PENDING_ACCEPTANCE,
            PeeringStatus.INITIATING_REQUEST, PeeringStatus.PROVISIONING);
    private final Findings findings;
    private final Set<String> accounts;
    private final Set<String> instanceIds;

    ReferenceChecks(Network network, Findings findings) {
        this.network = network;
        this.findings = findings;
        this.accounts = network.vpcs().stream().map(Vpc::accountId).collect(Collectors.toSet());
        this.instanceIds = network.networkInterfaces().stream().map(NetworkInterface::instanceId)
                .filter(id -> id != null).collect(Collectors.toSet());
    }

    void run() {
        network.internetGateways().forEach(this::internetGateway);
        network.networkInterfaces().forEach(this::networkInterface);
        network.securityGroups().forEach(this::securityGroup);
        routeTables();
        networkAcls();
        network.vpcEndpoints().forEach(this::endpoint);
        network.natGateways().forEach(this::natGateway);
        network.peeringConnections().forEach(this::peering);
        network.loadBalancers().forEach(this::loadBalancer);
        network.endpointServices().forEach(this::endpointService);
        network.flowLogs().forEach(this::flowLog);
    }

    private void vpc(String entityId, String kind, String vpcId) {
        if (network.vpc(vpcId).isEmpty()) {
            findings.error(entityId, kind + " " + entityId + " belongs to vpc " + vpcId + ", which is not in the model",
                    "declare vpc " + vpcId + " or correct the " + kind + "'s VPC");
        }
    }

    private void missing(String entityId, String what, String refKind, String refId) {
        findings.error(entityId, what + " " + entityId + " names " + refKind + " " + refId
                + ", which is not in the model", "declare " + refKind + " " + refId + " or correct the reference");
    }

    /**
     * In AWS's own describe-* output a route whose target was deleted is a blackhole, so a live route to a target a
     * snapshot lacks means the snapshot is incomplete rather than the network wrong: a warning there, an error in a
     * hand-written file.
     */
    private void missingTarget(String tableId, String what, String refKind, String refId) {
        if (!findings.fromSnapshot(tableId)) {
            missing(tableId, what, refKind, refId);
            return;
        }
        findings.warning(tableId, what + " " + tableId + " names " + refKind + " " + refId
                + ", which the snapshot does not include; packets on this route get NO_ROUTE",
                "add the describe-* output that lists " + refId + " to the snapshot");
    }

    private void internetGateway(InternetGateway igw) {
        igw.attachedVpcIds().forEach(vpcId -> vpc(igw.id(), "internet gateway", vpcId));
    }

    private void networkInterface(NetworkInterface eni) {
        vpc(eni.id(), "network interface", eni.vpcId());
        for (String groupId : eni.securityGroupIds()) {
            Optional<SecurityGroup> group = network.securityGroup(groupId);
            if (group.isEmpty()) {
                missing(eni.id(), "network interface", "security group", groupId);
            } else if (!group.get().vpcId().equals(eni.vpcId())) {
                findings.error(eni.id(), "network interface " + eni.id() + " in " + eni.vpcId() + " uses security group "
                        + groupId + " of " + group.get().vpcId(), "use a security group of the interface's own VPC");
            }
        }
    }

    private void securityGroup(SecurityGroup group) {
        vpc(group.id(), "security group", group.vpcId());
        for (List<SecurityGroupRule> rules : List.of(group.ingress(), group.egress())) {
            for (SecurityGroupRule rule : rules) {
                if (rule.peer() instanceof RulePeer.GroupPeer peer && network.securityGroup(peer.groupId()).isEmpty()
                        && (peer.accountId() == null || accounts.contains(peer.accountId()))) {
                    missing(group.id(), "rule '" + rule + "' of security group", "security group", peer.groupId());
                } else if (rule.peer() instanceof RulePeer.PrefixListPeer peer
                        && network.prefixList(peer.prefixListId()).isEmpty()) {
                    missing(group.id(), "rule '" + rule + "' of security group", "prefix list", peer.prefixListId());
                }
            }
        }
    }

    private void routeTables() {
        Map<String, String> tableOfSubnet = new HashMap<>();
        Map<String, String> mainOfVpc = new HashMap<>();
        for (RouteTable table : network.routeTables()) {
            vpc(table.id(), "route table", table.vpcId());
            if (table.main()) {
                String other = mainOfVpc.putIfAbsent(table.vpcId(), table.id());
                if (other != null) {
                    findings.error(table.id(), "route table " + table.id() + " is a second main table of "
                            + table.vpcId() + " (" + other + " is main too)", "mark only one route table main");
                }
            }
            associations(table.id(), "route table", table.vpcId(), table.subnetIds(), tableOfSubnet);
            Set<String> destinations = new HashSet<>();
            for (Route route : table.routes()) {
                route(table, route);
                if (!destinations.add(route.destination())) {
                    findings.error(table.id(), "route table " + table.id() + " has two routes to "
                            + route.destination(), "keep one route per destination");
                }
            }
        }
    }

    private void associations(String ownerId, String kind, String vpcId, List<String> subnetIds,
                              Map<String, String> ownerOfSubnet) {
        for (String subnetId : subnetIds) {
            if (network.subnet(subnetId).isEmpty()) {
                missing(ownerId, kind, "subnet", subnetId);
                continue;
            }
            if (!network.subnet(subnetId).get().vpcId().equals(vpcId)) {
                findings.error(ownerId, kind + " " + ownerId + " of " + vpcId + " is associated with subnet " + subnetId
                        + " of another VPC", "associate only subnets of " + vpcId);
            }
            String other = ownerOfSubnet.putIfAbsent(subnetId, ownerId);
            if (other != null && !other.equals(ownerId)) {
                findings.error(ownerId, "subnet " + subnetId + " is associated with " + kind + " " + ownerId
                        + " and with " + other + "; AWS allows one", "keep one " + kind + " association per subnet");
            }
        }
    }

    private void route(RouteTable table, Route route) {
        String what = "route " + route + " of route table";

        if (route.destinationPrefixListId() != null && network.prefixList(route.destinationPrefixListId()).isEmpty()) {
            missing(table.id(), what, "prefix list", route.destinationPrefixListId());
        }
        if (route.blackhole()) {
            return;
        }
        String target = route.targetId();
        switch (route.target()) {
            case INTERNET_GATEWAY -> {
                Optional<InternetGateway> igw = network.internetGateway(target);
                if (igw.isEmpty() && !target.startsWith("eigw-")) {
                    missingTarget(table.id(), what, "internet gateway", target);
                } else if (igw.isPresent() && !igw.get().attachedVpcIds().contains(table.vpcId())) {
                    findings.error(table.id(), what + " " + table.id() + " targets " + target + ", which is not "
                            + "attached to " + table.vpcId(), "attach the gateway to the VPC or use the VPC's own");
                }
            }
            case NAT_GATEWAY -> {
                if (network.natGateway(target).isEmpty()) {
                    missingTarget(table.id(), what, "NAT gateway", target);
                }
            }
            case VPC_PEERING -> {
                Optional<VpcPeeringConnection> peering = network.peeringConnection(target);
                if (peering.isEmpty()) {
                    missingTarget(table.id(), what, "peering connection", target);
                } else if (!peering.get().connects(table.vpcId())) {
                    findings.error(table.id(), what + " " + table.id() + " targets " + target + ", which does not "
                            + "connect " + table.vpcId(), "route over a peering of this VPC");
                }
            }
            case GATEWAY_ENDPOINT -> {
                if (network.vpcEndpoint(target).isEmpty()) {
                    missingTarget(table.id(), what, "VPC endpoint", target);
                }
            }
            case NETWORK_INTERFACE -> {
                if (network.networkInterface(target).isEmpty() && !instanceIds.contains(target)) {
                    missingTarget(table.id(), what, "network interface", target);
                }
            }
            case VIRTUAL_PRIVATE_GATEWAY -> {
                if (network.vpnGateway(target).isEmpty()) {
                    missingTarget(table.id(), what, "VPN gateway", target);
                }
            }
            default -> {
                // local, transit gateways and other targets are not modelled as entities
            }
        }
    }

    private void networkAcls() {
        Map<String, String> aclOfSubnet = new HashMap<>();
        Map<String, String> defaultOfVpc = new HashMap<>();
        for (NetworkAcl acl : network.networkAcls()) {
            vpc(acl.id(), "network ACL", acl.vpcId());
            if (acl.isDefault()) {
                String other = defaultOfVpc.putIfAbsent(acl.vpcId(), acl.id());
                if (other != null) {
                    findings.error(acl.id(), "network ACL " + acl.id() + " is a second default ACL of " + acl.vpcId()
                            + " (" + other + " is default too)", "mark only one network ACL default");
                }
            }
            associations(acl.id(), "network ACL", acl.vpcId(), acl.subnetIds(), aclOfSubnet);
            Set<String> seen = new HashSet<>();
            for (NetworkAclEntry entry : acl.entries()) {
                if (!seen.add((entry.egress() ? "out " : "in ") + entry.ruleNumber())) {
                    findings.error(acl.id(), "network ACL " + acl.id() + " has two " + (entry.egress() ? "outbound"
                            : "inbound") + " rules numbered " + entry.ruleNumber(), "renumber one of them");
                }
            }
        }
    }

    private void endpoint(VpcEndpoint endpoint) {
        vpc(endpoint.id(), "VPC endpoint", endpoint.vpcId());
        for (String tableId : endpoint.routeTableIds()) {
            Optional<RouteTable> table = network.routeTable(tableId);
            if (table.isEmpty()) {
                missing(endpoint.id(), "VPC endpoint", "route table", tableId);
            } else if (!table.get().vpcId().equals(endpoint.vpcId())) {
                findings.error(endpoint.id(), "VPC endpoint " + endpoint.id() + " of " + endpoint.vpcId()
                        + " is associated with route table " + tableId + " of " + table.get().vpcId(),
                        "associate only route tables of " + endpoint.vpcId());
            }
        }
        consumer(endpoint);
        endpoint.subnetIds().stream().filter(id -> network.subnet(id).isEmpty())
                .forEach(id -> missing(endpoint.id(), "VPC endpoint", "subnet", id));
        endpoint.securityGroupIds().stream().filter(id -> network.securityGroup(id).isEmpty())
                .forEach(id -> missing(endpoint.id(), "VPC endpoint", "security group", id));
        endpoint.networkInterfaceIds().stream().filter(id -> network.networkInterface(id).isEmpty())
                .forEach(id -> missing(endpoint.id(), "VPC endpoint", "network interface", id));
    }

    /** An available endpoint to a modelled PrivateLink service must be from an account the service allows. */
    private void consumer(VpcEndpoint endpoint) {
        if (endpoint.type() != EndpointType.INTERFACE || !endpoint.available() || endpoint.ownerAccountId() == null) {
            return;
        }
        network.endpointServices().stream().filter(s -> s.serviceName().equals(endpoint.serviceName()))
                .filter(s -> !s.allows(endpoint.ownerAccountId())).findFirst()
                .ifPresent(service -> findings.error(endpoint.id(), "VPC endpoint " + endpoint.id() + " of account "
                        + endpoint.ownerAccountId() + " is available, but endpoint service " + service.id()
                        + " does not allow that account", "add " + endpoint.ownerAccountId() + " to the allowed "
                        + "principals of " + service.id() + ", or set the endpoint's state to rejected"));
    }

    private void natGateway(NatGateway nat) {
        vpc(nat.id(), "NAT gateway", nat.vpcId());
        if (network.subnet(nat.subnetId()).isEmpty()) {
            missing(nat.id(), "NAT gateway", "subnet", nat.subnetId());
        }
        if (nat.networkInterfaceId() != null && network.networkInterface(nat.networkInterfaceId()).isEmpty()) {
            missing(nat.id(), "NAT gateway", "network interface", nat.networkInterfaceId());
        }
    }

    /** A side outside the model is fine unless the model describes that account's Region (then it should be there). */
    private void peering(VpcPeeringConnection peering) {
        if (!LIVE.contains(peering.status())) {
            return;
        }
        for (VpcPeeringConnection.Side side : List.of(peering.requester(), peering.accepter())) {
            Optional<Vpc> vpc = network.vpc(side.vpcId());
            if (vpc.isEmpty() && network.vpcs().stream().anyMatch(v -> v.accountId().equals(side.accountId())
                    && v.region().equals(side.region()))) {
                missing(peering.id(), "peering", "vpc", side.vpcId());
            } else if (vpc.isPresent() && (!vpc.get().accountId().equals(side.accountId())
                    || !vpc.get().region().equals(side.region()))) {
                findings.error(peering.id(), "peering " + peering.id() + " places " + side.vpcId() + " in "
                        + side.accountId() + " " + side.region() + ", but the VPC is in " + vpc.get().accountId() + " "
                        + vpc.get().region(), "correct the peering's account or Region");
            }
        }
    }

    private void loadBalancer(LoadBalancer lb) {
        vpc(lb.id(), "load balancer", lb.vpcId());
        lb.networkInterfaceIds().stream().filter(id -> network.networkInterface(id).isEmpty())
                .forEach(id -> missing(lb.id(), "load balancer", "network interface", id));
        for (LoadBalancer.Listener listener : lb.listeners()) {
            listener.targets().stream().filter(t -> t.startsWith("i-") && !instanceIds.contains(t))
                    .forEach(t -> missing(lb.id(), "listener " + listener.port() + " of load balancer", "instance", t));
        }
    }

    private void endpointService(EndpointService service) {
        service.loadBalancerIds().stream().filter(id -> network.loadBalancer(id).isEmpty())
                .forEach(id -> missing(service.id(), "endpoint service", "load balancer", id));
    }

    /**
     * The captured VPC, subnet or interface must exist. A snapshot's describe-flow-logs lists every flow log of the
     * account, so there a missing resource means a file left out: a warning.
     */
    private void flowLog(FlowLog flowLog) {
        String resource = flowLog.resourceId();
        String kind = resource.startsWith("vpc-") ? "vpc" : resource.startsWith("subnet-") ? "subnet"
                : "network interface";
        boolean exists = switch (kind) {
            case "vpc" -> network.vpc(resource).isPresent();
            case "subnet" -> network.subnet(resource).isPresent();
            default -> network.networkInterface(resource).isPresent();
        };
        if (exists) {
            return;
        }
        if (findings.fromSnapshot(flowLog.id())) {
            findings.warning(flowLog.id(), "flow log " + flowLog.id() + " captures " + kind + " " + resource
                    + ", which the snapshot does not include", "add the describe-* output that lists " + resource);
        } else {
            missing(flowLog.id(), "flow log", kind, resource);
        }
    }
}
