package io.vpcflow.model;

/**
 * A NAT gateway. It lives in {@code subnetId} through its network interface; a public NAT gateway has an
 * Elastic IP ({@code publicIp}), a private one has none.
 */
public record NatGateway(String id, String vpcId, String subnetId, String networkInterfaceId, String privateIp,
                         String publicIp, boolean available) {
    public NatGateway {
        Checks.id(id, "NAT gateway");
        Checks.required(vpcId, "NAT gateway " + id, "vpc id");
        Checks.required(subnetId, "NAT gateway " + id, "subnet id");
    }
}
