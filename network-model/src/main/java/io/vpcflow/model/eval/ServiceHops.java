package io.vpcflow.model.eval;

import io.vpcflow.model.EndpointService;
import io.vpcflow.model.EndpointType;
import io.vpcflow.model.LoadBalancer;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.VpcEndpoint;
import io.vpcflow.model.net.Ipv4;
import java.util.List;

/** Gateway endpoints, interface endpoints, PrivateLink endpoint services and Network Load Balancers. */
final class ServiceHops {
    private final PacketWalk walk;
    private final CompiledNetwork net;

    ServiceHops(PacketWalk walk) {
        this.walk = walk;
        this.net = walk.net;
    }

    Evaluation toGatewayEndpoint(Vpc vpc, String vpceId, Packet p) {
        walk.hop(vpceId);
        VpcEndpoint endpoint = net.network().vpcEndpoint(vpceId).orElse(null);
        if (endpoint == null || endpoint.type() != EndpointType.GATEWAY) {
            return walk.noRoute(ExplanationCode.BAD_STATE_ROUTE, vpceId,
                    endpoint == null ? "gateway endpoint " + vpceId + " is not in the model"
                            : vpceId + " is a " + endpoint.type() + " endpoint; routes can only target gateway endpoints");
        }
        if (!endpoint.available()) {
            return walk.noRoute(ExplanationCode.BAD_STATE, vpceId, "endpoint " + vpceId + " is " + endpoint.state());
        }
        if (walk.viaPeering || !vpc.contains(p.srcIp())) {
            return walk.reject(ExplanationCode.VPCE_GATEWAY_EGRESS_SOURCE_ADDRESS_RESTRICTION, vpceId,
                    Ipv4.format(p.srcIp()) + " is not an address of " + vpc.id(),
                    "gateway endpoint " + vpceId + " only carries traffic that originates in " + vpc.id());
        }
        return walk.deliver(new Delivery.ThroughGateway(vpceId, vpc.id(), p),
                "reaches " + endpoint.serviceName() + " through gateway endpoint " + vpceId);
    }

    Evaluation atInterfaceEndpoint(NetworkInterface eni, Packet p) {
        VpcEndpoint endpoint = net.endpointOfInterface(eni.id());
        EndpointService service = endpoint == null ? null : net.endpointService(endpoint.serviceName());
        if (service == null) {
            String what = endpoint == null ? "endpoint interface " + eni.id()
                    : endpoint.serviceName() + " through interface endpoint " + endpoint.id();
            return walk.deliver(new Delivery.ToInterface(eni, p), "reaches " + what);
        }
        if (!endpoint.available()) {
            return walk.reject(ExplanationCode.VPCE_SERVICE_NOT_ACCEPTED, endpoint.id(),
                    "endpoint state is " + endpoint.state(),
                    "endpoint " + endpoint.id() + " to " + service.serviceName() + " is " + endpoint.state()
                            + ": the provider has not accepted it");
        }
        String consumer = endpoint.ownerAccountId() != null ? endpoint.ownerAccountId() : eni.accountId();
        if (consumer != null && !service.allows(consumer)) {
            return walk.reject(ExplanationCode.VPCE_PRINCIPAL_NOT_ALLOWED, service.id(),
                    "allowed principals " + service.allowedPrincipals() + " do not include " + consumer,
                    "endpoint service " + service.id() + " does not allow account " + consumer);
        }
        walk.hop(service.id());
        LoadBalancer lb = service.loadBalancerIds().stream().map(id -> net.network().loadBalancer(id).orElse(null))
                .filter(b -> b != null).findFirst().orElse(null);
        if (lb == null) {
            return walk.finish(Verdict.UNREACHABLE, ExplanationCode.NO_PATH, service.id(),
                    "no load balancer of " + service.id() + " is in the model",
                    "endpoint service " + service.id() + " has no modelled Network Load Balancer behind it");
        }
        return throughLoadBalancer(lb, eni, p);
    }

    Evaluation atLoadBalancer(NetworkInterface eni, Packet p) {
        if (walk.reply) {
            for (Translation t : walk.session) {
                if (t instanceof Translation.Balanced b && b.balancerInterface().id().equals(eni.id())
                        && b.backendSide().srcPort() == p.dstPort() && b.backendSide().dstIp() == p.srcIp()) {
                    Packet back = b.clientSide().reversed();
                    back = new Packet(back.srcIp(), back.dstIp(), back.protocol(), back.srcPort(), back.dstPort(),
                            p.tcpFlags(), p.icmpType(), p.icmpCode());
                    return walk.leaveInterface(b.frontInterface(), back);
                }
            }
        }
        LoadBalancer lb = net.loadBalancerOfInterface(eni.id());
        if (lb == null) {
            return walk.deliver(new Delivery.ToInterface(eni, p), "delivered to " + PacketWalk.describe(eni));
        }
        return throughLoadBalancer(lb, eni, p);
    }

    /**
     * The balancer takes the client's packet at {@code front} and opens its own connection to a target, from its
     * interface in the front's Availability Zone, with its own address as the source (as PrivateLink providers see).
     */
    private Evaluation throughLoadBalancer(LoadBalancer lb, NetworkInterface front, Packet p) {
        walk.hop(lb.id());
        LoadBalancer.Listener listener = lb.listeners().stream()
                .filter(l -> l.port() == p.dstPort() && (l.protocol() == p.protocol() || l.protocol() < 0))
                .findFirst().orElse(null);
        if (listener == null || listener.targets().isEmpty()) {
            return walk.reject(ExplanationCode.NLB_NO_LISTENER, lb.id(),
                    "no listener with targets for " + io.vpcflow.model.net.Protocol.name(p.protocol()) + " "
                            + p.dstPort(),
                    "load balancer " + lb.id() + " has no listener with targets on port " + p.dstPort());
        }
        NetworkInterface balancer = balancerInterface(lb, front);
        if (balancer == null) {
            return walk.finish(Verdict.UNREACHABLE, ExplanationCode.NO_PATH, lb.id(),
                    "load balancer " + lb.id() + " has no network interface in the model",
                    "load balancer " + lb.id() + " has no network interface in the model");
        }
        String target = listener.targets().get(Math.floorMod(GatewayHops.ephemeralPort(p), listener.targets().size()));
        Integer targetIp = targetAddress(target);
        if (targetIp == null) {
            return walk.finish(Verdict.UNREACHABLE, ExplanationCode.NO_INTERFACE_AT_ADDRESS, lb.id(),
                    "target " + target + " of " + lb.id() + " is not in the model",
                    "load balancer " + lb.id() + " forwards to " + target + ", which the model does not hold");
        }
        Packet backend = new Packet(Ipv4.parse(balancer.primaryPrivateIp()), targetIp, p.protocol(),
                GatewayHops.ephemeralPort(p), listener.targetPort(), p.tcpFlags(), p.icmpType(), p.icmpCode());
        walk.session.add(new Translation.Balanced(front, p, balancer, backend));
        return walk.leaveInterface(balancer, backend);
    }

    private NetworkInterface balancerInterface(LoadBalancer lb, NetworkInterface front) {
        if (lb.networkInterfaceIds().contains(front.id())) {
            return front;
        }
        String frontAz = azOf(front);
        NetworkInterface first = null;
        for (String id : lb.networkInterfaceIds()) {
            NetworkInterface eni = net.network().networkInterface(id).orElse(null);
            if (eni != null && first == null) {
                first = eni;
            }
            if (eni != null && frontAz != null && frontAz.equals(azOf(eni))) {
                return eni;
            }
        }
        return first;
    }

    private String azOf(NetworkInterface eni) {
        io.vpcflow.model.Subnet subnet = net.subnet(eni.subnetId());
        return subnet == null ? null : subnet.azId();
    }

    private Integer targetAddress(String target) {
        if (Ipv4.isValid(target)) {
            return Ipv4.parse(target);
        }
        List<NetworkInterface> enis = net.interfacesOfInstance(target);
        return enis.isEmpty() ? null : Ipv4.parse(enis.get(0).primaryPrivateIp());
    }
}
