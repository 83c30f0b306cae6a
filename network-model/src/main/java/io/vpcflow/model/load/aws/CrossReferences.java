package io.vpcflow.model.load.aws;

import static io.vpcflow.model.load.aws.DescribeJson.array;
import static io.vpcflow.model.load.aws.DescribeJson.regionOf;
import static io.vpcflow.model.load.aws.DescribeJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Facts one {@code describe-*} file needs from another, gathered in a first pass over all files: which NAT gateway
 * or endpoint owns a requester-managed interface, an instance's primary interface, Elastic IPs, VPN routes, and the
 * Region of each VPC when the layout has no Region folder.
 */
final class CrossReferences {
    static final String DEFAULT_REGION = "us-east-1";

    /** A VPN connection and the file it was read from, so that its problems point there. */
    record VpnConnection(DescribeFile file, JsonNode json) {
    }

    final Map<String, String> zoneIds = new HashMap<>();
    final Map<String, String> natByInterface = new HashMap<>();
    final Map<String, String> endpointByInterface = new HashMap<>();
    final Map<String, String> primaryInterfaceByInstance = new HashMap<>();
    final Set<String> describedInterfaces = new HashSet<>();
    final Map<String, List<JsonNode>> addressesByInterface = new HashMap<>();
    final Map<String, List<VpnConnection>> vpnConnectionsByGateway = new HashMap<>();
    private final Map<String, String> regionByVpc = new HashMap<>();
    /** The VPC of each subnet and interface, and the owner of each VPC: where a flow log's account comes from. */
    private final Map<String, String> vpcByResource = new HashMap<>();
    private final Map<String, String> ownerByVpc = new HashMap<>();
    private final Map<String, String> regionByFolder = new HashMap<>();
    private final Map<String, String> ownerByFolder = new HashMap<>();

    static CrossReferences of(List<DescribeFile> files) {
        CrossReferences refs = new CrossReferences();
        for (DescribeFile file : files) {
            for (JsonNode item : file.items()) {
                refs.index(file, item);
            }
        }
        return refs;
    }

    private void index(DescribeFile file, JsonNode item) {
        switch (file.kind()) {
            case SUBNETS -> indexSubnet(file, item);
            case AVAILABILITY_ZONES -> indexZone(file, item);
            case VPCS -> {
                putIfPresent(ownerByFolder, file.folder(), text(item, "OwnerId"));
                putIfPresent(ownerByVpc, text(item, "VpcId"), text(item, "OwnerId"));
            }
            case NAT_GATEWAYS -> array(item, "NatGatewayAddresses").forEach(address ->
                    putIfPresent(natByInterface, text(address, "NetworkInterfaceId"), text(item, "NatGatewayId")));
            case VPC_ENDPOINTS -> DescribeJson.texts(item, "NetworkInterfaceIds", null).forEach(eni ->
                    putIfPresent(endpointByInterface, eni, text(item, "VpcEndpointId")));
            case NETWORK_INTERFACES -> indexInterface(item);
            case RESERVATIONS -> array(item, "Instances").forEach(this::indexInstance);
            case ADDRESSES -> indexAddress(item);
            case VPN_CONNECTIONS -> indexVpnConnection(file, item);
            default -> {
                // read by the mappers alone
            }
        }
    }

    private void indexSubnet(DescribeFile file, JsonNode subnet) {
        String region = DescribeJson.arnField(text(subnet, "SubnetArn"), 3);
        if (region == null) {
            region = regionOf(text(subnet, "AvailabilityZone"));
        }
        putIfPresent(regionByVpc, text(subnet, "VpcId"), region);
        putIfPresent(vpcByResource, text(subnet, "SubnetId"), text(subnet, "VpcId"));
        putIfPresent(regionByFolder, file.folder(), region);
    }

    private void indexZone(DescribeFile file, JsonNode zone) {
        putIfPresent(zoneIds, text(zone, "ZoneName"), text(zone, "ZoneId"));
        String region = text(zone, "RegionName");
        putIfPresent(regionByFolder, file.folder(), region != null ? region : regionOf(text(zone, "ZoneName")));
    }

    private void indexInterface(JsonNode eni) {
        String id = text(eni, "NetworkInterfaceId");
        if (id == null) {
            return;
        }
        describedInterfaces.add(id);
        putIfPresent(vpcByResource, id, text(eni, "VpcId"));
        JsonNode attachment = eni.path("Attachment");
        String instanceId = text(attachment, "InstanceId");
        if (instanceId != null && attachment.path("DeviceIndex").asInt(-1) == 0) {
            primaryInterfaceByInstance.put(instanceId, id);
        }
    }

    private void indexInstance(JsonNode instance) {
        String instanceId = text(instance, "InstanceId");
        for (JsonNode eni : array(instance, "NetworkInterfaces")) {
            putIfPresent(vpcByResource, text(eni, "NetworkInterfaceId"),
                    text(eni, "VpcId") != null ? text(eni, "VpcId") : text(instance, "VpcId"));
            if (instanceId != null && eni.path("Attachment").path("DeviceIndex").asInt(-1) == 0) {
                putIfPresent(primaryInterfaceByInstance, instanceId, text(eni, "NetworkInterfaceId"));
            }
        }
    }

    private void indexAddress(JsonNode address) {
        String eni = text(address, "NetworkInterfaceId");
        if (eni != null && text(address, "PublicIp") != null) {
            addressesByInterface.computeIfAbsent(eni, k -> new ArrayList<>()).add(address);
        }
    }

    private void indexVpnConnection(DescribeFile file, JsonNode connection) {
        String state = text(connection, "State");
        String gateway = text(connection, "VpnGatewayId");
        if (gateway != null && !"deleted".equals(state) && !"deleting".equals(state)) {
            vpnConnectionsByGateway.computeIfAbsent(gateway, k -> new ArrayList<>())
                    .add(new VpnConnection(file, connection));
        }
    }

    /**
     * The Region: the layout's Region folder, else the Region of the VPC's subnets, else of any subnet or zone in
     * the same folder, else {@value #DEFAULT_REGION}.
     */
    String region(DescribeFile file, String vpcId) {
        if (file.region() != null) {
            return file.region();
        }
        String region = vpcId == null ? null : regionByVpc.get(vpcId);
        if (region == null) {
            region = regionByFolder.get(file.folder());
        }
        return region != null ? region : DEFAULT_REGION;
    }

    /** The VPC a VPC, subnet or interface id belongs to, as the snapshot describes it; null when it does not. */
    String vpcOf(String resourceId) {
        if (resourceId != null && resourceId.startsWith("vpc-")) {
            return resourceId;
        }
        return resourceId == null ? null : vpcByResource.get(resourceId);
    }

    /** The account that owns a VPC, from describe-vpcs; null when the snapshot does not say. */
    String ownerOf(String vpcId) {
        return vpcId == null ? null : ownerByVpc.get(vpcId);
    }

    /** The account a file's folder belongs to: its VPCs' owner, else the accounts/<account> folder name. */
    String folderOwner(DescribeFile file) {
        String owner = ownerByFolder.get(file.folder());
        return owner != null ? owner : file.folderAccount();
    }

    /** The Elastic IP associated with {@code privateIp} of an interface, else with the interface, else null. */
    String elasticIp(String interfaceId, String privateIp) {
        List<JsonNode> addresses = addressesByInterface.getOrDefault(interfaceId, List.of());
        for (JsonNode address : addresses) {
            if (privateIp != null && privateIp.equals(text(address, "PrivateIpAddress"))) {
                return text(address, "PublicIp");
            }
        }
        return addresses.isEmpty() ? null : text(addresses.get(0), "PublicIp");
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (key != null && value != null) {
            map.putIfAbsent(key, value);
        }
    }
}
