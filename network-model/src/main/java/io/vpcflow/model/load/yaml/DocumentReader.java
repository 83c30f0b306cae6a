package io.vpcflow.model.load.yaml;

import io.vpcflow.model.EndpointService;
import io.vpcflow.model.PeeringStatus;
import io.vpcflow.model.PrefixList;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcPeeringConnection;
import io.vpcflow.model.load.LoadedNetwork;
import java.util.Comparator;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The top of a network file: internet hosts, accounts with their Regions, peerings between VPCs, and flow logs.
 * Sections are read in a fixed order whatever their order in the file: hosts first (rules may name them), peerings
 * and flow logs last (they take account and Region from the VPCs).
 */
public final class DocumentReader {
    private static final Set<String> TOP_KEYS = Set.of("description", "internet-hosts", "accounts", "peerings",
            "flow-logs");
    private static final Set<String> ACCOUNT_KEYS = Set.of("id", "name", "regions");
    private static final Set<String> REGION_KEYS = Set.of("name", "vpcs", "endpoint-services", "prefix-lists",
            "block-public-access");
    private static final Set<String> SERVICE_KEYS = Set.of("id", "name", "service-name", "load-balancers",
            "acceptance-required", "allowed-principals");
    private static final Set<String> PREFIX_LIST_KEYS = Set.of("id", "name", "cidrs");
    private static final Set<String> PEERING_KEYS = Set.of("id", "name", "requester", "accepter", "status");
    private static final Set<String> SIDE_KEYS = Set.of("vpc", "account", "region");

    private final Ctx ctx;

    private DocumentReader(Ctx ctx) {
        this.ctx = ctx;
    }

    /** Builds the network described by a composed YAML document; {@code file} names it in locations. */
    public static LoadedNetwork read(Node root, String file) {
        Ctx ctx = new Ctx(file);
        if (root == null) {
            ctx.error(null, file, "the file holds no network", "add at least `accounts:` (see docs/network-yaml.md)");
        } else {
            new DocumentReader(ctx).read(root);
        }
        ctx.problems.sort(Comparator.comparingInt(p -> p.location().line()));
        return new LoadedNetwork(ctx.builder.build(), ctx.problems, ctx.locations);
    }

    private void read(Node root) {
        Fields f = Fields.ofPart(ctx, root, ctx.file, "the network file", TOP_KEYS);
        if (f == null) {
            return;
        }
        for (NodeTuple host : f.entries("internet-hosts")) {
            String name = Fields.scalarText(host.getKeyNode());
            String ip = Fields.scalarText(host.getValueNode());
            if (name == null || ip == null) {
                ctx.error(host.getKeyNode(), "internet-hosts", "each internet host must be `name: ip`",
                        "write `customer-1: 198.51.100.10`");
            } else {
                ctx.addHost(name, ip, host.getKeyNode());
            }
        }
        f.items("accounts").forEach(this::account);
        f.items("peerings").forEach(this::peering);
        f.items("flow-logs").forEach(new FlowLogReader(ctx)::topLevel);
        ctx.finish();
    }

    private void account(Node node) {
        Fields f = Fields.of(ctx, node, "account", "accounts", ACCOUNT_KEYS);
        String id = f == null ? null : f.required("id", "add `id: \"111111111111\"` (the 12-digit account id)");
        if (id == null) {
            return;
        }
        if (!id.matches("\\d{12}")) {
            ctx.warning(f.node("id"), id, "account id " + id + " is not 12 digits as AWS account ids are",
                    "quote the id and keep leading zeros: id: \"012345678901\"");
        }
        for (Node region : f.items("regions")) {
            region(region, id);
        }
    }

    private void region(Node node, String accountId) {
        Fields f = Fields.ofPart(ctx, node, accountId, "Region of account " + accountId, REGION_KEYS);
        String region = f == null ? null : f.required("name", "add `name: us-east-1`");
        if (region == null) {
            return;
        }
        for (Node item : f.items("prefix-lists")) {
            prefixList(item, accountId);
        }
        for (Node vpc : f.items("vpcs")) {
            new VpcReader(ctx, accountId, region).read(vpc);
        }
        for (Node item : f.items("endpoint-services")) {
            endpointService(item, accountId, region);
        }
        if (f.has("block-public-access")) {
            new BlockPublicAccessReader(ctx, accountId, region).read(f.node("block-public-access"));
        }
    }

    private void prefixList(Node node, String accountId) {
        Fields f = Fields.of(ctx, node, "prefix list", "account " + accountId, PREFIX_LIST_KEYS);
        String id = f == null ? null : f.required("id", "add `id: pl-...`");
        if (id != null && ctx.register(id, node)) {
            ctx.builder.add(new PrefixList(id, f.string("name"), f.cidrs("cidrs")));
        }
    }

    private void endpointService(Node node, String accountId, String region) {
        Fields f = Fields.of(ctx, node, "endpoint service", "account " + accountId, SERVICE_KEYS);
        String id = f == null ? null : f.required("id", "add `id: vpce-svc-...`");
        if (id == null || !ctx.register(id, node)) {
            return;
        }
        String serviceName = f.string("service-name") != null ? f.string("service-name")
                : "com.amazonaws.vpce." + region + "." + id;
        if (f.strings("load-balancers").isEmpty()) {
            ctx.error(node, id, "endpoint service " + id + " has no load balancer",
                    "add `load-balancers: [<id of a load balancer>]`");
        }
        EndpointService service = ctx.build(node, id, () -> new EndpointService(id, serviceName, accountId, region,
                f.strings("load-balancers"), f.bool("acceptance-required", true), f.strings("allowed-principals")));
        if (service != null) {
            ctx.builder.add(service);
            ctx.endpointServiceNames.put(id, serviceName);
        }
    }

    private void peering(Node node) {
        Fields f = Fields.of(ctx, node, "peering", "peerings", PEERING_KEYS);
        String id = f == null ? null : f.required("id", "add `id: pcx-...`");
        if (id == null || !ctx.register(id, node)) {
            return;
        }
        VpcPeeringConnection.Side requester = side(f, "requester", id);
        VpcPeeringConnection.Side accepter = side(f, "accepter", id);
        PeeringStatus status = PeeringStatus.ACTIVE;
        String text = f.string("status");
        if (text != null) {
            try {
                status = PeeringStatus.parse(text);
            } catch (IllegalArgumentException e) {
                ctx.error(f.node("status"), id, "'" + text + "' is not a peering status",
                        "write active, pending-acceptance, rejected, deleted ...");
                return;
            }
        }
        if (requester != null && accepter != null) {
            PeeringStatus finalStatus = status;
            VpcPeeringConnection peering = ctx.build(node, id,
                    () -> new VpcPeeringConnection(id, finalStatus, requester, accepter));
            if (peering != null) {
                ctx.builder.add(peering);
            }
        }
    }

    /** {@code requester: vpc-0a1} for a VPC in the file, or {@code {vpc, account, region}} for one outside it. */
    private VpcPeeringConnection.Side side(Fields peering, String key, String peeringId) {
        Node value = peering.node(key);
        if (value == null) {
            ctx.error(peering.node(), peeringId, "peering " + peeringId + " has no " + key, "add `" + key + ": vpc-...`");
            return null;
        }
        String vpcId = Fields.scalarText(value);
        if (vpcId != null) {
            Vpc vpc = ctx.vpcs.get(vpcId);
            if (vpc == null) {
                ctx.error(value, peeringId, key + " " + vpcId + " of peering " + peeringId
                        + " is not a VPC of this file", "declare the VPC, correct the id, or write `" + key
                        + ": {vpc: " + vpcId + ", account: ..., region: ...}` for a VPC outside the model");
                return null;
            }
            return new VpcPeeringConnection.Side(vpcId, vpc.accountId(), vpc.region());
        }
        Fields f = Fields.ofPart(ctx, value, peeringId, key + " of peering " + peeringId, SIDE_KEYS);
        if (f == null) {
            return null;
        }
        String vpc = f.required("vpc", "add `vpc: vpc-...`");
        Vpc known = vpc == null ? null : ctx.vpcs.get(vpc);
        String account = f.string("account") != null ? f.string("account") : known != null ? known.accountId() : null;
        String region = f.string("region") != null ? f.string("region") : known != null ? known.region() : null;
        if (vpc != null && (account == null || region == null)) {
            ctx.error(value, peeringId, key + " " + vpc + " of peering " + peeringId + " is outside the model and "
                    + "has no account or region", "add `account:` and `region:`");
            return null;
        }
        return vpc == null ? null : new VpcPeeringConnection.Side(vpc, account, region);
    }
}
