package io.vpcflow.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The aggregate root: every entity of one modelled network, indexed by id. Immutable once built. Duplicate ids are
 * kept out by the loaders, which report them; {@link #builder()} keeps the first entity of an id.
 */
public final class Network {
    private final Map<String, Vpc> vpcs;
    private final Map<String, Subnet> subnets;
    private final Map<String, RouteTable> routeTables;
    private final Map<String, InternetGateway> internetGateways;
    private final Map<String, NatGateway> natGateways;
    private final Map<String, NetworkInterface> networkInterfaces;
    private final Map<String, SecurityGroup> securityGroups;
    private final Map<String, NetworkAcl> networkAcls;
    private final Map<String, VpcPeeringConnection> peeringConnections;
    private final Map<String, VpcEndpoint> vpcEndpoints;
    private final Map<String, PrefixList> prefixLists;
    private final Map<String, EndpointService> endpointServices;
    private final Map<String, LoadBalancer> loadBalancers;
    private final Map<String, VpnGateway> vpnGateways;
    private final Map<String, InternetHost> internetHosts;
    private final Map<String, FlowLog> flowLogs;
    private final Map<String, VpcBlockPublicAccessOptions> blockPublicAccess;
    private final Map<String, VpcBlockPublicAccessExclusion> blockPublicAccessExclusions;

    private Network(Builder b) {
        vpcs = index(b.vpcs, Vpc::id);
        subnets = index(b.subnets, Subnet::id);
        routeTables = index(b.routeTables, RouteTable::id);
        internetGateways = index(b.internetGateways, InternetGateway::id);
        natGateways = index(b.natGateways, NatGateway::id);
        networkInterfaces = index(b.networkInterfaces, NetworkInterface::id);
        securityGroups = index(b.securityGroups, SecurityGroup::id);
        networkAcls = index(b.networkAcls, NetworkAcl::id);
        peeringConnections = index(b.peeringConnections, VpcPeeringConnection::id);
        vpcEndpoints = index(b.vpcEndpoints, VpcEndpoint::id);
        prefixLists = index(b.prefixLists, PrefixList::id);
        endpointServices = index(b.endpointServices, EndpointService::id);
        loadBalancers = index(b.loadBalancers, LoadBalancer::id);
        vpnGateways = index(b.vpnGateways, VpnGateway::id);
        internetHosts = index(b.internetHosts, InternetHost::name);
        flowLogs = index(b.flowLogs, FlowLog::id);
        blockPublicAccess = index(b.blockPublicAccess, VpcBlockPublicAccessOptions::key);
        blockPublicAccessExclusions = index(b.blockPublicAccessExclusions, VpcBlockPublicAccessExclusion::id);
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            map.putIfAbsent(id.apply(item), item);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Collection<Vpc> vpcs() { return vpcs.values(); }
    public Collection<Subnet> subnets() { return subnets.values(); }
    public Collection<RouteTable> routeTables() { return routeTables.values(); }
    public Collection<InternetGateway> internetGateways() { return internetGateways.values(); }
    public Collection<NatGateway> natGateways() { return natGateways.values(); }
    public Collection<NetworkInterface> networkInterfaces() { return networkInterfaces.values(); }
    public Collection<SecurityGroup> securityGroups() { return securityGroups.values(); }
    public Collection<NetworkAcl> networkAcls() { return networkAcls.values(); }
    public Collection<VpcPeeringConnection> peeringConnections() { return peeringConnections.values(); }
    public Collection<VpcEndpoint> vpcEndpoints() { return vpcEndpoints.values(); }
    public Collection<PrefixList> prefixLists() { return prefixLists.values(); }
    public Collection<EndpointService> endpointServices() { return endpointServices.values(); }
    public Collection<LoadBalancer> loadBalancers() { return loadBalancers.values(); }
    public Collection<VpnGateway> vpnGateways() { return vpnGateways.values(); }
    public Collection<InternetHost> internetHosts() { return internetHosts.values(); }
    public Collection<FlowLog> flowLogs() { return flowLogs.values(); }
    public Collection<VpcBlockPublicAccessOptions> blockPublicAccess() { return blockPublicAccess.values(); }
    public Collection<VpcBlockPublicAccessExclusion> blockPublicAccessExclusions() { return blockPublicAccessExclusions.values(); }

    public Optional<Vpc> vpc(String id) { return Optional.ofNullable(vpcs.get(id)); }
    public Optional<Subnet> subnet(String id) { return Optional.ofNullable(subnets.get(id)); }
    public Optional<RouteTable> routeTable(String id) { return Optional.ofNullable(routeTables.get(id)); }
    public Optional<InternetGateway> internetGateway(String id) { return Optional.ofNullable(internetGateways.get(id)); }
    public Optional<NatGateway> natGateway(String id) { return Optional.ofNullable(natGateways.get(id)); }
    public Optional<NetworkInterface> networkInterface(String id) { return Optional.ofNullable(networkInterfaces.get(id)); }
    public Optional<SecurityGroup> securityGroup(String id) { return Optional.ofNullable(securityGroups.get(id)); }
    public Optional<NetworkAcl> networkAcl(String id) { return Optional.ofNullable(networkAcls.get(id)); }
    public Optional<VpcPeeringConnection> peeringConnection(String id) { return Optional.ofNullable(peeringConnections.get(id)); }
    public Optional<VpcEndpoint> vpcEndpoint(String id) { return Optional.ofNullable(vpcEndpoints.get(id)); }
    public Optional<PrefixList> prefixList(String id) { return Optional.ofNullable(prefixLists.get(id)); }
    public Optional<EndpointService> endpointService(String id) { return Optional.ofNullable(endpointServices.get(id)); }
    public Optional<LoadBalancer> loadBalancer(String id) { return Optional.ofNullable(loadBalancers.get(id)); }
    public Optional<VpnGateway> vpnGateway(String id) { return Optional.ofNullable(vpnGateways.get(id)); }
    public Optional<InternetHost> internetHost(String name) { return Optional.ofNullable(internetHosts.get(name)); }
    public Optional<FlowLog> flowLog(String id) { return Optional.ofNullable(flowLogs.get(id)); }

    /** The Block Public Access setting of an account in a Region; empty means {@code off}, AWS's default. */
    public Optional<VpcBlockPublicAccessOptions> blockPublicAccess(String accountId, String region) {
        return Optional.ofNullable(blockPublicAccess.get(VpcBlockPublicAccessOptions.key(accountId, region)));
    }

    /** Collects entities; loaders add as they read. */
    public static final class Builder {
        private final List<Vpc> vpcs = new ArrayList<>();
        private final List<Subnet> subnets = new ArrayList<>();
        private final List<RouteTable> routeTables = new ArrayList<>();
        private final List<InternetGateway> internetGateways = new ArrayList<>();
        private final List<NatGateway> natGateways = new ArrayList<>();
        private final List<NetworkInterface> networkInterfaces = new ArrayList<>();
        private final List<SecurityGroup> securityGroups = new ArrayList<>();
        private final List<NetworkAcl> networkAcls = new ArrayList<>();
        private final List<VpcPeeringConnection> peeringConnections = new ArrayList<>();
        private final List<VpcEndpoint> vpcEndpoints = new ArrayList<>();
        private final List<PrefixList> prefixLists = new ArrayList<>();
        private final List<EndpointService> endpointServices = new ArrayList<>();
        private final List<LoadBalancer> loadBalancers = new ArrayList<>();
        private final List<VpnGateway> vpnGateways = new ArrayList<>();
        private final List<InternetHost> internetHosts = new ArrayList<>();
        private final List<FlowLog> flowLogs = new ArrayList<>();
        private final List<VpcBlockPublicAccessOptions> blockPublicAccess = new ArrayList<>();
        private final List<VpcBlockPublicAccessExclusion> blockPublicAccessExclusions = new ArrayList<>();

        private Builder() {
        }

        public Builder add(Vpc v) { vpcs.add(v); return this; }
        public Builder add(Subnet v) { subnets.add(v); return this; }
        public Builder add(RouteTable v) { routeTables.add(v); return this; }
        public Builder add(InternetGateway v) { internetGateways.add(v); return this; }
        public Builder add(NatGateway v) { natGateways.add(v); return this; }
        public Builder add(NetworkInterface v) { networkInterfaces.add(v); return this; }
        public Builder add(SecurityGroup v) { securityGroups.add(v); return this; }
        public Builder add(NetworkAcl v) { networkAcls.add(v); return this; }
        public Builder add(VpcPeeringConnection v) { peeringConnections.add(v); return this; }
        public Builder add(VpcEndpoint v) { vpcEndpoints.add(v); return this; }
        public Builder add(PrefixList v) { prefixLists.add(v); return this; }
        public Builder add(EndpointService v) { endpointServices.add(v); return this; }
        public Builder add(LoadBalancer v) { loadBalancers.add(v); return this; }
        public Builder add(VpnGateway v) { vpnGateways.add(v); return this; }
        public Builder add(InternetHost v) { internetHosts.add(v); return this; }
        public Builder add(FlowLog v) { flowLogs.add(v); return this; }
        public Builder add(VpcBlockPublicAccessOptions v) { blockPublicAccess.add(v); return this; }
        public Builder add(VpcBlockPublicAccessExclusion v) { blockPublicAccessExclusions.add(v); return this; }

        public Network build() {
            return new Network(this);
        }
    }
}
