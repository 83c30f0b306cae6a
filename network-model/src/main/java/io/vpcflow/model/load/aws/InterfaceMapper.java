package io.vpcflow.model.load.aws;

import static io.vpcflow.model.load.aws.DescribeJson.array;
import static io.vpcflow.model.load.aws.DescribeJson.bool;
import static io.vpcflow.model.load.aws.DescribeJson.text;
import static io.vpcflow.model.load.aws.DescribeJson.texts;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.net.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Network interfaces, from {@code describe-network-interfaces} and, for instances whose interfaces that file lacks,
 * from {@code describe-instances}. Requester-managed interfaces are tied to their NAT gateway or endpoint.
 */
final class InterfaceMapper {
    /** An owner id inside an interface description: "Interface for NAT Gateway nat-0ab1...". */
    private static final Pattern OWNER_IN_DESCRIPTION = Pattern.compile("\\b((?:nat|vpce|i)-[0-9a-f]{8,17})\\b");

    private final LoadContext ctx;

    InterfaceMapper(LoadContext ctx) {
        this.ctx = ctx;
    }

    void networkInterfaces(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "NetworkInterfaceId");
            if (ipv6Only(file, id, item)) {
                continue;
            }
            String instanceId = text(item.path("Attachment"), "InstanceId");
            ctx.add(file, item, id, () -> {
                InterfaceType type = typeOf(text(item, "InterfaceType"), instanceId);
                return build(id, text(item, "OwnerId"), text(item, "VpcId"), text(item, "SubnetId"), item, type,
                        attachedTo(id, type, instanceId, text(item, "Description")));
            }, ctx.builder::add);
        }
    }

    /** The interfaces of running (not terminated) instances that describe-network-interfaces did not list. */
    void reservations(DescribeFile file) {
        for (JsonNode reservation : file.items()) {
            for (JsonNode instance : array(reservation, "Instances")) {
                String instanceId = text(instance, "InstanceId");
                ctx.locate(instanceId, file);
                if (!"terminated".equals(text(instance.path("State"), "Name"))) {
                    instanceInterfaces(file, reservation, instance, instanceId);
                }
            }
        }
    }

    private void instanceInterfaces(DescribeFile file, JsonNode reservation, JsonNode instance, String instanceId) {
        for (JsonNode eni : array(instance, "NetworkInterfaces")) {
            String id = text(eni, "NetworkInterfaceId");
            if ((id != null && ctx.refs.describedInterfaces.contains(id)) || ipv6Only(file, id, eni)) {
                continue;
            }
            String owner = firstOf(text(eni, "OwnerId"), text(reservation, "OwnerId"));
            String vpcId = firstOf(text(eni, "VpcId"), text(instance, "VpcId"));
            String subnetId = firstOf(text(eni, "SubnetId"), text(instance, "SubnetId"));
            ctx.add(file, eni, id, () -> build(id, owner, vpcId, subnetId, eni, InterfaceType.INSTANCE, instanceId),
                    ctx.builder::add);
        }
    }

    private NetworkInterface build(String id, String owner, String vpcId, String subnetId, JsonNode eni,
                                   InterfaceType type, String attachedTo) {
        List<String> privateIps = privateIps(eni);
        String publicIp = text(eni.path("Association"), "PublicIp");
        if (publicIp == null) {
            publicIp = ctx.refs.elasticIp(id, privateIps.isEmpty() ? null : privateIps.get(0));
        }
        if (publicIp != null) {
            Ipv4.parse(publicIp);
        }
        return new NetworkInterface(id, owner, vpcId, subnetId, privateIps, publicIp, texts(eni, "Groups", "GroupId"),
                type, attachedTo, bool(eni, "SourceDestCheck", true));
    }

    /** The primary private address first, then the secondary ones; IPv6 addresses are left out. */
    private static List<String> privateIps(JsonNode eni) {
        List<String> ips = new ArrayList<>();
        for (JsonNode address : array(eni, "PrivateIpAddresses")) {
            String ip = text(address, "PrivateIpAddress");
            if (ip != null && !ips.contains(ip)) {
                Ipv4.parse(ip);
                if (bool(address, "Primary", false)) {
                    ips.add(0, ip);
                } else {
                    ips.add(ip);
                }
            }
        }
        String primary = text(eni, "PrivateIpAddress");
        if (primary != null) {
            Ipv4.parse(primary);
            ips.remove(primary);
            ips.add(0, primary);
        }
        return ips;
    }

    /** An interface with IPv6 addresses only, which the IPv4 model skips with a warning. */
    private boolean ipv6Only(DescribeFile file, String id, JsonNode eni) {
        if (text(eni, "PrivateIpAddress") != null || !texts(eni, "PrivateIpAddresses", "PrivateIpAddress").isEmpty()
                || array(eni, "Ipv6Addresses").isEmpty()) {
            return false;
        }
        ctx.warning(file, id, "network interface " + id + " has IPv6 addresses only and is not modelled "
                + "(the model is IPv4); skipped", "none needed unless IPv6 flows matter");
        return true;
    }

    private static InterfaceType typeOf(String interfaceType, String instanceId) {
        String type = interfaceType == null ? "interface" : interfaceType;
        return switch (type) {
            case "nat_gateway" -> InterfaceType.NAT_GATEWAY;
            case "vpc_endpoint", "gateway_load_balancer_endpoint" -> InterfaceType.VPC_ENDPOINT;
            case "network_load_balancer", "gateway_load_balancer" -> InterfaceType.LOAD_BALANCER;
            default -> instanceId != null ? InterfaceType.INSTANCE : InterfaceType.OTHER;
        };
    }

    /** The instance, NAT gateway or endpoint owning the interface; failing that, what its description says. */
    private String attachedTo(String id, InterfaceType type, String instanceId, String description) {
        String owner = switch (type) {
            case INSTANCE -> instanceId;
            case NAT_GATEWAY -> ctx.refs.natByInterface.get(id);
            case VPC_ENDPOINT -> ctx.refs.endpointByInterface.get(id);
            default -> null;
        };
        if (owner != null || description == null) {
            return owner;
        }
        Matcher matcher = OWNER_IN_DESCRIPTION.matcher(description);
        return type.requesterManaged() && matcher.find() ? matcher.group(1) : description;
    }

    private static String firstOf(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}
