package io.vpcflow.bench;

import io.vpcflow.model.InternetGateway;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkAcl;
import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.PeeringStatus;
import io.vpcflow.model.PrefixList;
import io.vpcflow.model.RouteTable;
import io.vpcflow.model.SecurityGroup;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcPeeringConnection;
import io.vpcflow.model.net.Ipv4;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entity lookups the naive baseline needs (by id, interface by address, which table and ACL serve a subnet),
 * with the same precedence as the compiled network. No rule is indexed here: an ACL's entries are only put in
 * rule-number order, once, as anyone scanning them would.
 */
final class NaiveIndex {
    private final Network network;
    private final Map<String, List<Subnet>> subnetsOfVpc = new HashMap<>();
    private final Map<String, RouteTable> routeTableOfSubnet = new HashMap<>();
    private final Map<String, NetworkAcl> aclOfSubnet = new HashMap<>();
    private final Map<String, List<NetworkAclEntry>> inbound = new HashMap<>();
    private final Map<String, List<NetworkAclEntry>> outbound = new HashMap<>();
    private final Map<String, Map<Integer, NetworkInterface>> interfacesOfVpc = new HashMap<>();
    private final Map<Integer, NetworkInterface> interfaceByPublicIp = new HashMap<>();
    private final Map<String, InternetGateway> internetGatewayOfVpc = new HashMap<>();

    NaiveIndex(Network network) {
        this.network = network;
        network.subnets().forEach(s -> subnetsOfVpc.computeIfAbsent(s.vpcId(), k -> new ArrayList<>()).add(s));
        Map<String, RouteTable> mainOfVpc = new HashMap<>();
        for (RouteTable table : network.routeTables()) {
            table.subnetIds().forEach(subnet -> routeTableOfSubnet.put(subnet, table));
            if (table.main()) {
                mainOfVpc.put(table.vpcId(), table);
            }
        }
        Map<String, NetworkAcl> defaultOfVpc = new HashMap<>();
        Comparator<NetworkAclEntry> byNumber = Comparator.comparingInt(NetworkAclEntry::ruleNumber);
        for (NetworkAcl acl : network.networkAcls()) {
            acl.subnetIds().forEach(subnet -> aclOfSubnet.put(subnet, acl));
            if (acl.isDefault()) {
                defaultOfVpc.put(acl.vpcId(), acl);
            }
            inbound.put(acl.id(), acl.entries().stream().filter(e -> !e.egress()).sorted(byNumber).toList());
            outbound.put(acl.id(), acl.entries().stream().filter(NetworkAclEntry::egress).sorted(byNumber).toList());
        }
        for (Subnet subnet : network.subnets()) {
            if (mainOfVpc.containsKey(subnet.vpcId())) {
                routeTableOfSubnet.putIfAbsent(subnet.id(), mainOfVpc.get(subnet.vpcId()));
            }
            if (defaultOfVpc.containsKey(subnet.vpcId())) {
                aclOfSubnet.putIfAbsent(subnet.id(), defaultOfVpc.get(subnet.vpcId()));
            }
        }
        for (NetworkInterface eni : network.networkInterfaces()) {
            Map<Integer, NetworkInterface> byIp = interfacesOfVpc.computeIfAbsent(eni.vpcId(), k -> new HashMap<>());
            eni.privateIps().forEach(ip -> byIp.putIfAbsent(Ipv4.parse(ip), eni));
            if (eni.publicIp() != null) {
                interfaceByPublicIp.put(Ipv4.parse(eni.publicIp()), eni);
            }
        }
        for (InternetGateway igw : network.internetGateways()) {
            igw.attachedVpcIds().forEach(vpc -> internetGatewayOfVpc.put(vpc, igw));
        }
    }

    Vpc vpc(String id) {
        return network.vpc(id).orElse(null);
    }

    Subnet subnet(String id) {
        return network.subnet(id).orElse(null);
    }

    List<Subnet> subnetsOf(String vpcId) {
        return subnetsOfVpc.getOrDefault(vpcId, List.of());
    }

    RouteTable routeTableOf(String subnetId) {
        return routeTableOfSubnet.get(subnetId);
    }

    NetworkAcl aclOf(String subnetId) {
        return aclOfSubnet.get(subnetId);
    }

    List<NetworkAclEntry> sortedEntries(NetworkAcl acl, boolean egress) {
        return (egress ? outbound : inbound).get(acl.id());
    }

    SecurityGroup securityGroup(String id) {
        return network.securityGroup(id).orElse(null);
    }

    PrefixList prefixList(String id) {
        return network.prefixList(id).orElse(null);
    }

    VpcPeeringConnection peering(String id) {
        return network.peeringConnection(id).orElse(null);
    }

    InternetGateway internetGateway(String id) {
        return network.internetGateway(id).orElse(null);
    }

    InternetGateway internetGatewayOf(String vpcId) {
        return internetGatewayOfVpc.get(vpcId);
    }

    NetworkInterface interfaceAt(String vpcId, int address) {
        Map<Integer, NetworkInterface> byIp = interfacesOfVpc.get(vpcId);
        return byIp == null ? null : byIp.get(address);
    }

    NetworkInterface interfaceByPublicIp(int address) {
        return interfaceByPublicIp.get(address);
    }

    /** The groups of the interface at {@code address}: in the VPC, else in a same-Region active peer VPC. */
    List<String> remoteGroups(String vpcId, int address) {
        NetworkInterface remote = interfaceAt(vpcId, address);
        if (remote == null) {
            for (VpcPeeringConnection pcx : network.peeringConnections()) {
                if (pcx.status() == PeeringStatus.ACTIVE && pcx.connects(vpcId) && !pcx.crossRegion()) {
                    remote = interfaceAt(pcx.peerOf(vpcId).vpcId(), address);
                    if (remote != null) {
                        break;
                    }
                }
            }
        }
        return remote == null ? List.of() : remote.securityGroupIds();
    }
}
