package io.vpcflow.model;

/** Who owns a network interface; all but {@link #INSTANCE} are requester-managed (no instance id in flow logs). */
public enum InterfaceType {
    INSTANCE, NAT_GATEWAY, VPC_ENDPOINT, LOAD_BALANCER, OTHER;

    public boolean requesterManaged() {
        return this != INSTANCE && this != OTHER;
    }
}
