package io.vpcflow.model.load.yaml;

import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.Ipv4;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Network interfaces declared directly (instances) or created for their owner (NAT gateways, endpoints, load
 * balancers). An interface without a given address gets one after the whole file is read: the highest free
 * address of its subnet (below the reserved last one), so that derived addresses stay clear of the low addresses
 * people usually pick and are the same on every load.
 */
final class Enis {
    /** What an interface will be built from; {@code ips} gains the derived address when none was given. */
    static final class Spec {
        final String id;
        final String accountId;
        final String vpcId;
        final String subnetId;
        final List<String> ips;
        final String publicIp;
        final List<String> securityGroupIds;
        final InterfaceType type;
        final String attachedTo;
        final boolean sourceDestCheck;
        final Node node;

        Spec(String id, String accountId, String vpcId, String subnetId, List<String> ips, String publicIp,
             List<String> securityGroupIds, InterfaceType type, String attachedTo, boolean sourceDestCheck, Node node) {
            this.id = id;
            this.accountId = accountId;
            this.vpcId = vpcId;
            this.subnetId = subnetId;
            this.ips = new ArrayList<>(ips);
            this.publicIp = publicIp;
            this.securityGroupIds = securityGroupIds;
            this.type = type;
            this.attachedTo = attachedTo;
            this.sourceDestCheck = sourceDestCheck;
            this.node = node;
        }

        String primaryIp() {
            return ips.isEmpty() ? null : ips.get(0);
        }
    }

    private final Ctx ctx;

    Enis(Ctx ctx) {
        this.ctx = ctx;
    }

    /** Claims the id and the given addresses now; builds the interface once the file has been read. */
    Spec add(Spec spec) {
        if (!ctx.register(spec.id, spec.node)) {
            return spec;
        }
        ctx.interfaceVpcs.put(spec.id, spec.vpcId);
        spec.ips.removeIf(ip -> !valid(ip, spec, "private"));
        if (spec.publicIp != null && !valid(spec.publicIp, spec, "public")) {
            return spec;
        }
        spec.ips.forEach(ip -> ctx.usedIps.add(Ipv4.parse(ip)));
        ctx.later(() -> build(spec));
        return spec;
    }

    private boolean valid(String ip, Spec spec, String kind) {
        if (Ipv4.isValid(ip)) {
            return true;
        }
        ctx.error(spec.node, spec.attachedTo, kind + " IP '" + ip + "' of " + spec.attachedTo
                + " is not an IPv4 address", "write an address such as 10.0.1.10");
        return false;
    }

    private void build(Spec spec) {
        if (spec.ips.isEmpty() && !allocate(spec)) {
            return;
        }
        NetworkInterface eni = ctx.build(spec.node, spec.id, () -> new NetworkInterface(spec.id, spec.accountId,
                spec.vpcId, spec.subnetId, spec.ips, spec.publicIp, spec.securityGroupIds, spec.type, spec.attachedTo,
                spec.sourceDestCheck));
        if (eni != null) {
            ctx.builder.add(eni);
        }
    }

    private boolean allocate(Spec spec) {
        Subnet subnet = ctx.subnets.get(spec.subnetId);
        if (subnet == null) {
            ctx.error(spec.node, spec.attachedTo, spec.attachedTo + " is placed in subnet " + spec.subnetId
                    + ", which the file does not declare", "declare the subnet or correct the id");
            return false;
        }
        Cidr cidr = subnet.cidr();
        for (long address = Integer.toUnsignedLong(cidr.last()) - 1;
             address >= Integer.toUnsignedLong(cidr.first()) + 4; address--) {
            if (ctx.usedIps.add((int) address)) {
                spec.ips.add(Ipv4.format((int) address));
                return true;
            }
        }
        ctx.error(spec.node, spec.attachedTo, "subnet " + spec.subnetId + " has no free address for "
                + spec.attachedTo, "give a private IP or use a larger subnet");
        return false;
    }
}
