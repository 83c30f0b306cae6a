package io.vpcflow.model;

/** A VPC peering connection between a requester and an accepter VPC, possibly in other accounts and Regions. */
public record VpcPeeringConnection(String id, PeeringStatus status, Side requester, Side accepter) {
    /** One end of the peering. */
    public record Side(String vpcId, String accountId, String region) {
    }

    public VpcPeeringConnection {
        Checks.id(id, "VPC peering connection");
        Checks.required(status, "VPC peering connection " + id, "status");
        Checks.required(requester, "VPC peering connection " + id, "requester");
        Checks.required(accepter, "VPC peering connection " + id, "accepter");
    }

    public boolean connects(String vpcId) {
        return requester.vpcId().equals(vpcId) || accepter.vpcId().equals(vpcId);
    }

    /** The VPC on the other side from {@code vpcId}. */
    public Side peerOf(String vpcId) {
        return requester.vpcId().equals(vpcId) ? accepter : requester;
    }

    public boolean crossRegion() {
        return !requester.region().equals(accepter.region());
    }
}
