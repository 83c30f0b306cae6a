package io.vpcflow.streams.findings;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vpcflow.model.EndpointType;
import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.NatGateway;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.PeeringStatus;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcEndpoint;
import io.vpcflow.model.VpcPeeringConnection;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.Ipv4;

/**
 * What the model-only detectors need to know of the network, compiled once: NAT gateway interfaces, VPC CIDRs,
 * active peerings, and gateway endpoints by VPC and service. Built from the same network file the streams app
 * publishes ({@code --network}).
 */
public final class NetworkFacts {
    private final Map<String, String> natByInterface = new HashMap<>();
    private final Map<String, String> vpcByInterface = new HashMap<>();
    private final Map<String, List<Cidr>> cidrsByVpc = new HashMap<>();
    private final Map<String, Set<String>> peersByVpc = new HashMap<>();
    private final Map<String, String> peeringByPair = new HashMap<>();
    private final Map<String, Map<String, String>> gatewayEndpoints = new HashMap<>();

    private NetworkFacts() {
    }

    public static NetworkFacts of(Network network) {
        NetworkFacts f = new NetworkFacts();
        for (NatGateway nat : network.natGateways()) {
            if (nat.networkInterfaceId() != null) {
                f.natByInterface.put(nat.networkInterfaceId(), nat.id());
            }
        }
        for (NetworkInterface eni : network.networkInterfaces()) {
            f.vpcByInterface.put(eni.id(), eni.vpcId());
            if (eni.type() == InterfaceType.NAT_GATEWAY) {
                f.natByInterface.putIfAbsent(eni.id(), eni.attachedTo() == null ? eni.id() : eni.attachedTo());
            }
        }
        for (Vpc vpc : network.vpcs()) {
            f.cidrsByVpc.put(vpc.id(), vpc.cidrBlocks());
        }
        for (VpcPeeringConnection pcx : network.peeringConnections()) {
            if (pcx.status() == PeeringStatus.ACTIVE) {
                String a = pcx.requester().vpcId();
                String b = pcx.accepter().vpcId();
                f.peersByVpc.computeIfAbsent(a, k -> new HashSet<>()).add(b);
                f.peersByVpc.computeIfAbsent(b, k -> new HashSet<>()).add(a);
                f.peeringByPair.put(a + "|" + b, pcx.id());
                f.peeringByPair.put(b + "|" + a, pcx.id());
            }
        }
        for (VpcEndpoint e : network.vpcEndpoints()) {
            String service = serviceCode(e.serviceName());
            if (e.type() == EndpointType.GATEWAY && service != null) {
                f.gatewayEndpoints.computeIfAbsent(e.vpcId(), k -> new HashMap<>()).put(service, e.id());
            }
        }
        return f;
    }

    /** The NAT gateway whose interface this is, if any. */
    public Optional<String> natGatewayOf(String interfaceId) {
        return Optional.ofNullable(natByInterface.get(interfaceId));
    }

    public Optional<String> vpcOfInterface(String interfaceId) {
        return Optional.ofNullable(vpcByInterface.get(interfaceId));
    }

    /** True when one of the VPC's CIDR blocks holds {@code address}. */
    public boolean vpcContains(String vpcId, String address) {
        if (!Ipv4.isValid(address)) {
            return false;
        }
        int ip = Ipv4.parse(address);
        for (Cidr c : cidrsByVpc.getOrDefault(vpcId, List.of())) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    public Set<String> peersOf(String vpcId) {
        return peersByVpc.getOrDefault(vpcId, Set.of());
    }

    public String peeringBetween(String vpcA, String vpcB) {
        return peeringByPair.get(vpcA + "|" + vpcB);
    }

    /** The gateway endpoint for {@code service} ({@code S3} or {@code DYNAMODB}) in the VPC, if one exists. */
    public Optional<String> gatewayEndpoint(String vpcId, String service) {
        return Optional.ofNullable(gatewayEndpoints.getOrDefault(vpcId, Map.of()).get(service));
    }

    /** {@code s3}, {@code com.amazonaws.us-east-1.s3} → S3; likewise DynamoDB; anything else null. */
    static String serviceCode(String serviceName) {
        if (serviceName == null) {
            return null;
        }
        String lower = serviceName.toLowerCase(Locale.ROOT);
        String last = lower.substring(lower.lastIndexOf('.') + 1);
        return switch (last) {
            case "s3" -> "S3";
            case "dynamodb" -> "DYNAMODB";
            default -> null;
        };
    }
}
