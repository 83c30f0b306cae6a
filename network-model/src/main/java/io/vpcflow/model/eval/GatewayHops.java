package io.vpcflow.model.eval;

import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.InternetGateway;
import io.vpcflow.model.NatGateway;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.PeeringStatus;
import io.vpcflow.model.Route;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcPeeringConnection;
import io.vpcflow.model.VpnGateway;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.Ipv4;
import io.vpcflow.model.net.Protocol;

/** What happens at each kind of route target and gateway: internet, NAT, peering, endpoints, VPN, appliances. */
final class GatewayHops {
    private final PacketWalk walk;
    private final CompiledNetwork net;
    /** Endpoints and load balancers, made on first use: most walks meet none. */
    private ServiceHops services;

    GatewayHops(PacketWalk walk) {
        this.walk = walk;
        this.net = walk.net;
    }

    private ServiceHops services() {
        if (services == null) {
            services = new ServiceHops(walk);
        }
        return services;
    }

    Evaluation route(Vpc vpc, Subnet fromSubnet, Route route, Packet p) {
        switch (route.target()) {
            case LOCAL:
                return walk.deliverInVpc(vpc, p, fromSubnet);
            case INTERNET_GATEWAY:
                return toInternetGateway(vpc, route.targetId(), p);
            case NAT_GATEWAY:
                return toNatGateway(vpc, route.targetId(), p, fromSubnet);
            case VPC_PEERING:
                return acrossPeering(vpc, route.targetId(), p);
            case GATEWAY_ENDPOINT:
                return services().toGatewayEndpoint(vpc, route.targetId(), p);
            case NETWORK_INTERFACE:
                return toAppliance(vpc, route.targetId(), p, fromSubnet);
            case VIRTUAL_PRIVATE_GATEWAY:
                return toVpnGateway(vpc, route.targetId(), p);
            default:
                walk.hop(route.targetId());
                return walk.noRoute(ExplanationCode.NO_PATH, route.targetId(),
                        "route " + route + ": " + route.target() + " targets are not modelled");
        }
    }

    /** The flow-log traffic-path of a packet leaving {@code eni} by {@code choice}; null where AWS writes "-". */
    Integer trafficPath(NetworkInterface eni, PacketWalk.RouteChoice choice) {
        if (choice == null || choice.route() == null || choice.route().blackhole()) {
            return null;
        }
        boolean nitroInstance = eni.type() == InterfaceType.INSTANCE;
        switch (choice.route().target()) {
            case LOCAL: case NAT_GATEWAY: case NETWORK_INTERFACE:
                return 1;
            case INTERNET_GATEWAY:
                return nitroInstance ? 8 : 2;
            case GATEWAY_ENDPOINT:
                return nitroInstance ? 7 : 2;
            case VIRTUAL_PRIVATE_GATEWAY:
                return 3;
            case VPC_PEERING:
                return net.network().peeringConnection(choice.route().targetId())
                        .map(pcx -> pcx.crossRegion() ? 5 : 4).orElse(null);
            default:
                return null;
        }
    }

    // ---- internet ----

    /** A packet that enters from the internet ({@code hop} "internet") or from an AWS service's public address. */
    Evaluation fromOutside(String hop, Packet p) {
        walk.hop(hop);
        return towardsPublicAddress(p);
    }

    private Evaluation toInternetGateway(Vpc vpc, String igwId, Packet p) {
        walk.hop(igwId);
        if (net.network().internetGateway(igwId).isEmpty()) {
            return walk.noRoute(ExplanationCode.BAD_STATE_ROUTE, igwId,
                    "internet gateway " + igwId + " is not in the model");
        }
        InternetGateway igw = net.internetGatewayOf(vpc.id());
        if (igw == null || !igw.id().equals(igwId)) {
            return walk.noRoute(ExplanationCode.BAD_STATE_ATTACHMENT, igwId,
                    "internet gateway " + igwId + " is not attached to " + vpc.id());
        }
        NetworkInterface sender = net.interfaceAt(vpc.id(), p.srcIp());
        String publicIp = sender == null ? null : publicIpOf(sender);
        if (publicIp == null) {
            return walk.reject(ExplanationCode.IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS, igwId,
                    Ipv4.format(p.srcIp()) + " has no public IP or Elastic IP",
                    "internet gateway " + igwId + " drops traffic from " + Ipv4.format(p.srcIp())
                            + ", which has no public address to be translated to");
        }
        return towardsPublicAddress(p.withSource(Ipv4.parse(publicIp), p.srcPort()));
    }

    private String publicIpOf(NetworkInterface eni) {
        if (eni.publicIp() != null) {
            return eni.publicIp();
        }
        NatGateway nat = net.natOfInterface(eni.id());
        return nat == null ? null : nat.publicIp();
    }

    /** A packet on the public internet: to a public address of the model, to an AWS service, or out. */
    private Evaluation towardsPublicAddress(Packet p) {
        int dst = p.dstIp();
        if (Ipv4.isPrivate(dst)) {
            walk.hop(PacketWalk.INTERNET);
            return walk.noRoute(ExplanationCode.INTERNET_PRIVATE_ADDRESS, PacketWalk.INTERNET,
                    Ipv4.format(dst) + " is a private address, which the internet does not route");
        }
        NetworkInterface owner = net.interfaceByPublicIp(dst);
        if (owner != null) {
            return enterFromInternet(owner, p);
        }
        String service = net.ranges.serviceOf(dst);
        if ("EC2".equals(service)) {
            walk.hop(PacketWalk.INTERNET);
            return walk.noRoute(ExplanationCode.PUBLIC_IP_NOT_ASSOCIATED, PacketWalk.INTERNET,
                    Ipv4.format(dst) + " is EC2 public address space that no interface of the model holds");
        }
        if (service != null) {
            walk.hop(PacketWalk.AWS_SERVICES);
            return walk.deliver(new Delivery.ToInternet(PacketWalk.AWS_SERVICES, p), "reaches the public endpoint of AWS service " + service);
        }
        walk.hop(PacketWalk.INTERNET);
        return walk.deliver(new Delivery.ToInternet(PacketWalk.INTERNET, p), "leaves for the internet");
    }

    private Evaluation enterFromInternet(NetworkInterface owner, Packet p) {
        String last = walk.hops.isEmpty() ? "" : walk.hops.get(walk.hops.size() - 1);
        if (!last.equals(PacketWalk.AWS_SERVICES)) {
            walk.hop(PacketWalk.INTERNET);
        }
        InternetGateway igw = net.internetGatewayOf(owner.vpcId());
        if (igw == null) {
            return walk.noRoute(ExplanationCode.BAD_STATE_ATTACHMENT, owner.vpcId(),
                    owner.vpcId() + " has no internet gateway, so its public address " + Ipv4.format(p.dstIp())
                            + " is unreachable");
        }
        walk.hop(igw.id());
        Vpc vpc = net.vpc(owner.vpcId());
        walk.hop(vpc.id());
        Packet translated = p.withDestination(Ipv4.parse(owner.primaryPrivateIp()), p.dstPort());
        Evaluation bpa = walk.blockedByBpa(owner, igw.id(), true, translated, null);
        return bpa != null ? bpa : walk.deliverInVpc(vpc, translated, null);
    }

    // ---- NAT gateway ----

    private Evaluation toNatGateway(Vpc vpc, String natId, Packet p, Subnet fromSubnet) {
        NatGateway nat = net.network().natGateway(natId).orElse(null);
        NetworkInterface eni = nat == null ? null
                : net.network().networkInterface(nat.networkInterfaceId()).orElse(null);
        if (eni == null) {
            walk.hop(natId);
            return walk.noRoute(ExplanationCode.BAD_STATE_ROUTE, natId,
                    "NAT gateway " + natId + " (or its network interface) is not in the model");
        }
        return walk.deliverToInterface(eni, p, fromSubnet);
    }

    Evaluation atNatGateway(NetworkInterface eni, Packet p) {
        NatGateway nat = net.natOfInterface(eni.id());
        String natId = nat != null ? nat.id() : eni.id();
        walk.hop(natId);
        int natIp = Ipv4.parse(eni.primaryPrivateIp());
        if (nat != null && !nat.available()) {
            return walk.reject(ExplanationCode.BAD_STATE, natId, "NAT gateway state is not available",
                    "NAT gateway " + natId + " is not available");
        }
        if (p.dstIp() == natIp) {
            Translation.Nat session = natSession(eni, p);
            if (!walk.reply || session == null) {
                walk.observations.add(walk.observe.observe(eni, FlowDirection.INGRESS, false, p, null));
                return walk.reject(ExplanationCode.NGW_NO_INBOUND_SESSION, natId,
                        "no connection from inside matches " + p,
                        "NAT gateway " + natId + " only accepts replies to connections opened from its VPC");
            }
            walk.observations.add(walk.observe.observe(eni, FlowDirection.INGRESS, true, p, null));
            Packet back = p.withDestination(session.original().srcIp(), session.original().srcPort());
            return walk.leaveInterface(eni, back);
        }
        walk.observations.add(walk.observe.observe(eni, FlowDirection.INGRESS, true, p, null));
        int protocol = p.protocol();
        if (protocol != Protocol.TCP && protocol != Protocol.UDP && protocol != Protocol.ICMP) {
            return walk.reject(ExplanationCode.PROTOCOL_RESTRICTION, natId,
                    "protocol " + Protocol.name(protocol) + " is not TCP, UDP or ICMP",
                    "NAT gateway " + natId + " only translates TCP, UDP and ICMP");
        }
        Vpc vpc = net.vpc(eni.vpcId());
        if (walk.viaPeering || !vpc.contains(p.srcIp())) {
            return walk.reject(ExplanationCode.NGW_REQUIRES_SOURCE_IN_VPC, natId,
                    Ipv4.format(p.srcIp()) + " is not an address of " + vpc.id(),
                    "NAT gateway " + natId + " only carries traffic that originates in " + vpc.id());
        }
        int port = Protocol.hasPorts(protocol) ? ephemeralPort(p) : 0;
        walk.session.add(new Translation.Nat(eni, p, port));
        return walk.leaveInterface(eni, p.withSource(natIp, port));
    }

    private Translation.Nat natSession(NetworkInterface eni, Packet p) {
        for (Translation t : walk.session) {
            if (t instanceof Translation.Nat nat && nat.natInterface().id().equals(eni.id())
                    && nat.original().protocol() == p.protocol()
                    && (!Protocol.hasPorts(p.protocol()) || nat.translatedPort() == p.dstPort())) {
                return nat;
            }
        }
        return null;
    }

    /** A stable source port in 1024-65535 for a translated flow. */
    static int ephemeralPort(Packet p) {
        int h = p.srcIp() * 31 + p.srcPort();
        h = h * 31 + p.dstIp();
        h = h * 31 + p.dstPort();
        h = h * 31 + p.protocol();
        return 1024 + Math.floorMod(h, 65536 - 1024);
    }

    // ---- peering ----

    private Evaluation acrossPeering(Vpc vpc, String pcxId, Packet p) {
        walk.hop(pcxId);
        VpcPeeringConnection pcx = net.network().peeringConnection(pcxId).orElse(null);
        if (pcx == null) {
            return walk.noRoute(ExplanationCode.BAD_STATE_ROUTE, pcxId, "peering " + pcxId + " is not in the model");
        }
        if (pcx.status() != PeeringStatus.ACTIVE) {
            return walk.noRoute(ExplanationCode.BAD_STATE, pcxId,
                    "peering " + pcxId + " is " + pcx.status().name().toLowerCase(java.util.Locale.ROOT)
                            + ", not active");
        }
        if (!pcx.connects(vpc.id())) {
            return walk.noRoute(ExplanationCode.BAD_STATE_ATTACHMENT, pcxId,
                    "peering " + pcxId + " does not connect " + vpc.id());
        }
        VpcPeeringConnection.Side side = pcx.peerOf(vpc.id());
        Vpc peer = net.vpc(side.vpcId());
        if (peer == null) {
            return walk.finish(Verdict.UNREACHABLE, ExplanationCode.NO_PATH, pcxId,
                    "peer VPC " + side.vpcId() + " (account " + side.accountId() + ") is not in the model",
                    "the packet crosses " + pcxId + " into a VPC the model does not hold");
        }
        walk.hop(peer.id());
        if (!peer.contains(p.dstIp())) {
            return walk.noRoute(ExplanationCode.PCX_REQUIRES_ADDRESS_IN_VPC_CIDR, pcxId,
                    Ipv4.format(p.dstIp()) + " is not in " + peer.id() + " " + peer.cidrBlocks()
                            + "; a peering only carries traffic for the peer VPC itself (not transitive,"
                            + " no edge-to-edge routing through the peer's gateways)");
        }
        walk.viaPeering = true;
        return walk.deliverInVpc(peer, p, null);
    }

    /** An interface in a VPC peered (same Region) with {@code vpcId}, for security-group references. */
    NetworkInterface peeredInterfaceAt(String vpcId, int address) {
        for (String peerVpcId : net.sameRegionPeersOf(vpcId)) {
            NetworkInterface eni = net.interfaceAt(peerVpcId, address);
            if (eni != null) {
                return eni;
            }
        }
        return null;
    }

    // ---- VPN, appliances ----

    private Evaluation toVpnGateway(Vpc vpc, String vgwId, Packet p) {
        walk.hop(vgwId);
        VpnGateway vgw = net.vpnGatewayOf(vpc.id());
        if (vgw == null || !vgw.id().equals(vgwId)) {
            return walk.noRoute(ExplanationCode.BAD_STATE_ATTACHMENT, vgwId,
                    "VPN gateway " + vgwId + " is not attached to " + vpc.id());
        }
        for (Cidr route : vgw.staticRoutes()) {
            if (route.contains(p.dstIp())) {
                return walk.deliver(new Delivery.ThroughGateway(vgwId, vpc.id(), p),
                        "leaves through VPN gateway " + vgwId + " (static route " + route + ")");
            }
        }
        return walk.noRoute(ExplanationCode.NO_ROUTE_TO_DESTINATION, vgwId,
                "no VPN route of " + vgwId + " " + vgw.staticRoutes() + " covers " + Ipv4.format(p.dstIp()));
    }

    Evaluation fromVpn(Source.FromVpn vpn, Packet p) {
        walk.hop(vpn.gateway().id());
        Vpc vpc = net.vpc(vpn.vpcId());
        if (vpc == null || !vpc.contains(p.dstIp())) {
            return walk.noRoute(ExplanationCode.NO_ROUTE_TO_DESTINATION, vpn.gateway().id(),
                    "VPN gateway " + vpn.gateway().id() + " only routes into " + vpn.vpcId());
        }
        walk.hop(vpc.id());
        return walk.deliverInVpc(vpc, p, null);
    }

    private Evaluation toAppliance(Vpc vpc, String targetId, Packet p, Subnet fromSubnet) {
        NetworkInterface eni = net.network().networkInterface(targetId)
                .orElseGet(() -> net.interfacesOfInstance(targetId).stream().findFirst().orElse(null));
        if (eni == null) {
            walk.hop(targetId);
            return walk.noRoute(ExplanationCode.BAD_STATE_ROUTE, targetId, targetId + " is not in the model");
        }
        return walk.deliverToInterface(eni, p, fromSubnet);
    }

    Evaluation atInterfaceEndpoint(NetworkInterface eni, Packet p) {
        return services().atInterfaceEndpoint(eni, p);
    }

    Evaluation atLoadBalancer(NetworkInterface eni, Packet p) {
        return services().atLoadBalancer(eni, p);
    }
}
