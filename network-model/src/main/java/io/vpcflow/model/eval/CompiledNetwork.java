package io.vpcflow.model.eval;

import io.vpcflow.model.AwsIpRanges;
import io.vpcflow.model.EndpointService;
import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.InternetGateway;
import io.vpcflow.model.LoadBalancer;
import io.vpcflow.model.NatGateway;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkAcl;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.PeeringStatus;
import io.vpcflow.model.Route;
import io.vpcflow.model.RouteTable;
import io.vpcflow.model.SecurityGroup;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcEndpoint;
import io.vpcflow.model.VpcPeeringConnection;
import io.vpcflow.model.VpnGateway;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.CidrTrie;
import io.vpcflow.model.net.Ipv4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lookup structures the evaluator needs, built once per model version: route tables as longest-prefix tries
 * (prefix lists expanded), subnets per VPC as tries, security groups and network ACLs indexed by rule block,
 * interfaces by VPC and address and by public address.
 */
public final class CompiledNetwork {
    final Network network;
    final AwsIpRanges ranges;
    final BlockPublicAccess blockPublicAccess;
    private final Map<String, RouteTable> routeTableOfSubnet = new HashMap<>();
    private final Map<String, CidrTrie<Route>> routeTries = new HashMap<>();
    private final Map<String, CompiledNetworkAcl> aclOfSubnet = new HashMap<>();
    private final Map<String, CidrTrie<Subnet>> subnetsOfVpc = new HashMap<>();
    private final Map<String, Map<Integer, NetworkInterface>> interfacesOfVpc = new HashMap<>();
    private final Map<Integer, NetworkInterface> interfaceByPublicIp = new HashMap<>();
    private final Map<String, List<NetworkInterface>> interfacesOfInstance = new HashMap<>();
    private final Map<String, CompiledSecurityGroup> securityGroups = new HashMap<>();
    private final Map<String, InternetGateway> internetGatewayOfVpc = new HashMap<>();
    private final Map<String, VpnGateway> vpnGatewayOfVpc = new HashMap<>();
    private final Map<String, NatGateway> natOfInterface = new HashMap<>();
    private final Map<String, LoadBalancer> loadBalancerOfInterface = new HashMap<>();
    private final Map<String, VpcEndpoint> endpointOfInterface = new HashMap<>();
    private final Map<String, EndpointService> endpointServiceByName = new HashMap<>();
    private final Map<String, List<String>> sameRegionPeersOfVpc = new HashMap<>();

    public CompiledNetwork(Network network, AwsIpRanges ranges) {
        this.network = network;
        this.ranges = ranges;
        indexRouteTables();
        indexAcls();
        network.subnets().forEach(s -> subnetsOfVpc.computeIfAbsent(s.vpcId(), k -> new CidrTrie<>()).put(s.cidr(), s));
        indexInterfaces();
        for (SecurityGroup group : network.securityGroups()) {
            securityGroups.put(group.id(), new CompiledSecurityGroup(group, id -> network.prefixList(id).orElse(null)));
        }
        for (InternetGateway igw : network.internetGateways()) {
            igw.attachedVpcIds().forEach(vpc -> internetGatewayOfVpc.put(vpc, igw));
        }
        for (VpnGateway vgw : network.vpnGateways()) {
            vgw.attachedVpcIds().forEach(vpc -> vpnGatewayOfVpc.put(vpc, vgw));
        }
        network.natGateways().forEach(n -> natOfInterface.put(n.networkInterfaceId(), n));
        network.loadBalancers().forEach(lb -> lb.networkInterfaceIds().forEach(eni -> loadBalancerOfInterface.put(eni, lb)));
        network.vpcEndpoints().forEach(e -> e.networkInterfaceIds().forEach(eni -> endpointOfInterface.put(eni, e)));
        network.endpointServices().forEach(s -> endpointServiceByName.put(s.serviceName(), s));
        indexPeers();
        blockPublicAccess = new BlockPublicAccess(network);
    }

    public static CompiledNetwork of(Network network) {
        return new CompiledNetwork(network, AwsIpRanges.bundled());
    }

    public Network network() {
        return network;
    }

    private void indexRouteTables() {
        Map<String, RouteTable> mainOfVpc = new HashMap<>();
        for (RouteTable table : network.routeTables()) {
            CidrTrie<Route> trie = new CidrTrie<>();
            for (Route route : table.routes()) {
                if (route.destinationCidr() != null) {
                    trie.put(route.destinationCidr(), route);
                } else {
                    network.prefixList(route.destinationPrefixListId())
                            .ifPresent(list -> list.cidrs().forEach(cidr -> putIfAbsent(trie, cidr, route)));
                }
            }
            routeTries.put(table.id(), trie);
            table.subnetIds().forEach(subnet -> routeTableOfSubnet.put(subnet, table));
            if (table.main()) {
                mainOfVpc.put(table.vpcId(), table);
            }
        }
        for (Subnet subnet : network.subnets()) {
            RouteTable main = mainOfVpc.get(subnet.vpcId());
            if (main != null) {
                routeTableOfSubnet.putIfAbsent(subnet.id(), main);
            }
        }
    }

    /** A CIDR route beats a prefix-list route for the very same block. */
    private static void putIfAbsent(CidrTrie<Route> trie, Cidr cidr, Route route) {
        if (trie.get(cidr) == null) {
            trie.put(cidr, route);
        }
    }

    private void indexAcls() {
        Map<String, CompiledNetworkAcl> defaultOfVpc = new HashMap<>();
        for (NetworkAcl acl : network.networkAcls()) {
            CompiledNetworkAcl compiled = new CompiledNetworkAcl(acl);
            acl.subnetIds().forEach(subnet -> aclOfSubnet.put(subnet, compiled));
            if (acl.isDefault()) {
                defaultOfVpc.put(acl.vpcId(), compiled);
            }
        }
        for (Subnet subnet : network.subnets()) {
            CompiledNetworkAcl fallback = defaultOfVpc.get(subnet.vpcId());
            if (fallback != null) {
                aclOfSubnet.putIfAbsent(subnet.id(), fallback);
            }
        }
    }

    /** Active same-Region peerings, per VPC in model order, as security-group references across them need. */
    private void indexPeers() {
        for (VpcPeeringConnection pcx : network.peeringConnections()) {
            if (pcx.status() != PeeringStatus.ACTIVE || pcx.crossRegion()) {
                continue;
            }
            String requester = pcx.requester().vpcId();
            String accepter = pcx.accepter().vpcId();
            sameRegionPeersOfVpc.computeIfAbsent(requester, k -> new ArrayList<>()).add(pcx.peerOf(requester).vpcId());
            if (!accepter.equals(requester)) {
                sameRegionPeersOfVpc.computeIfAbsent(accepter, k -> new ArrayList<>()).add(pcx.peerOf(accepter).vpcId());
            }
        }
    }

    private void indexInterfaces() {
        for (NetworkInterface eni : network.networkInterfaces()) {
            Map<Integer, NetworkInterface> byIp = interfacesOfVpc.computeIfAbsent(eni.vpcId(), k -> new HashMap<>());
            eni.privateIps().forEach(ip -> byIp.putIfAbsent(Ipv4.parse(ip), eni));
            if (eni.publicIp() != null) {
                interfaceByPublicIp.put(Ipv4.parse(eni.publicIp()), eni);
            }
            if (eni.type() == InterfaceType.INSTANCE && eni.attachedTo() != null) {
                interfacesOfInstance.computeIfAbsent(eni.attachedTo(), k -> new ArrayList<>()).add(eni);
            }
        }
        for (NatGateway nat : network.natGateways()) {
            network.networkInterface(nat.networkInterfaceId()).ifPresent(eni -> {
                if (nat.publicIp() != null) {
                    interfaceByPublicIp.putIfAbsent(Ipv4.parse(nat.publicIp()), eni);
                }
            });
        }
    }

    RouteTable routeTableOf(String subnetId) {
        return routeTableOfSubnet.get(subnetId);
    }

    Route route(RouteTable table, int address) {
        CidrTrie<Route> trie = routeTries.get(table.id());
        return trie == null ? null : trie.longestMatch(address);
    }

    /** The subnet's network ACL, or null when the model has none for it (then nothing is filtered). */
    CompiledNetworkAcl aclOf(String subnetId) {
        return aclOfSubnet.get(subnetId);
    }

    Subnet subnetAt(String vpcId, int address) {
        CidrTrie<Subnet> trie = subnetsOfVpc.get(vpcId);
        return trie == null ? null : trie.longestMatch(address);
    }

    NetworkInterface interfaceAt(String vpcId, int address) {
        Map<Integer, NetworkInterface> byIp = interfacesOfVpc.get(vpcId);
        return byIp == null ? null : byIp.get(address);
    }

    /** The interface a public IP (its own, or a NAT gateway's Elastic IP) maps to. */
    NetworkInterface interfaceByPublicIp(int address) {
        return interfaceByPublicIp.get(address);
    }

    /** The VPCs joined to {@code vpcId} by an active same-Region peering, in model order. */
    List<String> sameRegionPeersOf(String vpcId) {
        return sameRegionPeersOfVpc.getOrDefault(vpcId, List.of());
    }

    List<NetworkInterface> interfacesOfInstance(String instanceId) {
        return interfacesOfInstance.getOrDefault(instanceId, List.of());
    }

    CompiledSecurityGroup securityGroup(String id) {
        return securityGroups.get(id);
    }

    InternetGateway internetGatewayOf(String vpcId) {
        return internetGatewayOfVpc.get(vpcId);
    }

    VpnGateway vpnGatewayOf(String vpcId) {
        return vpnGatewayOfVpc.get(vpcId);
    }

    NatGateway natOfInterface(String eniId) {
        return natOfInterface.get(eniId);
    }

    LoadBalancer loadBalancerOfInterface(String eniId) {
        return loadBalancerOfInterface.get(eniId);
    }

    VpcEndpoint endpointOfInterface(String eniId) {
        return endpointOfInterface.get(eniId);
    }

    EndpointService endpointService(String serviceName) {
        return endpointServiceByName.get(serviceName);
    }

    Vpc vpc(String id) {
        return network.vpc(id).orElse(null);
    }

    Subnet subnet(String id) {
        return network.subnet(id).orElse(null);
    }
}
