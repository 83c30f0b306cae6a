package io.vpcflow.model.eval;

import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.InternetGateway;
import io.vpcflow.model.Route;
import io.vpcflow.model.RouteTable;
import io.vpcflow.model.RouteTarget;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.net.Ipv4;
import java.util.ArrayList;
import java.util.List;

/**
 * One packet's walk through the model, hop by hop, as AWS forwards it: out of an interface (security group), out of
 * its subnet (network ACL), through the route table to the next component, into the destination subnet (network ACL)
 * and interface (security group). Gateways live in {@link GatewayHops}. Each step returns the final evaluation.
 * A walk is single-use.
 */
final class PacketWalk {
    static final String INTERNET = "internet";
    static final String AWS_SERVICES = "aws-services";

    final CompiledNetwork net;
    final boolean reply;
    final List<Translation> session;
    final List<String> hops = new ArrayList<>();
    final List<Observation> observations = new ArrayList<>();
    final ObservationFactory observe;
    final GatewayHops gateways;
    private final Packet original;
    /** Set once the packet crossed a peering: it may then only be delivered inside the peer VPC. */
    boolean viaPeering;
    Delivery delivery;
    /** The entry of the last ACL that blocked the packet (null for the final rule); see {@link #aclBlocks}. */
    private NetworkAclEntry aclDenied;

    PacketWalk(CompiledNetwork net, Packet original, boolean reply, List<Translation> session) {
        this.net = net;
        this.original = original;
        this.reply = reply;
        this.session = session;
        this.observe = new ObservationFactory(net);
        this.gateways = new GatewayHops(this);
    }

    Evaluation start(Source source) {
        Packet p = original;
        if (source instanceof Source.AtInterface at) {
            return leaveInterface(at.networkInterface(), p);
        }
        if (source instanceof Source.InSubnet in) {
            hop(in.subnet().id());
            return leaveSubnet(in.subnet(), p);
        }
        if (source instanceof Source.AtVpcRouter router) {
            hop(router.vpc().id());
            return deliverInVpc(router.vpc(), p, null);
        }
        if (source instanceof Source.FromVpn vpn) {
            return gateways.fromVpn(vpn, p);
        }
        return gateways.fromOutside(net.ranges.serviceOf(p.srcIp()) == null ? INTERNET : AWS_SERVICES, p);
    }

    // ---- leaving an interface and its subnet ----

    Evaluation leaveInterface(NetworkInterface eni, Packet p) {
        hop(hopName(eni));
        Subnet subnet = net.subnet(eni.subnetId());
        Vpc vpc = net.vpc(eni.vpcId());
        String unlogged = reply ? null : NotLogged.destination(vpc, subnet, p.dstIp());
        if (unlogged != null) {
            hop(unlogged);
            return finishUnlogged("AWS does not log traffic to " + unlogged);
        }
        boolean sameSubnet = subnet != null && subnet.cidr().contains(p.dstIp());
        RouteChoice choice = sameSubnet ? null : RouteChoice.of(net, subnet, p.dstIp());
        Integer path = sameSubnet ? Integer.valueOf(1) : gateways.trafficPath(eni, choice);
        Evaluation bpa = sameSubnet ? null : blockedOnTheWayOut(vpc, eni, choice, p, path);
        if (bpa != null) {
            return bpa;
        }
        if (!reply && filtered(eni)) {
            SecurityGroupRule allowed = allowedBySecurityGroups(eni, true, p, p.dstIp());
            if (allowed == null) {
                observations.add(observe.observe(eni, FlowDirection.EGRESS, false, p, path));
                return reject(ExplanationCode.ENI_SG_RULES_MISMATCH, groupsOf(eni),
                        "no outbound rule of " + groupsOf(eni) + " allows " + p,
                        "the security groups of " + eni.id() + " do not allow this packet out");
            }
        }
        if (!sameSubnet && aclBlocks(subnet, true, p)) {
            observations.add(observe.observe(eni, FlowDirection.EGRESS, false, p, path));
            hop(subnet.id());
            return rejectByAcl(subnet, true, aclDenied, p);
        }
        observations.add(observe.observe(eni, FlowDirection.EGRESS, true, p, path));
        if (sameSubnet) {
            return arriveAtAddress(subnet, p);
        }
        hop(subnet.id());
        return follow(vpc, subnet, choice, p);
    }

    /**
     * VPC Block Public Access for a packet that the route table sends to the VPC's internet gateway: checked before
     * the security groups and the ACL ({@link BlockPublicAccess}); null when it passes.
     */
    private Evaluation blockedOnTheWayOut(Vpc vpc, NetworkInterface eni, RouteChoice choice, Packet p, Integer path) {
        Route route = choice.route();
        if (vpc == null || route == null || route.blackhole() || route.target() != RouteTarget.INTERNET_GATEWAY) {
            return null;
        }
        InternetGateway igw = net.internetGatewayOf(vpc.id());
        if (igw == null || !igw.id().equals(route.targetId())) {
            return null;
        }
        return blockedByBpa(eni, igw.id(), false, p, path);
    }

    /** The BPA check at {@code eni} for a packet crossing {@code igwId}; records the REJECT; null when it passes. */
    Evaluation blockedByBpa(NetworkInterface eni, String igwId, boolean inbound, Packet p, Integer path) {
        BlockPublicAccess.Blocked blocked = net.blockPublicAccess.check(eni, inbound, reply);
        if (blocked == null) {
            return null;
        }
        observations.add(observe.observe(eni, inbound ? FlowDirection.INGRESS : FlowDirection.EGRESS, false, p,
                path));
        if (inbound) {
            hop(eni.subnetId());
            hop(hopName(eni));
        } else {
            hop(eni.subnetId());
            hop(eni.vpcId());
            hop(igwId);
        }
        return reject(ExplanationCode.BPA_BLOCKED, igwId, blocked.rule(igwId), blocked.explanation(eni, igwId));
    }

    /** A packet leaving a subnet from a host with no modelled interface. */
    Evaluation leaveSubnet(Subnet subnet, Packet p) {
        if (aclBlocks(subnet, true, p)) {
            return rejectByAcl(subnet, true, aclDenied, p);
        }
        return follow(net.vpc(subnet.vpcId()), subnet, RouteChoice.of(net, subnet, p.dstIp()), p);
    }

    Evaluation follow(Vpc vpc, Subnet subnet, RouteChoice choice, Packet p) {
        if (choice.table() == null) {
            return noRoute(ExplanationCode.NO_ROUTE_TO_DESTINATION, subnet.id(),
                    "subnet " + subnet.id() + " has no route table and its VPC has no main route table");
        }
        Route route = choice.route();
        if (route == null) {
            return noRoute(ExplanationCode.NO_ROUTE_TO_DESTINATION, choice.table().id(),
                    "no route in " + choice.table().id() + " matches " + Ipv4.format(p.dstIp()));
        }
        if (route.blackhole()) {
            return noRoute(ExplanationCode.BAD_STATE_ROUTE, choice.table().id(),
                    "route " + route + " in " + choice.table().id() + " is a blackhole");
        }
        hop(vpc.id());
        return gateways.route(vpc, subnet, route, p);
    }

    // ---- arriving in a VPC, a subnet, an interface ----

    /** The VPC router's local delivery: the subnet holding the address, its ACL, the interface. */
    Evaluation deliverInVpc(Vpc vpc, Packet p, Subnet fromSubnet) {
        Subnet subnet = net.subnetAt(vpc.id(), p.dstIp());
        if (subnet == null) {
            return noRoute(ExplanationCode.ADDRESS_NOT_IN_ANY_SUBNET, vpc.id(),
                    Ipv4.format(p.dstIp()) + " is in " + vpc.id() + " but in none of its subnets");
        }
        hop(subnet.id());
        Evaluation denied = enterSubnet(subnet, fromSubnet, net.interfaceAt(vpc.id(), p.dstIp()), p);
        return denied != null ? denied : arriveAtAddress(subnet, p);
    }

    /** A routed delivery to one interface (a NAT gateway, an appliance), through its subnet's ACL. */
    Evaluation deliverToInterface(NetworkInterface eni, Packet p, Subnet fromSubnet) {
        Subnet subnet = net.subnet(eni.subnetId());
        Evaluation denied = subnet == null ? null : enterSubnet(subnet, fromSubnet, eni, p);
        return denied != null ? denied : arriveAtInterface(eni, p);
    }

    /** The inbound ACL check where a packet enters {@code subnet}; null when it may enter. */
    private Evaluation enterSubnet(Subnet subnet, Subnet fromSubnet, NetworkInterface target, Packet p) {
        if (fromSubnet != null && fromSubnet.id().equals(subnet.id())) {
            return null;
        }
        if (!aclBlocks(subnet, false, p)) {
            return null;
        }
        hop(subnet.id());
        if (target != null) {
            observations.add(observe.observe(target, FlowDirection.INGRESS, false, p, null));
        }
        return rejectByAcl(subnet, false, aclDenied, p);
    }

    Evaluation arriveAtAddress(Subnet subnet, Packet p) {
        NetworkInterface target = net.interfaceAt(subnet.vpcId(), p.dstIp());
        if (target == null || !target.subnetId().equals(subnet.id())) {
            return finish(Verdict.UNREACHABLE, ExplanationCode.NO_INTERFACE_AT_ADDRESS, subnet.id(),
                    "no network interface in " + subnet.id() + " has " + Ipv4.format(p.dstIp()),
                    "the address is in subnet " + subnet.id() + " but no host answers there");
        }
        return arriveAtInterface(target, p);
    }

    Evaluation arriveAtInterface(NetworkInterface eni, Packet p) {
        if (eni.type() == InterfaceType.NAT_GATEWAY) {
            return gateways.atNatGateway(eni, p);
        }
        hop(hopName(eni));
        if (!reply && filtered(eni)) {
            SecurityGroupRule allowed = allowedBySecurityGroups(eni, false, p, p.srcIp());
            if (allowed == null) {
                observations.add(observe.observe(eni, FlowDirection.INGRESS, false, p, null));
                return reject(ExplanationCode.ENI_SG_RULES_MISMATCH, groupsOf(eni),
                        "no inbound rule of " + groupsOf(eni) + " allows " + p,
                        "the security groups of " + eni.id() + " do not allow this packet in");
            }
        }
        observations.add(observe.observe(eni, FlowDirection.INGRESS, true, p, null));
        if (eni.type() == InterfaceType.VPC_ENDPOINT) {
            return gateways.atInterfaceEndpoint(eni, p);
        }
        if (eni.type() == InterfaceType.LOAD_BALANCER) {
            return gateways.atLoadBalancer(eni, p);
        }
        return deliver(new Delivery.ToInterface(eni, p), "delivered to " + describe(eni));
    }

    // ---- filters ----

    /** Requester-managed interfaces without groups (NAT gateways, load balancers without groups) filter nothing. */
    static boolean filtered(NetworkInterface eni) {
        return !(eni.securityGroupIds().isEmpty() && eni.type().requesterManaged());
    }

    SecurityGroupRule allowedBySecurityGroups(NetworkInterface eni, boolean egress, Packet p, int remoteIp) {
        List<String> remoteGroups = remoteGroups(eni, remoteIp);
        for (String groupId : eni.securityGroupIds()) {
            CompiledSecurityGroup group = net.securityGroup(groupId);
            if (group != null) {
                SecurityGroupRule rule = group.allow(egress, p, remoteIp, remoteGroups);
                if (rule != null) {
                    return rule;
                }
            }
        }
        return null;
    }

    /** The groups of the interface at the other end: in this VPC, or in a VPC peered with it. */
    private List<String> remoteGroups(NetworkInterface eni, int remoteIp) {
        NetworkInterface remote = net.interfaceAt(eni.vpcId(), remoteIp);
        if (remote == null) {
            remote = gateways.peeredInterfaceAt(eni.vpcId(), remoteIp);
        }
        return remote == null ? List.of() : remote.securityGroupIds();
    }

    /**
     * Whether the subnet's ACL stops the packet, deciding once; {@link #aclDenied} is then the denying entry, or null
     * when no numbered rule matched and the final rule denies.
     */
    private boolean aclBlocks(Subnet subnet, boolean egress, Packet p) {
        CompiledNetworkAcl acl = net.aclOf(subnet.id());
        if (acl == null) {
            return false;
        }
        NetworkAclEntry entry = acl.decide(egress, p);
        aclDenied = entry;
        return entry == null || !entry.allow();
    }

    private Evaluation rejectByAcl(Subnet subnet, boolean egress, NetworkAclEntry denied, Packet p) {
        String aclId = net.aclOf(subnet.id()).acl().id();
        String rule = denied != null ? denied.toString()
                : (egress ? "outbound" : "inbound") + " rule * (no numbered rule matches, so the final rule denies)";
        return reject(ExplanationCode.SUBNET_ACL_RESTRICTION, aclId, rule,
                "network ACL " + aclId + " of " + subnet.id() + " denies " + p + (egress ? " leaving" : " entering")
                        + " the subnet");
    }

    // ---- results ----

    Evaluation reject(ExplanationCode code, String blockedAt, String rule, String explanation) {
        return finish(Verdict.REJECTED, code, blockedAt, rule, explanation);
    }

    Evaluation noRoute(ExplanationCode code, String blockedAt, String rule) {
        return finish(Verdict.NO_ROUTE, code, blockedAt, rule, rule);
    }

    Evaluation deliver(Delivery where, String explanation) {
        this.delivery = where;
        return finish(Verdict.ACCEPTED, null, null, null, explanation);
    }

    private Evaluation finishUnlogged(String explanation) {
        return new Evaluation(original, Verdict.ACCEPTED, null, null, null, explanation, hops, List.of(), false, null);
    }

    Evaluation finish(Verdict verdict, ExplanationCode code, String blockedAt, String rule, String explanation) {
        return new Evaluation(original, verdict, code, blockedAt, rule, explanation, hops, observations, true, null);
    }

    /** Adds a component to the path, once: a translating gateway is both where a packet arrives and leaves. */
    void hop(String component) {
        if (hops.isEmpty() || !hops.get(hops.size() - 1).equals(component)) {
            hops.add(component);
        }
    }

    /** NAT gateways appear by their own id, other interfaces by theirs. */
    String hopName(NetworkInterface eni) {
        io.vpcflow.model.NatGateway nat = net.natOfInterface(eni.id());
        return nat != null ? nat.id() : eni.id();
    }

    static String groupsOf(NetworkInterface eni) {
        return eni.securityGroupIds().isEmpty() ? eni.id() : String.join(",", eni.securityGroupIds());
    }

    static String describe(NetworkInterface eni) {
        return eni.id() + (eni.attachedTo() != null ? " (" + eni.attachedTo() + ")" : "");
    }

    /** The route table of a subnet and its longest-prefix match for an address. */
    record RouteChoice(RouteTable table, Route route) {
        static RouteChoice of(CompiledNetwork net, Subnet subnet, int address) {
            RouteTable table = subnet == null ? null : net.routeTableOf(subnet.id());
            return new RouteChoice(table, table == null ? null : net.route(table, address));
        }
    }
}
