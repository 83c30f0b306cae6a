package io.vpcflow.model;

import java.util.List;

/** An internet gateway and the VPCs it is attached to (at most one in AWS). */
public record InternetGateway(String id, List<String> attachedVpcIds) {
    public InternetGateway {
        Checks.id(id, "internet gateway");
        attachedVpcIds = Checks.list(attachedVpcIds);
    }
}
