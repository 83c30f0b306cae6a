package io.vpcflow.model.load.aws;

import static io.vpcflow.model.load.aws.DescribeJson.array;
import static io.vpcflow.model.load.aws.DescribeJson.bool;
import static io.vpcflow.model.load.aws.DescribeJson.cidr;
import static io.vpcflow.model.load.aws.DescribeJson.text;
import static io.vpcflow.model.load.aws.DescribeJson.texts;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpcflow.model.EndpointService;
import io.vpcflow.model.EndpointType;
import io.vpcflow.model.PeeringStatus;
import io.vpcflow.model.PrefixList;
import io.vpcflow.model.Route;
import io.vpcflow.model.RouteTable;
import io.vpcflow.model.VpcEndpoint;
import io.vpcflow.model.VpcPeeringConnection;
import io.vpcflow.model.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Route tables and what routes point at or through: peerings, endpoints, prefix lists, endpoint services. */
final class RoutingMapper {
    /** Route target fields in the order AWS gives precedence: an instance route also names its interface. */
    private static final List<String> TARGET_FIELDS = List.of("GatewayId", "NatGatewayId", "VpcPeeringConnectionId",
            "NetworkInterfaceId", "InstanceId", "TransitGatewayId", "LocalGatewayId", "CarrierGatewayId",
            "CoreNetworkArn");
    /** Endpoint types AWS has that the model does not cover; skipped with a warning rather than an error. */
    private static final Set<String> UNMODELLED_ENDPOINT_TYPES = Set.of("Resource", "ServiceNetwork");

    private final LoadContext ctx;

    RoutingMapper(LoadContext ctx) {
        this.ctx = ctx;
    }

    void routeTables(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "RouteTableId");
            ctx.add(file, item, id, () -> routeTable(file, id, item), ctx.builder::add);
        }
    }

    private RouteTable routeTable(DescribeFile file, String id, JsonNode item) {
        boolean main = false;
        List<String> subnetIds = new ArrayList<>();
        for (JsonNode association : array(item, "Associations")) {
            String state = text(association.path("AssociationState"), "State");
            if (state != null && !state.equals("associated")) {
                continue;
            }
            main |= bool(association, "Main", false);
            String subnetId = text(association, "SubnetId");
            if (subnetId != null) {
                subnetIds.add(subnetId);
            }
        }
        List<Route> routes = new ArrayList<>();
        for (JsonNode route : array(item, "Routes")) {
            routes.add(ctx.attempt(file, id, "route " + destinationText(route), () -> route(route)));
        }
        return new RouteTable(id, text(item, "VpcId"), main, subnetIds, LoadContext.withoutNulls(routes));
    }

    /** One route, or null for an IPv6 route, which the IPv4 model leaves out. */
    private Route route(JsonNode route) {
        Cidr destination = cidr(route, "DestinationCidrBlock");
        String prefixList = text(route, "DestinationPrefixListId");
        if (destination == null && prefixList == null && text(route, "DestinationIpv6CidrBlock") != null) {
            return null;
        }
        return new Route(destination, prefixList, target(route), "blackhole".equals(text(route, "State")));
    }

    private String target(JsonNode route) {
        for (String field : TARGET_FIELDS) {
            String target = text(route, field);
            if (target != null) {
                return field.equals("InstanceId")
                        ? ctx.refs.primaryInterfaceByInstance.getOrDefault(target, target) : target;
            }
        }
        return null;
    }

    private static String destinationText(JsonNode route) {
        for (String field : List.of("DestinationCidrBlock", "DestinationPrefixListId", "DestinationIpv6CidrBlock")) {
            String destination = text(route, field);
            if (destination != null) {
                return destination;
            }
        }
        return "(no destination)";
    }

    void peeringConnections(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "VpcPeeringConnectionId");
            ctx.add(file, item, id, () -> new VpcPeeringConnection(id,
                    peeringStatus(text(item.path("Status"), "Code")), side(file, item.path("RequesterVpcInfo")),
                    side(file, item.path("AccepterVpcInfo"))), ctx.builder::add);
        }
    }

    private static PeeringStatus peeringStatus(String code) {
        if (code == null) {
            return null;
        }
        try {
            return PeeringStatus.parse(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown peering status code '" + code
                    + "' (expected active, pending-acceptance, deleted, rejected ...)");
        }
    }

    private VpcPeeringConnection.Side side(DescribeFile file, JsonNode info) {
        if (info.isMissingNode()) {
            return null;
        }
        String vpcId = text(info, "VpcId");
        String region = text(info, "Region");
        return new VpcPeeringConnection.Side(vpcId, text(info, "OwnerId"),
                region != null ? region : ctx.region(file, vpcId));
    }

    void vpcEndpoints(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "VpcEndpointId");
            String type = text(item, "VpcEndpointType");
            if (type != null && UNMODELLED_ENDPOINT_TYPES.contains(type)) {
                ctx.warning(file, id, "VPC endpoint type " + type + " is not modelled; the endpoint is skipped",
                        "none needed unless flows through " + id + " matter");
                continue;
            }
            ctx.add(file, item, id, () -> new VpcEndpoint(id, endpointType(type), text(item, "VpcId"),
                    text(item, "OwnerId"), text(item, "ServiceName"), text(item, "State"),
                    texts(item, "RouteTableIds", null), texts(item, "SubnetIds", null),
                    texts(item, "NetworkInterfaceIds", null), texts(item, "Groups", "GroupId"),
                    bool(item, "PrivateDnsEnabled", false)), ctx.builder::add);
        }
    }

    private static EndpointType endpointType(String type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "Gateway" -> EndpointType.GATEWAY;
            case "Interface" -> EndpointType.INTERFACE;
            case "GatewayLoadBalancer" -> EndpointType.GATEWAY_LOAD_BALANCER;
            default -> throw new IllegalArgumentException("unknown VpcEndpointType '" + type
                    + "' (expected Gateway, Interface or GatewayLoadBalancer)");
        };
    }

    void prefixLists(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "PrefixListId");
            ctx.add(file, item, id, () -> new PrefixList(id, text(item, "PrefixListName"), prefixes(item)),
                    ctx.builder::add);
        }
    }

    private static List<Cidr> prefixes(JsonNode prefixList) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String text : texts(prefixList, "Cidrs", null)) {
            if (!text.contains(":")) {
                cidrs.add(Cidr.parse(text));
            }
        }
        return cidrs;
    }

    /** Our own PrivateLink services, as {@code describe-vpc-endpoint-service-configurations} lists them. */
    void endpointServices(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "ServiceId");
            List<String> balancers = new ArrayList<>(texts(item, "NetworkLoadBalancerArns", null));
            balancers.addAll(texts(item, "GatewayLoadBalancerArns", null));
            ctx.add(file, item, id, () -> new EndpointService(id, text(item, "ServiceName"), provider(file, balancers),
                    region(file, balancers), balancers, bool(item, "AcceptanceRequired", true), List.of()),
                    ctx.builder::add);
        }
    }

    private String region(DescribeFile file, List<String> balancerArns) {
        String region = balancerArns.isEmpty() ? null : DescribeJson.arnField(balancerArns.get(0), 3);
        return file.region() == null && region != null ? region : ctx.region(file, null);
    }

    /** The account in the load balancer ARN, else the account the file's folder belongs to. */
    private String provider(DescribeFile file, List<String> balancerArns) {
        for (String arn : balancerArns) {
            String account = DescribeJson.arnField(arn, 4);
            if (account != null) {
                return account;
            }
        }
        return ctx.refs.folderOwner(file);
    }
}
