package io.vpcflow.model.load.yaml;

import io.vpcflow.model.EndpointType;
import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.LoadBalancer;
import io.vpcflow.model.NatGateway;
import io.vpcflow.model.VpcEndpoint;
import io.vpcflow.model.net.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The things in a VPC that own network interfaces: instances, NAT gateways, interface endpoints and load
 * balancers. The loader creates the interfaces of the last three, as AWS does, named after their owner
 * ({@code eni-nat-0a1}, {@code eni-vpce-0a1-1} ...) so that they cannot collide with an instance's {@code eni-0a1}.
 */
final class ComputeReader {
    private static final Set<String> INSTANCE_KEYS = Set.of("id", "name", "subnet", "eni", "private-ip",
            "private-ips", "public-ip", "security-groups", "source-dest-check");
    private static final Set<String> NAT_KEYS = Set.of("id", "name", "subnet", "private-ip", "eip", "eni", "state");
    private static final Set<String> IFE_KEYS = Set.of("id", "name", "service", "subnets", "security-groups",
            "private-dns", "state");
    private static final Set<String> LB_KEYS = Set.of("id", "name", "subnets", "security-groups", "listeners");
    private static final Set<String> LISTENER_KEYS = Set.of("proto", "port", "target-port", "targets");

    private final Ctx ctx;
    private final Enis enis;
    private final String accountId;
    private final String region;
    private final String vpcId;

    ComputeReader(Ctx ctx, String accountId, String region, String vpcId) {
        this.ctx = ctx;
        this.enis = new Enis(ctx);
        this.accountId = accountId;
        this.region = region;
        this.vpcId = vpcId;
    }

    void instance(Node node) {
        Fields f = Fields.of(ctx, node, "instance", "vpc " + vpcId, INSTANCE_KEYS);
        String id = f == null ? null : f.required("id", "add `id: i-...`");
        String subnet = f == null ? null : f.required("subnet", "add `subnet: subnet-...`");
        if (id == null || subnet == null || !ctx.register(id, node)) {
            return;
        }
        List<String> ips = new ArrayList<>(f.strings("private-ip"));
        ips.addAll(f.strings("private-ips"));
        String eniId = f.string("eni") != null ? f.string("eni") : "eni-" + TableReader.suffix(id);
        enis.add(new Enis.Spec(eniId, accountId, vpcId, subnet, ips, f.string("public-ip"),
                f.strings("security-groups"), InterfaceType.INSTANCE, id, f.bool("source-dest-check", true), node));
    }

    void natGateway(Node node) {
        Fields f = Fields.of(ctx, node, "NAT gateway", "vpc " + vpcId, NAT_KEYS);
        String id = f == null ? null : f.required("id", "add `id: nat-...`");
        String subnet = f == null ? null : f.required("subnet", "add `subnet: <a public subnet>`");
        if (id == null || subnet == null || !ctx.register(id, node)) {
            return;
        }
        String eniId = f.string("eni") != null ? f.string("eni") : "eni-" + id;
        String eip = f.string("eip");
        boolean available = f.string("state") == null || f.string("state").equalsIgnoreCase("available");
        Enis.Spec spec = enis.add(new Enis.Spec(eniId, accountId, vpcId, subnet, f.strings("private-ip"), eip,
                List.of(), InterfaceType.NAT_GATEWAY, id, false, node));
        ctx.later(() -> {
            NatGateway nat = ctx.build(node, id,
                    () -> new NatGateway(id, vpcId, subnet, eniId, spec.primaryIp(), eip, available));
            if (nat != null) {
                ctx.builder.add(nat);
            }
        });
    }

    void interfaceEndpoint(Node node) {
        Fields f = Fields.of(ctx, node, "interface endpoint", "vpc " + vpcId, IFE_KEYS);
        String id = f == null ? null : f.required("id", "add `id: vpce-...`");
        String service = f == null ? null : f.required("service", "add `service: sqs`, a full name or a vpce-svc- id");
        if (id == null || service == null || !ctx.register(id, node)) {
            return;
        }
        List<String> groups = f.strings("security-groups");
        List<String> subnets = new ArrayList<>();
        List<String> eniIds = new ArrayList<>();
        for (SubnetIp placed : placements(f, "subnets", id)) {
            String eniId = "eni-" + id + "-" + (eniIds.size() + 1);
            enis.add(new Enis.Spec(eniId, accountId, vpcId, placed.subnetId(), placed.ips(), null, groups,
                    InterfaceType.VPC_ENDPOINT, id, false, placed.node()));
            subnets.add(placed.subnetId());
            eniIds.add(eniId);
        }
        boolean toEndpointService = service.startsWith("vpce-svc-");
        boolean privateDns = f.bool("private-dns", !toEndpointService);
        String state = f.string("state");
        ctx.later(() -> {
            String serviceName = serviceName(service, f.node("service"), id);
            VpcEndpoint endpoint = ctx.build(node, id, () -> new VpcEndpoint(id, EndpointType.INTERFACE, vpcId,
                    accountId, serviceName, state, List.of(), subnets, eniIds, groups, privateDns));
            if (endpoint != null) {
                ctx.builder.add(endpoint);
            }
        });
    }

    /** {@code sqs} -> com.amazonaws.REGION.sqs; a name with dots as written; vpce-svc-... -> that service's name. */
    private String serviceName(String service, Node at, String endpointId) {
        if (service.startsWith("vpce-svc-")) {
            String name = ctx.endpointServiceNames.get(service);
            if (name == null) {
                ctx.error(at, endpointId, "interface endpoint " + endpointId + " names endpoint service " + service
                        + ", which the file does not declare", "declare it under endpoint-services of the "
                        + "provider's Region, or give the full service name");
                return service;
            }
            return name;
        }
        return service.contains(".") ? service : "com.amazonaws." + region + "." + service;
    }

    void loadBalancer(Node node) {
        Fields f = Fields.of(ctx, node, "load balancer", "vpc " + vpcId, LB_KEYS);
        String id = f == null ? null : f.required("id", "add `id: <name of the load balancer>`");
        if (id == null || !ctx.register(id, node)) {
            return;
        }
        List<String> eniIds = new ArrayList<>();
        for (SubnetIp placed : placements(f, "subnets", id)) {
            String eniId = "eni-" + id + "-" + (eniIds.size() + 1);
            enis.add(new Enis.Spec(eniId, accountId, vpcId, placed.subnetId(), placed.ips(), null,
                    f.strings("security-groups"), InterfaceType.LOAD_BALANCER, id, false, placed.node()));
            eniIds.add(eniId);
        }
        List<LoadBalancer.Listener> listeners = new ArrayList<>();
        for (Node item : f.items("listeners")) {
            LoadBalancer.Listener listener = listener(item, id);
            if (listener != null) {
                listeners.add(listener);
            }
        }
        LoadBalancer lb = ctx.build(node, id, () -> new LoadBalancer(id, accountId, vpcId, eniIds, listeners));
        if (lb != null) {
            ctx.builder.add(lb);
        }
    }

    private LoadBalancer.Listener listener(Node item, String lbId) {
        Fields f = Fields.ofPart(ctx, item, lbId, "listener of load balancer " + lbId, LISTENER_KEYS);
        if (f == null) {
            return null;
        }
        Integer port = f.integer("port");
        if (port == null) {
            if (!f.has("port")) {
                ctx.error(item, lbId, "listener of load balancer " + lbId + " has no port", "add `port: 443`");
            }
            return null;
        }
        Integer targetPort = f.has("target-port") ? f.integer("target-port") : port;
        if (targetPort == null || port < 1 || port > 65535 || targetPort < 1 || targetPort > 65535) {
            ctx.error(item, lbId, "listener ports of load balancer " + lbId + " must be within 1-65535",
                    "correct port / target-port");
            return null;
        }
        int protocol;
        try {
            protocol = f.string("proto") == null ? Protocol.TCP : Protocol.parse(f.string("proto"));
        } catch (IllegalArgumentException e) {
            ctx.error(f.node("proto"), lbId, e.getMessage(), "write tcp or udp");
            return null;
        }
        return new LoadBalancer.Listener(protocol, port, targetPort, f.strings("targets"));
    }

    private record SubnetIp(String subnetId, List<String> ips, Node node) {
    }

    /** {@code subnets: [subnet-a, subnet-b]} or {@code subnets: {subnet-a: 10.0.1.20, subnet-b: null}}. */
    private List<SubnetIp> placements(Fields f, String key, String ownerId) {
        List<SubnetIp> result = new ArrayList<>();
        Node value = f.node(key);
        if (value == null || value instanceof SequenceNode || Fields.isNull(value)) {
            List<Node> items = f.items(key);
            List<String> ids = f.strings(key);
            for (int i = 0; i < ids.size(); i++) {
                result.add(new SubnetIp(ids.get(i), List.of(), i < items.size() ? items.get(i) : value));
            }
            return result;
        }
        for (NodeTuple tuple : f.entries(key)) {
            String subnet = Fields.scalarText(tuple.getKeyNode());
            Node ip = tuple.getValueNode();
            if (subnet == null || (!Fields.isNull(ip) && Fields.scalarText(ip) == null)) {
                ctx.error(tuple.getKeyNode(), ownerId, "each entry of '" + key + "' of " + ownerId
                        + " must be `subnet-id: private-ip`", "write `subnet-0a1: 10.0.1.20` (or leave the IP empty)");
                continue;
            }
            result.add(new SubnetIp(subnet, Fields.isNull(ip) ? List.of() : List.of(Fields.scalarText(ip)),
                    tuple.getKeyNode()));
        }
        return result;
    }
}
