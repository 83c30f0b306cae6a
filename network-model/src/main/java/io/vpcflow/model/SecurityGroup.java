package io.vpcflow.model;

import java.util.List;

/** A security group: stateful allow rules, evaluated at each network interface it is attached to. */
public record SecurityGroup(String id, String name, String vpcId, String accountId,
                            List<SecurityGroupRule> ingress, List<SecurityGroupRule> egress) {
    public SecurityGroup {
        Checks.id(id, "security group");
        Checks.required(vpcId, "security group " + id, "vpc id");
        ingress = Checks.list(ingress);
        egress = Checks.list(egress);
    }
}
