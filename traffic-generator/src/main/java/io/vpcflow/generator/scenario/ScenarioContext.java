package io.vpcflow.generator.scenario;

import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.EndpointResolver;
import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.eval.Packet;
import io.vpcflow.model.eval.Source;
import io.vpcflow.model.net.Ipv4;
import java.util.ArrayList;
import java.util.List;

/**
 * What scenarios bind to: the entities of the network, looked up by the ids and names of the sample network. Every
 * lookup of something absent throws {@link MissingEntity}, so a scenario that does not fit a network is skipped
 * rather than run half.
 */
public final class ScenarioContext {
    private final Evaluator evaluator;
    private final Network network;
    private final EndpointResolver resolver;

    public ScenarioContext(Evaluator evaluator) {
        this.evaluator = evaluator;
        CompiledNetwork net = evaluator.network();
        this.network = net.network();
        this.resolver = new EndpointResolver(net);
    }

    public Network network() {
        return network;
    }

    /** An instance's first interface, sending from its primary private address. */
    public Endpoint instance(String instanceId) {
        NetworkInterface eni = network.networkInterfaces().stream()
                .filter(n -> instanceId.equals(n.instanceId())).findFirst()
                .orElseThrow(() -> new MissingEntity("no instance " + instanceId + " in the network"));
        return at(instanceId, eni);
    }

    /** The public address of an instance, as the internet addresses it (a destination only). */
    public Endpoint publicAddressOf(String instanceId) {
        Endpoint inside = instance(instanceId);
        NetworkInterface eni = network.networkInterface(inside.interfaceId()).orElseThrow();
        if (eni.publicIp() == null) {
            throw new MissingEntity("instance " + instanceId + " has no public IP");
        }
        return new Endpoint(instanceId, Ipv4.parse(eni.publicIp()), null, eni.id());
    }

    /** A named internet host of the network file. */
    public Endpoint internetHost(String name) {
        String ip = network.internetHost(name)
                .orElseThrow(() -> new MissingEntity("no internet host '" + name + "' in the network")).ip();
        return new Endpoint(name, Ipv4.parse(ip), new Source.External(Ipv4.parse(ip)), null);
    }

    /** Any internet address (a destination or an external source). */
    public Endpoint internet(String name, String ip) {
        return new Endpoint(name, Ipv4.parse(ip), new Source.External(Ipv4.parse(ip)), null);
    }

    /**
     * A destination as {@code from} resolves it: an AWS service ({@code s3}), a VPC endpoint id, a service DNS name,
     * an address.
     */
    public Endpoint destination(String spec, Endpoint from) {
        try {
            int ip = resolver.destination(spec, from.source());
            NetworkInterface eni = interfaceAt(from, ip);
            return new Endpoint(spec, ip, null, eni == null ? null : eni.id());
        } catch (IllegalArgumentException e) {
            throw new MissingEntity(e.getMessage());
        }
    }

    /** The VPC's Amazon DNS resolver (base + 2) as {@code from} sees it; AWS never logs traffic to it. */
    public Endpoint amazonDns(Endpoint from) {
        NetworkInterface eni = network.networkInterface(from.interfaceId()).orElseThrow(
                () -> new MissingEntity(from.name() + " has no interface, so no VPC resolver"));
        int ip = network.vpc(eni.vpcId()).orElseThrow().amazonDnsAddress();
        return new Endpoint("amazon-dns", ip, null, null);
    }

    /** Requires a VPC endpoint, NAT gateway, peering ... by id; the scenario needs it to mean what it says. */
    public void require(String id, boolean present, String what) {
        if (!present) {
            throw new MissingEntity("no " + what + " " + id + " in the network");
        }
    }

    /**
     * Instances whose HTTPS traffic to {@code service} ({@code s3}) is accepted and passes a NAT gateway, so bypasses
     * any gateway endpoint; found by evaluating one SYN from each instance.
     */
    public List<Endpoint> instancesReachingThroughNat(String service) {
        List<Endpoint> found = new ArrayList<>();
        for (NetworkInterface eni : network.networkInterfaces()) {
            if (eni.instanceId() == null) {
                continue;
            }
            Endpoint from = at(eni.instanceId(), eni);
            int address;
            try {
                address = resolver.destination(service, from.source());
            } catch (IllegalArgumentException e) {
                continue;
            }
            Evaluation e = evaluator.evaluate(from.source(), Packet.tcp(from.ip(), address, 49152, 443, Packet.SYN));
            if (e.accepted() && e.hops().stream().anyMatch(h -> h.startsWith("nat-"))) {
                found.add(from);
            }
        }
        return found;
    }

    /** The evaluation of one TCP SYN from {@code from} to {@code to} on {@code port}. */
    public Evaluation evaluateSyn(Endpoint from, Endpoint to, int port) {
        return evaluator.evaluate(from.source(), Packet.tcp(from.ip(), to.ip(), 49152, port, Packet.SYN));
    }

    /** The interface holding {@code ip} in the VPC of {@code from}, or null. */
    private NetworkInterface interfaceAt(Endpoint from, int ip) {
        if (from.interfaceId() == null) {
            return null;
        }
        String vpcId = network.networkInterface(from.interfaceId()).map(NetworkInterface::vpcId).orElse(null);
        String address = Ipv4.format(ip);
        return network.networkInterfaces().stream()
                .filter(n -> n.vpcId().equals(vpcId) && n.privateIps().contains(address))
                .findFirst().orElse(null);
    }

    private static Endpoint at(String name, NetworkInterface eni) {
        int ip = Ipv4.parse(eni.primaryPrivateIp());
        return new Endpoint(name, ip, new Source.AtInterface(eni, ip), eni.id());
    }
}
