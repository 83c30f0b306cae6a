package io.vpcflow.model;

import java.util.List;

/** A network ACL: stateless numbered rules applied where traffic enters or leaves its subnets. */
public record NetworkAcl(String id, String vpcId, boolean isDefault, List<String> subnetIds,
                         List<NetworkAclEntry> entries) {
    public NetworkAcl {
        Checks.id(id, "network ACL");
        Checks.required(vpcId, "network ACL " + id, "vpc id");
        subnetIds = Checks.list(subnetIds);
        entries = Checks.list(entries);
    }
}
