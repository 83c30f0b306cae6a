package io.vpcflow.model.load.yaml;

import io.vpcflow.model.EndpointType;
import io.vpcflow.model.NetworkAcl;
import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.Route;
import io.vpcflow.model.RouteTable;
import io.vpcflow.model.VpcEndpoint;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.PortRange;
import io.vpcflow.model.net.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The route tables, network ACLs and gateway endpoints of one VPC. They are collected as drafts and built once the
 * whole VPC has been read, because subnets, gateway endpoints and AWS's defaults all add to them: local routes for
 * every VPC block, a main route table and a default allow-all network ACL when the VPC declares none, the
 * prefix-list route of each gateway endpoint, and the default ACL's association with every other subnet.
 */
final class TableReader {
    private static final Set<String> RTB_KEYS = Set.of("id", "name", "main", "subnets", "routes");
    private static final Set<String> ROUTE_KEYS = Set.of("destination", "target", "blackhole");
    private static final Set<String> ACL_KEYS = Set.of("id", "name", "default", "subnets", "inbound", "outbound");
    private static final Set<String> GWE_KEYS = Set.of("id", "name", "service", "route-tables", "state");

    private static final class Draft {
        final String id;
        final Node node;
        final boolean flag;
        final Set<String> subnetIds = new LinkedHashSet<>();
        final List<Route> routes = new ArrayList<>();
        List<NetworkAclEntry> entries = List.of();

        Draft(String id, Node node, boolean flag) {
            this.id = id;
            this.node = node;
            this.flag = flag;
        }
    }

    private record Association(String subnetId, String tableId, Node node) {
    }

    private final Ctx ctx;
    private final String accountId;
    private final String region;
    private final String vpcId;
    private final List<Cidr> vpcCidrs;
    private final RuleReader rules;
    private final boolean vpcBuilt;
    private final Map<String, Draft> routeTables = new LinkedHashMap<>();
    private final Map<String, Draft> acls = new LinkedHashMap<>();
    private final List<Association> routeAssociations = new ArrayList<>();
    private final List<Association> aclAssociations = new ArrayList<>();
    private final Set<String> subnetIds = new LinkedHashSet<>();

    /** {@code vpcBuilt} false: the VPC itself failed, so AWS's defaults are not added to it. */
    TableReader(Ctx ctx, String accountId, String region, String vpcId, List<Cidr> vpcCidrs, RuleReader rules,
                boolean vpcBuilt) {
        this.vpcBuilt = vpcBuilt;
        this.ctx = ctx;
        this.accountId = accountId;
        this.region = region;
        this.vpcId = vpcId;
        this.vpcCidrs = vpcCidrs;
        this.rules = rules;
    }

    /** A subnet's explicit associations, either of which may be null. */
    void associate(String subnetId, String routeTableId, Node rtbNode, String aclId, Node aclNode) {
        subnetIds.add(subnetId);
        if (routeTableId != null) {
            routeAssociations.add(new Association(subnetId, routeTableId, rtbNode));
        }
        if (aclId != null) {
            aclAssociations.add(new Association(subnetId, aclId, aclNode));
        }
    }

    void readRouteTables(List<Node> items, Node vpcNode) {
        for (Node item : items) {
            Fields f = Fields.of(ctx, item, "route table", "vpc " + vpcId, RTB_KEYS);
            String id = f == null ? null : f.required("id", "add `id: rtb-...`");
            if (id == null || !ctx.register(id, item)) {
                continue;
            }
            Draft draft = new Draft(id, item, f.bool("main", false));
            draft.subnetIds.addAll(f.strings("subnets"));
            readRoutes(f, draft);
            routeTables.put(id, draft);
        }
        if (routeTables.values().stream().noneMatch(d -> d.flag)) {
            String id = ctx.freeId("rtb-" + suffix(vpcId) + "-main");
            if (vpcBuilt && ctx.register(id, vpcNode)) {
                routeTables.put(id, new Draft(id, vpcNode, true));
            }
        }
    }

    private void readRoutes(Fields f, Draft draft) {
        Node routes = f.node("routes");
        if (routes instanceof SequenceNode) {
            for (Node item : f.items("routes")) {
                Fields r = Fields.ofPart(ctx, item, draft.id, "route of route table " + draft.id, ROUTE_KEYS);
                if (r != null) {
                    addRoute(draft, r.required("destination", "add `destination: <CIDR or pl->`"),
                            r.required("target", "add `target: igw-/nat-/pcx-/vpce-/eni-/local`"),
                            r.bool("blackhole", false), item);
                }
            }
            return;
        }
        for (NodeTuple tuple : f.entries("routes")) {
            String destination = Fields.scalarText(tuple.getKeyNode());
            String target = Fields.scalarText(tuple.getValueNode());
            if (target == null) {
                ctx.error(tuple.getValueNode(), draft.id, "route " + destination + " of " + draft.id
                        + " must name one target", "write `" + destination + ": igw-...`, or use the list form");
                continue;
            }
            addRoute(draft, destination, target, false, tuple.getKeyNode());
        }
    }

    private void addRoute(Draft draft, String destination, String target, boolean blackhole, Node at) {
        if (destination == null || target == null) {
            return;
        }
        Route route;
        if (Ctx.isPrefixListRef(destination)) {
            String listId = ctx.prefixListRef(destination, region, at);
            route = ctx.build(at, draft.id, () -> new Route(null, listId, target, blackhole));
        } else {
            Cidr cidr = rules.cidrOrHost(destination, at, draft.id);
            route = cidr == null ? null : ctx.build(at, draft.id, () -> new Route(cidr, null, target, blackhole));
        }
        if (route != null) {
            draft.routes.add(route);
        }
    }

    void readNetworkAcls(List<Node> items, Node vpcNode) {
        for (Node item : items) {
            Fields f = Fields.of(ctx, item, "network ACL", "vpc " + vpcId, ACL_KEYS);
            String id = f == null ? null : f.required("id", "add `id: acl-...`");
            if (id == null || !ctx.register(id, item)) {
                continue;
            }
            Draft draft = new Draft(id, item, f.bool("default", false));
            draft.subnetIds.addAll(f.strings("subnets"));
            List<NetworkAclEntry> entries = new ArrayList<>(rules.aclEntries(f.items("inbound"), id, false));
            entries.addAll(rules.aclEntries(f.items("outbound"), id, true));
            draft.entries = entries;
            acls.put(id, draft);
        }
        if (acls.values().stream().noneMatch(d -> d.flag)) {
            String id = ctx.freeId("acl-" + suffix(vpcId) + "-default");
            if (vpcBuilt && ctx.register(id, vpcNode)) {
                Draft draft = new Draft(id, vpcNode, true);
                draft.entries = List.of(allowAll(false), allowAll(true));
                acls.put(id, draft);
            }
        }
    }

    private static NetworkAclEntry allowAll(boolean egress) {
        return new NetworkAclEntry(100, egress, Protocol.ALL, PortRange.ALL, -1, -1, Cidr.ANY, true);
    }

    void readGatewayEndpoints(List<Node> items) {
        for (Node item : items) {
            Fields f = Fields.of(ctx, item, "gateway endpoint", "vpc " + vpcId, GWE_KEYS);
            String id = f == null ? null : f.required("id", "add `id: vpce-...`");
            String service = f == null ? null : f.required("service", "add `service: s3` or `service: dynamodb`");
            if (id == null || service == null || !ctx.register(id, item)) {
                continue;
            }
            String shortName = service.substring(service.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (!shortName.equals("s3") && !shortName.equals("dynamodb")) {
                ctx.error(f.node("service"), id, "gateway endpoints exist only for s3 and dynamodb, not " + service,
                        "use an interface endpoint for " + service);
                continue;
            }
            String listId = ctx.managedPrefixList(shortName.toUpperCase(Locale.ROOT), region, item);
            Set<String> tables = new LinkedHashSet<>(f.strings("route-tables"));
            for (String tableId : tables) {
                Draft table = routeTables.get(tableId);
                if (table != null && table.routes.stream().noneMatch(r -> listId.equals(r.destinationPrefixListId()))) {
                    table.routes.add(new Route(null, listId, id, false));
                }
            }
            for (Draft table : routeTables.values()) {
                if (table.routes.stream().anyMatch(r -> r.targetId().equals(id))) {
                    tables.add(table.id);
                }
            }
            ctx.builder.add(new VpcEndpoint(id, EndpointType.GATEWAY, vpcId, accountId,
                    "com.amazonaws." + region + "." + shortName, f.string("state"), List.copyOf(tables), List.of(),
                    List.of(), List.of(), false));
        }
    }

    /** Applies subnet associations and AWS's defaults, then builds the tables. */
    void finish() {
        apply(routeAssociations, routeTables, "route table", "route-table");
        apply(aclAssociations, acls, "network ACL", "network-acl");
        Set<String> withAcl = new LinkedHashSet<>();
        acls.values().forEach(d -> withAcl.addAll(d.subnetIds));
        for (Draft acl : acls.values()) {
            if (acl.flag) {
                subnetIds.stream().filter(s -> !withAcl.contains(s)).forEach(acl.subnetIds::add);
                break;
            }
        }
        for (Draft table : routeTables.values()) {
            int position = 0;
            for (Cidr block : vpcCidrs) {
                if (table.routes.stream().noneMatch(r -> block.equals(r.destinationCidr()))) {
                    table.routes.add(position++, new Route(block, null, "local", false));
                }
            }
            ctx.builder.add(new RouteTable(table.id, vpcId, table.flag, List.copyOf(table.subnetIds), table.routes));
        }
        for (Draft acl : acls.values()) {
            ctx.builder.add(new NetworkAcl(acl.id, vpcId, acl.flag, List.copyOf(acl.subnetIds), acl.entries));
        }
    }

    private void apply(List<Association> associations, Map<String, Draft> drafts, String kind, String key) {
        for (Association association : associations) {
            Draft draft = drafts.get(association.tableId());
            if (draft == null) {
                ctx.error(association.node(), association.subnetId(), "subnet " + association.subnetId() + " names "
                        + kind + " " + association.tableId() + ", which vpc " + vpcId + " does not declare",
                        "declare it under " + key + "s of this VPC or correct the id");
            } else {
                draft.subnetIds.add(association.subnetId());
            }
        }
    }

    /** The part of an AWS id after its kind prefix: vpc-0a1 -> 0a1. */
    static String suffix(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? id : id.substring(dash + 1);
    }
}
