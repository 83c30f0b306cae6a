package io.vpcflow.model;

import java.util.List;

/**
 * A network interface (ENI): the place where security groups apply and flow logs are captured.
 * {@code privateIps} holds the primary private address first. {@code attachedTo} is the instance, NAT gateway,
 * endpoint or load balancer id that owns it.
 */
public record NetworkInterface(String id, String accountId, String vpcId, String subnetId,
                               List<String> privateIps, String publicIp, List<String> securityGroupIds,
                               InterfaceType type, String attachedTo, boolean sourceDestCheck) {
    public NetworkInterface {
        Checks.id(id, "network interface");
        Checks.required(vpcId, "network interface " + id, "vpc id");
        Checks.required(subnetId, "network interface " + id, "subnet id");
        privateIps = Checks.list(privateIps);
        if (privateIps.isEmpty()) {
            throw new IllegalArgumentException("network interface " + id + " has no private IP address");
        }
        securityGroupIds = Checks.list(securityGroupIds);
        Checks.required(type, "network interface " + id, "type");
    }

    public String primaryPrivateIp() {
        return privateIps.get(0);
    }

    /** The instance id AWS writes in flow logs, or null for requester-managed interfaces. */
    public String instanceId() {
        return type == InterfaceType.INSTANCE ? attachedTo : null;
    }
}
