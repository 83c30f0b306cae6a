package io.vpcflow.model.load.aws;

import static io.vpcflow.model.load.aws.DescribeJson.array;
import static io.vpcflow.model.load.aws.DescribeJson.cidr;
import static io.vpcflow.model.load.aws.DescribeJson.nameTag;
import static io.vpcflow.model.load.aws.DescribeJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpcflow.model.InternetGateway;
import io.vpcflow.model.NatGateway;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpnGateway;
import io.vpcflow.model.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** VPCs, subnets and the gateways attached to VPCs: internet, NAT and virtual private gateways. */
final class VpcMapper {
    private static final Set<String> ATTACHED = Set.of("available", "attached");

    private final LoadContext ctx;

    VpcMapper(LoadContext ctx) {
        this.ctx = ctx;
    }

    void vpcs(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "VpcId");
            String owner = text(item, "OwnerId");
            ctx.add(file, item, id, () -> new Vpc(id, nameTag(item), owner != null ? owner : file.folderAccount(),
                    ctx.region(file, id), cidrBlocks(item)), ctx.builder::add);
        }
    }

    /**
     * The primary block first, then the other blocks whose association is {@code associated}: a disassociated
     * block is history and routes nothing.
     */
    private static List<Cidr> cidrBlocks(JsonNode vpc) {
        List<Cidr> blocks = new ArrayList<>();
        Cidr primary = cidr(vpc, "CidrBlock");
        if (primary != null) {
            blocks.add(primary);
        }
        for (JsonNode association : array(vpc, "CidrBlockAssociationSet")) {
            Cidr block = cidr(association, "CidrBlock");
            if (block != null && !blocks.contains(block)
                    && "associated".equals(text(association.path("CidrBlockState"), "State"))) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    void subnets(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "SubnetId");
            if (text(item, "CidrBlock") == null && !array(item, "Ipv6CidrBlockAssociationSet").isEmpty()) {
                ctx.warning(file, id, "IPv6-only subnet " + id + " is not modelled (the model is IPv4); skipped",
                        "none needed unless IPv6 flows matter");
                continue;
            }
            String zone = text(item, "AvailabilityZone");
            String zoneId = text(item, "AvailabilityZoneId") != null ? text(item, "AvailabilityZoneId")
                    : ctx.refs.zoneIds.get(zone);
            ctx.add(file, item, id, () -> new Subnet(id, nameTag(item), text(item, "VpcId"), cidr(item, "CidrBlock"),
                    zone, zoneId), ctx.builder::add);
        }
    }

    void internetGateways(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "InternetGatewayId");
            ctx.add(file, item, id, () -> new InternetGateway(id, attachedVpcs(item, "Attachments")), ctx.builder::add);
        }
    }

    void natGateways(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "NatGatewayId");
            List<JsonNode> addresses = array(item, "NatGatewayAddresses");
            JsonNode address = addresses.isEmpty() ? item.path("NatGatewayAddresses") : addresses.get(0);
            ctx.add(file, item, id, () -> new NatGateway(id, text(item, "VpcId"), text(item, "SubnetId"),
                    text(address, "NetworkInterfaceId"), text(address, "PrivateIp"), text(address, "PublicIp"),
                    "available".equals(text(item, "State"))), ctx.builder::add);
        }
    }

    void vpnGateways(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "VpnGatewayId");
            ctx.add(file, item, id, () -> new VpnGateway(id, attachedVpcs(item, "VpcAttachments"), staticRoutes(id)),
                    ctx.builder::add);
        }
    }

    /** The static routes of the gateway's VPN connections; a bad one is reported where it was read and skipped. */
    private List<Cidr> staticRoutes(String gatewayId) {
        List<Cidr> routes = new ArrayList<>();
        for (CrossReferences.VpnConnection connection
                : ctx.refs.vpnConnectionsByGateway.getOrDefault(gatewayId, List.of())) {
            String connectionId = text(connection.json(), "VpnConnectionId");
            for (JsonNode route : array(connection.json(), "Routes")) {
                String state = text(route, "State");
                if ("deleted".equals(state) || "deleting".equals(state) || isIpv6(route)) {
                    continue;
                }
                Cidr cidr = ctx.attempt(connection.file(), connectionId, "VPN static route",
                        () -> Cidr.parse(text(route, "DestinationCidrBlock")));
                if (cidr != null && !routes.contains(cidr)) {
                    routes.add(cidr);
                }
            }
        }
        return routes;
    }

    private static boolean isIpv6(JsonNode route) {
        String destination = text(route, "DestinationCidrBlock");
        return destination != null && destination.contains(":");
    }

    private static List<String> attachedVpcs(JsonNode gateway, String field) {
        List<String> vpcIds = new ArrayList<>();
        for (JsonNode attachment : array(gateway, field)) {
            String vpcId = text(attachment, "VpcId");
            String state = text(attachment, "State");
            if (vpcId != null && (state == null || ATTACHED.contains(state))) {
                vpcIds.add(vpcId);
            }
        }
        return vpcIds;
    }
}
