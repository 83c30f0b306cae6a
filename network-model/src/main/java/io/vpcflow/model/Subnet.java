package io.vpcflow.model;

import io.vpcflow.model.net.Cidr;

/** A subnet in one availability zone. {@code azId} is the zone id AWS puts in flow logs (use1-az1). */
public record Subnet(String id, String name, String vpcId, Cidr cidr, String availabilityZone, String azId) {
    public Subnet {
        Checks.id(id, "subnet");
        Checks.required(vpcId, "subnet " + id, "vpc id");
        Checks.required(cidr, "subnet " + id, "CIDR block");
    }

    /** The VPC router's address in this subnet (base + 1); AWS never logs traffic to it. */
    public int routerAddress() {
        return cidr.addressAt(1);
    }
}
