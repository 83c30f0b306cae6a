package io.vpcflow.model.load.yaml;

import io.vpcflow.model.InternetGateway;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroup;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpnGateway;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** One VPC and everything nested in it. */
final class VpcReader {
    private static final Set<String> VPC_KEYS = Set.of("id", "name", "cidr", "cidrs", "internet-gateway",
            "vpn-gateway", "subnets", "route-tables", "network-acls", "security-groups", "instances",
            "nat-gateways", "gateway-endpoints", "interface-endpoints", "load-balancers", "flow-logs");
    private static final Set<String> SUBNET_KEYS = Set.of("id", "name", "cidr", "az", "az-id", "route-table",
            "network-acl");
    private static final Set<String> SG_KEYS = Set.of("id", "name", "description", "inbound", "outbound");
    private static final Set<String> VGW_KEYS = Set.of("id", "name", "static-routes");

    private final Ctx ctx;
    private final String accountId;
    private final String region;
    private final RuleReader rules;

    VpcReader(Ctx ctx, String accountId, String region) {
        this.ctx = ctx;
        this.accountId = accountId;
        this.region = region;
        this.rules = new RuleReader(ctx, region);
    }

    void read(Node node) {
        Fields f = Fields.of(ctx, node, "vpc", "account " + accountId + " " + region, VPC_KEYS);
        String id = f == null ? null : f.required("id", "add `id: vpc-...`");
        if (id == null) {
            return;
        }
        List<Cidr> cidrs = new ArrayList<>();
        Cidr primary = f.cidr("cidr");
        if (primary != null) {
            cidrs.add(primary);
        }
        cidrs.addAll(f.cidrs("cidrs"));
        if (!f.has("cidr") && !f.has("cidrs")) {
            ctx.error(node, id, "vpc " + id + " has no CIDR block", "add `cidr: 10.0.0.0/16`");
        }
        Vpc vpc = null;
        if (ctx.register(id, node) && !cidrs.isEmpty()) {
            vpc = ctx.build(node, id, () -> new Vpc(id, f.string("name"), accountId, region, cidrs));
            if (vpc != null) {
                ctx.vpcs.put(id, vpc);
                ctx.builder.add(vpc);
            }
        }
        internetGateway(f, id);
        vpnGateway(f, id);
        TableReader tables = new TableReader(ctx, accountId, region, id, cidrs, rules, vpc != null);
        for (Node subnet : f.items("subnets")) {
            subnet(subnet, id, tables);
        }
        for (Node group : f.items("security-groups")) {
            securityGroup(group, id);
        }
        tables.readRouteTables(f.items("route-tables"), node);
        tables.readNetworkAcls(f.items("network-acls"), node);
        tables.readGatewayEndpoints(f.items("gateway-endpoints"));
        ComputeReader compute = new ComputeReader(ctx, accountId, region, id);
        f.items("instances").forEach(compute::instance);
        f.items("nat-gateways").forEach(compute::natGateway);
        f.items("interface-endpoints").forEach(compute::interfaceEndpoint);
        f.items("load-balancers").forEach(compute::loadBalancer);
        FlowLogReader flowLogs = new FlowLogReader(ctx);
        f.items("flow-logs").forEach(item -> flowLogs.inVpc(item, id));
        tables.finish();
    }

    private void internetGateway(Fields f, String vpcId) {
        String igwId = f.string("internet-gateway");
        if (igwId != null && ctx.register(igwId, f.node("internet-gateway"))) {
            ctx.builder.add(new InternetGateway(igwId, List.of(vpcId)));
        }
    }

    private void vpnGateway(Fields vpc, String vpcId) {
        if (!vpc.has("vpn-gateway")) {
            return;
        }
        Fields f = Fields.of(ctx, vpc.node("vpn-gateway"), "vpn gateway", "vpc " + vpcId, VGW_KEYS);
        String id = f == null ? null : f.required("id", "add `id: vgw-...`");
        if (id != null && ctx.register(id, f.node())) {
            List<Cidr> routes = f.cidrs("static-routes");
            ctx.builder.add(new VpnGateway(id, List.of(vpcId), routes));
        }
    }

    private void subnet(Node node, String vpcId, TableReader tables) {
        Fields f = Fields.of(ctx, node, "subnet", "vpc " + vpcId, SUBNET_KEYS);
        String id = f == null ? null : f.required("id", "add `id: subnet-...`");
        if (id == null) {
            return;
        }
        Cidr cidr = f.cidr("cidr");
        if (cidr == null && !f.has("cidr")) {
            ctx.error(node, id, "subnet " + id + " has no 'cidr'", "add `cidr: <block inside the VPC>`");
        }
        String az = f.string("az") != null ? f.string("az") : region + "a";
        String azId = f.string("az-id") != null ? f.string("az-id") : azId(region, az);
        if (ctx.register(id, node)) {
            Subnet subnet = cidr == null ? null
                    : ctx.build(node, id, () -> new Subnet(id, f.string("name"), vpcId, cidr, az, azId));
            if (subnet != null) {
                ctx.subnets.put(id, subnet);
                ctx.builder.add(subnet);
            }
            tables.associate(id, f.string("route-table"), f.node("route-table"), f.string("network-acl"),
                    f.node("network-acl"));
        }
    }

    /** A plausible zone id (us-east-1a -> use1-az1). Real mappings differ per account; set az-id to be exact. */
    static String azId(String region, String az) {
        String[] parts = region.split("-");
        StringBuilder code = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            String part = parts[i];
            code.append(part.charAt(0));
            if ((part.startsWith("north") || part.startsWith("south")) && part.length() > 5) {
                code.append(part.charAt(5));
            }
        }
        code.append(parts[parts.length - 1]);
        char letter = az.isEmpty() ? 'a' : az.toLowerCase(Locale.ROOT).charAt(az.length() - 1);
        int zone = letter >= 'a' && letter <= 'z' ? letter - 'a' + 1 : 1;
        return code + "-az" + zone;
    }

    private void securityGroup(Node node, String vpcId) {
        Fields f = Fields.of(ctx, node, "security group", "vpc " + vpcId, SG_KEYS);
        String id = f == null ? null : f.required("id", "add `id: sg-...`");
        if (id == null) {
            return;
        }
        List<SecurityGroupRule> ingress = rules.securityGroupRules(f.items("inbound"), id, false);
        List<SecurityGroupRule> egress = f.has("outbound") ? rules.securityGroupRules(f.items("outbound"), id, true)
                : List.of(new SecurityGroupRule(Protocol.ALL, -1, -1, new RulePeer.CidrPeer(Cidr.ANY), "default"));
        if (ctx.register(id, node)) {
            SecurityGroup group = ctx.build(node, id,
                    () -> new SecurityGroup(id, f.string("name"), vpcId, accountId, ingress, egress));
            if (group != null) {
                ctx.builder.add(group);
            }
        }
    }
}
