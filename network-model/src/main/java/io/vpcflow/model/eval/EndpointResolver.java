package io.vpcflow.model.eval;

import io.vpcflow.model.EndpointType;
import io.vpcflow.model.InternetHost;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcEndpoint;
import io.vpcflow.model.VpnGateway;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the names users give ({@code eni-...}, {@code i-...}, an IP, {@code internet:<ip>}, an internet host's name,
 * an AWS service such as {@code s3} or {@code sqs.us-east-1.amazonaws.com}, {@code vpce-...}, {@code vpc-...},
 * {@code vgw-...}) into packet sources and destination addresses. Unknown names throw
 * {@link IllegalArgumentException} with a message that says what is accepted.
 */
public final class EndpointResolver {
    private static final String ACCEPTED = "use an interface id (eni-), an instance id (i-), an IPv4 address,"
            + " internet:<ip>, an internet host name, or an AWS service (s3, dynamodb, or a service DNS name)";
    private final CompiledNetwork net;
    private final Network network;

    public EndpointResolver(CompiledNetwork net) {
        this.net = net;
        this.network = net.network();
    }

    public Source source(String spec) {
        String s = require(spec, "--from");
        if (s.startsWith("eni-")) {
            NetworkInterface eni = network.networkInterface(s).orElseThrow(() -> unknown("interface", s));
            return new Source.AtInterface(eni, Ipv4.parse(eni.primaryPrivateIp()));
        }
        if (s.startsWith("i-")) {
            NetworkInterface eni = instanceInterface(s);
            return new Source.AtInterface(eni, Ipv4.parse(eni.primaryPrivateIp()));
        }
        if (s.startsWith("vpc-")) {
            Vpc vpc = network.vpc(s).orElseThrow(() -> unknown("VPC", s));
            return new Source.AtVpcRouter(vpc, 0);
        }
        if (s.startsWith("vgw-")) {
            VpnGateway vgw = network.vpnGateway(s).orElseThrow(() -> unknown("VPN gateway", s));
            if (vgw.attachedVpcIds().isEmpty()) {
                throw new IllegalArgumentException("VPN gateway " + s + " is attached to no VPC");
            }
            int ip = vgw.staticRoutes().isEmpty() ? 0 : vgw.staticRoutes().get(0).first();
            return new Source.FromVpn(vgw, vgw.attachedVpcIds().get(0), ip);
        }
        if (Ipv4.isValid(s)) {
            return sourceAt(Ipv4.parse(s));
        }
        return new Source.External(externalAddress(s, null));
    }

    private Source sourceAt(int ip) {
        List<NetworkInterface> owners = new ArrayList<>();
        for (Vpc vpc : network.vpcs()) {
            NetworkInterface eni = net.interfaceAt(vpc.id(), ip);
            if (eni != null) {
                owners.add(eni);
            }
        }
        if (owners.size() > 1) {
            throw new IllegalArgumentException(Ipv4.format(ip) + " belongs to interfaces in several VPCs ("
                    + owners.stream().map(NetworkInterface::id).toList() + "); name the interface instead");
        }
        if (owners.size() == 1) {
            return new Source.AtInterface(owners.get(0), ip);
        }
        NetworkInterface byPublic = net.interfaceByPublicIp(ip);
        if (byPublic != null) {
            return new Source.AtInterface(byPublic, Ipv4.parse(byPublic.primaryPrivateIp()));
        }
        for (Vpc vpc : network.vpcs()) {
            Subnet subnet = net.subnetAt(vpc.id(), ip);
            if (subnet != null) {
                return new Source.InSubnet(subnet, ip);
            }
        }
        return new Source.External(ip);
    }

    /** The destination address for {@code spec}, as seen from {@code from} (which picks endpoints and Regions). */
    public int destination(String spec, Source from) {
        String s = require(spec, "--to");
        if (s.startsWith("eni-")) {
            return Ipv4.parse(network.networkInterface(s).orElseThrow(() -> unknown("interface", s)).primaryPrivateIp());
        }
        if (s.startsWith("i-")) {
            return Ipv4.parse(instanceInterface(s).primaryPrivateIp());
        }
        if (s.startsWith("vpce-")) {
            VpcEndpoint endpoint = network.vpcEndpoint(s).orElseThrow(() -> unknown("VPC endpoint", s));
            return endpointAddress(endpoint, from);
        }
        if (Ipv4.isValid(s)) {
            return Ipv4.parse(s);
        }
        VpcEndpoint endpoint = interfaceEndpointFor(s, from);
        if (endpoint != null) {
            return endpointAddress(endpoint, from);
        }
        return externalAddress(s, regionOf(from));
    }

    private NetworkInterface instanceInterface(String instanceId) {
        List<NetworkInterface> enis = net.interfacesOfInstance(instanceId);
        if (enis.isEmpty()) {
            throw unknown("instance", instanceId);
        }
        return enis.get(0);
    }

    private int externalAddress(String spec, String region) {
        if (spec.startsWith("internet:")) {
            return Ipv4.parse(spec.substring("internet:".length()));
        }
        InternetHost host = network.internetHost(spec).orElse(null);
        if (host != null) {
            return Ipv4.parse(host.ip());
        }
        String service = awsServiceCode(spec);
        if (service != null) {
            for (Cidr prefix : net.ranges.prefixes(service, region == null ? "us-east-1" : region)) {
                int address = prefix.addressAt(Math.min(10, prefix.last() - prefix.first()));
                if (service.equals(net.ranges.serviceOf(address))) {
                    return address;
                }
            }
        }
        throw new IllegalArgumentException("'" + spec + "' is not in the network: " + ACCEPTED);
    }

    /** {@code s3}, {@code S3}, {@code s3.us-east-1.amazonaws.com}, {@code com.amazonaws.us-east-1.s3} → S3. */
    private static String awsServiceCode(String spec) {
        String lower = spec.toLowerCase(Locale.ROOT);
        String name = lower.startsWith("com.amazonaws.") ? lower.substring(lower.lastIndexOf('.') + 1)
                : lower.contains(".") ? lower.substring(0, lower.indexOf('.')) : lower;
        switch (name) {
            case "s3": return "S3";
            case "dynamodb": return "DYNAMODB";
            case "ec2": return "EC2";
            case "cloudfront": return "CLOUDFRONT";
            case "route53": return "ROUTE53";
            default: return lower.contains("amazonaws") || lower.equals("amazon") ? "AMAZON" : null;
        }
    }

    /** The interface endpoint in the source's VPC that a service name (or its private DNS name) resolves to. */
    private VpcEndpoint interfaceEndpointFor(String spec, Source from) {
        String vpcId = vpcOf(from);
        if (vpcId == null) {
            return null;
        }
        String lower = spec.toLowerCase(Locale.ROOT);
        for (VpcEndpoint endpoint : network.vpcEndpoints()) {
            if (endpoint.type() != EndpointType.INTERFACE || !endpoint.vpcId().equals(vpcId)) {
                continue;
            }
            String short_ = endpoint.shortServiceName();
            String region = regionOf(from);
            boolean byServiceName = lower.equals(endpoint.serviceName().toLowerCase(Locale.ROOT));
            boolean byDns = endpoint.privateDnsEnabled()
                    && (lower.equals(short_) || lower.equals(short_ + "." + region + ".amazonaws.com"));
            if (byServiceName || byDns) {
                return endpoint;
            }
        }
        return null;
    }

    private int endpointAddress(VpcEndpoint endpoint, Source from) {
        String preferredSubnetAz = null;
        if (from instanceof Source.AtInterface at) {
            preferredSubnetAz = network.subnet(at.networkInterface().subnetId()).map(Subnet::azId).orElse(null);
        }
        NetworkInterface chosen = null;
        for (String id : endpoint.networkInterfaceIds()) {
            NetworkInterface eni = network.networkInterface(id).orElse(null);
            if (eni == null) {
                continue;
            }
            String az = network.subnet(eni.subnetId()).map(Subnet::azId).orElse(null);
            if (chosen == null || (preferredSubnetAz != null && preferredSubnetAz.equals(az))) {
                chosen = eni;
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException("endpoint " + endpoint.id() + " has no network interface in the model");
        }
        return Ipv4.parse(chosen.primaryPrivateIp());
    }

    private String vpcOf(Source from) {
        if (from instanceof Source.AtInterface at) {
            return at.networkInterface().vpcId();
        }
        if (from instanceof Source.InSubnet in) {
            return in.subnet().vpcId();
        }
        if (from instanceof Source.AtVpcRouter router) {
            return router.vpc().id();
        }
        return null;
    }

    private String regionOf(Source from) {
        String vpcId = vpcOf(from);
        return vpcId == null ? null : network.vpc(vpcId).map(Vpc::region).orElse(null);
    }

    private static String require(String spec, String flag) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(flag + " is required: " + ACCEPTED);
        }
        return spec.trim();
    }

    private static IllegalArgumentException unknown(String kind, String id) {
        return new IllegalArgumentException("no " + kind + " '" + id + "' in the network; " + ACCEPTED);
    }
}
